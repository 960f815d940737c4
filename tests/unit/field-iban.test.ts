import { describe, expect, it } from 'vitest';
import { checkAnswerChanges } from '@/lib/dossiers/answer-changes';
import { addableFieldTypeLabels, addableFieldTypes, newFieldSchema } from '@/lib/administration/procedures/schemas';
import { formatAnswer, readStepForm, validateStep } from '@/lib/procedures/compile-step';
import { parseDefinition, safeParseDefinition } from '@/lib/procedures/definition';
import { hasValidIbanKey } from '@/lib/procedures/fields/iban';
import { computePrefill } from '@/lib/procedures/prefill';

// The iban field type, added through docs/adding-a-field-type.md: a French IBAN, typed with or
// without spaces and in any case, checked with the ISO 13616 key, stored without spaces, shown by four.

const FORMAT_ERROR = 'Saisissez un IBAN français, par exemple FR76 3000 6000 0112 3456 7890 189.';
const KEY_ERROR = 'La clé de contrôle de l’IBAN est incorrecte : vérifiez chaque caractère.';
const VALID = 'FR7630006000011234567890189';

const definition = parseDefinition({
  beneficiaries: ['self'],
  steps: [
    {
      key: 'banque',
      title: 'Coordonnées bancaires',
      fields: [
        { key: 'iban', type: 'iban', label: 'IBAN', required: true },
        { key: 'ibanSecours', type: 'iban', label: 'Autre IBAN' },
      ],
    },
  ],
  statuses: [{ key: 'fin', label: 'Fin', tone: 'success', final: true }],
});

const field = definition.steps[0].fields[0];
const form = (entries: Record<string, string>) => new URLSearchParams(entries);
const errorsOf = (answers: Record<string, string | null>) => {
  const result = validateStep(definition, 'banque', answers);
  return result.ok ? {} : result.fieldErrors;
};

describe('iban field', () => {
  it('reads an IBAN typed with spaces or in lower case as capitals without spaces', () => {
    expect(readStepForm(definition, 'banque', form({ iban: 'FR76 3000 6000 0112 3456 7890 189', ibanSecours: '' }))).toEqual({ iban: VALID, ibanSecours: null });
    expect(readStepForm(definition, 'banque', form({ iban: ' fr7630006000011234567890189 ' })).iban).toBe(VALID);
    expect(readStepForm(definition, 'banque', form({ iban: 'fr76\u00a03000 6000 0112 3456 7890 189' })).iban).toBe(VALID);
  });

  it('accepts a French IBAN with a right key, letters included, and stores it as read', () => {
    expect(validateStep(definition, 'banque', { iban: VALID })).toEqual({ ok: true, values: { iban: VALID } });
    expect(errorsOf({ iban: 'FR1420041010050500013M02606' })).toEqual({});
  });

  it('asks for a French IBAN when the shape is wrong: too short, another country, a stray character', () => {
    for (const iban of ['FR76300060000112345678901', 'DE89370400440532013000', 'FR763000600001123456789018*', 'FR7A30006000011234567890189']) {
      expect(errorsOf({ iban }), iban).toEqual({ iban: [FORMAT_ERROR] });
    }
  });

  it('says the key is wrong when one character is mistyped or two are swapped', () => {
    expect(errorsOf({ iban: 'FR7630006000011234567890180' })).toEqual({ iban: [KEY_ERROR] });
    expect(errorsOf({ iban: 'FR7630006000011234567809189' })).toEqual({ iban: [KEY_ERROR] });
    expect(hasValidIbanKey(VALID)).toBe(true);
  });

  it('is required like any text, and optional when not required', () => {
    expect(errorsOf({ iban: null, ibanSecours: null })).toEqual({ iban: ['Saisissez « IBAN ».'] });
  });

  it('is shown grouped by four in the recap, the receipt and the back office', () => {
    expect(formatAnswer(field, VALID)).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(formatAnswer(field, null)).toBe('');
  });

  it('is autosaved as text, like any draft answer not yet valid', () => {
    expect(checkAnswerChanges(definition, { iban: 'FR76' })).toEqual({ ok: true, changes: { iban: 'FR76' } });
    expect(checkAnswerChanges(definition, { iban: 76 })).toMatchObject({ ok: false });
  });

  it('is prefilled from nothing: no source fits it, and a draft starts without it', () => {
    const withPrefill = {
      beneficiaries: ['self'],
      steps: [{ key: 'banque', title: 'Banque', fields: [{ key: 'iban', type: 'iban', label: 'IBAN', prefill: 'profile.lastName' }] }],
      statuses: [{ key: 'fin', label: 'Fin', tone: 'success', final: true }],
    };
    const result = safeParseDefinition(withPrefill);
    expect(result.success ? [] : result.errors.join('\n')).toContain('« profile.lastName » ne peut pré-remplir qu’un champ de type text, pas iban');
    expect(computePrefill(definition, { profile: { birthName: 'Martin' }, email: 'a@exemple.fr', beneficiary: null })).toEqual({});
  });

  it('cannot serve as a condition', () => {
    const conditional = {
      beneficiaries: ['self'],
      steps: [{ key: 'banque', title: 'Banque', fields: [{ key: 'iban', type: 'iban', label: 'IBAN' }, { key: 'note', type: 'text', label: 'Note', showIf: { field: 'iban', equals: VALID } }] }],
      statuses: [{ key: 'fin', label: 'Fin', tone: 'success', final: true }],
    };
    const result = safeParseDefinition(conditional);
    expect(result.success ? [] : result.errors.join('\n')).toContain('Le champ « iban » (iban) ne peut pas servir de condition.');
  });

  it('can be added from the editor’s structured form, under its French name', () => {
    expect(addableFieldTypes).toContain('iban');
    expect(addableFieldTypeLabels.iban).toBe('IBAN (compte bancaire en France)');
    expect(newFieldSchema.safeParse({ key: 'ibanAsso', type: 'iban', label: 'IBAN', options: '' }).success).toBe(true);
  });
});
