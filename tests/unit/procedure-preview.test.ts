import { describe, expect, it } from 'vitest';
import { checkPreviewStep, PREVIEW_FILE, previewPrefill, sanitizePreviewAnswers } from '@/lib/administration/procedures/preview';
import { parseDefinition } from '@/lib/procedures/definition';

// The editor's preview (issue 11): fictitious prefill, and "Valider l'étape" checked with the
// step's compiled schema without a draft (lib/administration/procedures/preview.ts).

const definition = parseDefinition({
  beneficiaries: ['self'],
  steps: [
    {
      key: 'vous',
      title: 'Vous',
      fields: [
        { key: 'nom', type: 'text', label: 'Nom', required: true, prefill: 'profile.lastName' },
        { key: 'naissance', type: 'date', label: 'Date de naissance', prefill: 'profile.birthDate' },
        { key: 'accompagne', type: 'yesno', label: 'Êtes-vous accompagné ?', required: true },
        { key: 'accompagnant', type: 'text', label: 'Accompagnant', required: true, showIf: { field: 'accompagne', equals: true } },
      ],
    },
    { key: 'pieces', title: 'Pièces', fields: [{ key: 'justificatif', type: 'file', label: 'Justificatif', required: true, accept: ['application/pdf'] }] },
  ],
  statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
});

const post = (entries: Record<string, string | File>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
};

describe('the preview', () => {
  it('prefills for the fictitious citizen', () => {
    expect(previewPrefill(definition)).toEqual({ nom: 'Exemple', naissance: '1990-05-14' });
  });

  it('stays on the step with the errors of the compiled schema', () => {
    const checked = checkPreviewStep(definition, {}, { stepKey: 'vous', shown: 'nom,naissance,accompagne', returnToRecap: false }, post({ nom: '' }));
    expect(checked?.outcome).toMatchObject({ kind: 'invalid', fieldErrors: { nom: ['Saisissez « Nom ».'], accompagne: [expect.any(String)] } });
  });

  it('without JavaScript, introduces the questions an answer reveals before reporting them', () => {
    const checked = checkPreviewStep(definition, {}, { stepKey: 'vous', shown: 'nom,naissance,accompagne', returnToRecap: false }, post({ nom: 'Exemple', accompagne: 'oui' }));
    expect(checked?.outcome).toEqual({ kind: 'revealed', version: 0, answers: expect.any(Object), fieldErrors: {} });
  });

  it('moves on when valid, keeping the answers for the next pages; the last step leads to the recap', () => {
    const first = checkPreviewStep(definition, {}, { stepKey: 'vous', shown: 'nom,naissance,accompagne', returnToRecap: false }, post({ nom: 'Exemple', accompagne: 'non' }));
    expect(first?.outcome).toMatchObject({ kind: 'done', next: 'pieces' });
    expect(first?.answers).toMatchObject({ nom: 'Exemple', accompagne: false });
    const file = new File(['%PDF-1.7'], 'quittance.pdf', { type: 'application/pdf' });
    const last = checkPreviewStep(definition, first!.answers, { stepKey: 'pieces', shown: 'justificatif', returnToRecap: false }, post({ 'justificatif.fichier': file }));
    expect(last?.outcome).toMatchObject({ kind: 'done', next: null });
    expect(last?.answers.justificatif).toEqual([PREVIEW_FILE]);
  });

  it('a required file not chosen is refused; an unknown step is not found', () => {
    expect(checkPreviewStep(definition, {}, { stepKey: 'pieces', shown: 'justificatif', returnToRecap: false }, post({}))?.outcome).toMatchObject({ kind: 'invalid' });
    expect(checkPreviewStep(definition, {}, { stepKey: 'inconnue', shown: '', returnToRecap: false }, post({}))).toBeNull();
  });

  it('keeps only known fields with storable values from the cookie', () => {
    expect(sanitizePreviewAnswers(definition, { nom: 'Exemple', inconnu: 'x', justificatif: ['autre-id'], accompagne: true })).toEqual({ nom: 'Exemple', accompagne: true });
    expect(sanitizePreviewAnswers(definition, 'pas un objet')).toEqual({});
  });
});
