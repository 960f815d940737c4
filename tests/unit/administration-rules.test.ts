import { describe, expect, it } from 'vitest';
import { describeAuditMeta } from '@/lib/administration/audit-labels';
import { refusalMessage, SELF_CHANGE_MESSAGE } from '@/app/admin/agents/messages';
import { refuseAddAgent as refuseAddAgentReason, refuseRoleChange as refuseRoleChangeReason } from '@/lib/administration/role-rules';

// The rules give reasons; the page words them (app/admin/agents/messages.ts). The assertions read the words.
const worded = (reason: Parameters<typeof refusalMessage>[0] | null) => (reason ? refusalMessage(reason) : null);
const refuseRoleChange = (...args: Parameters<typeof refuseRoleChangeReason>) => worded(refuseRoleChangeReason(...args));
const refuseAddAgent = (...args: Parameters<typeof refuseAddAgentReason>) => worded(refuseAddAgentReason(...args));
import { addAgentSchema, journalFilterSchema } from '@/lib/administration/schemas';
import { parseDefinitionJson } from '@/lib/administration/procedures/definition-json';
import {
  createProcedureSchema,
  readStatusesForm,
  readStepTextsForm,
  statusesFieldName,
  statusesFormSchema,
  stepTextsFieldName,
  stepTextsSchema,
} from '@/lib/administration/procedures/schemas';
import { applyStatusesForm } from '@/lib/administration/procedures/statuses-edit';
import { applyStepTexts, StepEditError } from '@/lib/administration/procedures/step-texts-edit';

const ME = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

describe('role rules', () => {
  it('an administrator cannot demote or withdraw themselves', () => {
    expect(refuseRoleChange(ME, { id: ME, role: 'admin' }, 'agent')).toBe(SELF_CHANGE_MESSAGE);
    expect(refuseRoleChange(ME, { id: ME, role: 'admin' }, 'citizen')).toBe(SELF_CHANGE_MESSAGE);
  });

  it('another back-office user can change role or lose access; a citizen or an unchanged role is refused', () => {
    expect(refuseRoleChange(ME, { id: OTHER, role: 'admin' }, 'agent')).toBeNull();
    expect(refuseRoleChange(ME, { id: OTHER, role: 'agent' }, 'admin')).toBeNull();
    expect(refuseRoleChange(ME, { id: OTHER, role: 'agent' }, 'citizen')).toBeNull();
    expect(refuseRoleChange(ME, { id: OTHER, role: 'agent' }, 'agent')).toMatch(/déjà agent/);
    expect(refuseRoleChange(ME, { id: OTHER, role: 'citizen' }, 'citizen')).toMatch(/n’a pas accès/);
  });

  it('only a citizen account, or no account, can be added as an agent', () => {
    expect(refuseAddAgent(null)).toBeNull();
    expect(refuseAddAgent({ role: 'citizen' })).toBeNull();
    expect(refuseAddAgent({ role: 'agent' })).toMatch(/déjà accès/);
  });
});

describe('schemas', () => {
  it('creating a procedure: French messages per field, beneficiaries from checkboxes', () => {
    const result = createProcedureSchema.safeParse({ slug: 'Permis De Louer', title: ' ', summary: 'Résumé', category: 'inconnue' });
    expect(result.success).toBe(false);
    const errors = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(errors).toEqual({
      slug: expect.stringContaining('lettres minuscules'),
      title: 'Saisissez le titre de la démarche.',
      category: 'Choisissez une catégorie.',
      beneficiaries: 'Cochez au moins un type de bénéficiaire.',
    });
    const ok = createProcedureSchema.parse({ slug: 'permis-de-louer', title: 'Permis', summary: 'Résumé', category: 'urbanisme', beneficiaries: 'self' });
    expect(ok.beneficiaries).toEqual(['self']);
  });

  it('adding an agent lower-cases the address and explains a bad one', () => {
    expect(addAgentSchema.parse({ email: ' Agent@Mairie.FR ', role: 'agent' }).email).toBe('agent@mairie.fr');
    expect(addAgentSchema.safeParse({ email: 'pas-une-adresse', role: 'agent' }).error?.issues[0].message).toMatch(/adresse de courriel valide/);
    expect(addAgentSchema.safeParse({ email: 'a@b.fr', role: 'citizen' }).error?.issues[0].message).toMatch(/agent ou administrateur/);
  });

  it('journal filters: a reversed date range is refused, a bad page falls back to 1', () => {
    expect(journalFilterSchema.safeParse({ du: '2026-05-02', au: '2026-05-01' }).error?.issues[0]).toMatchObject({ path: ['au'], message: 'La date de fin précède la date de début.' });
    expect(journalFilterSchema.parse({ page: 'abc', type: 'agent' })).toEqual({ page: 1, type: 'agent' });
    expect(journalFilterSchema.safeParse({ type: "agent'; drop" }).success).toBe(false);
  });

  it('the statuses form reads its rows and names the control of each error', () => {
    const raw = {
      procedureId: ME,
      revision: 7,
      'status-0-key': 'recue',
      'status-0-label': '',
      'status-0-tone': 'info',
      'status-0-position': '1',
      'status-1-key': 'close',
      'status-1-label': 'Close',
      'status-1-tone': 'success',
      'status-1-final': 'on',
      'status-1-position': 'deux',
      initial: 'recue',
    };
    const result = statusesFormSchema.safeParse(readStatusesForm(raw));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [statusesFieldName(i.path), i.message])).toEqual([
      ['status-0-label', 'Saisissez le libellé du statut.'],
      ['status-1-position', 'Indiquez une position (un nombre).'],
    ]);
  });
});

describe('editing statuses', () => {
  const statuses = [
    { key: 'recue', label: 'Reçue', tone: 'info', final: false, notify: true },
    { key: 'en-cours', label: 'En cours', tone: 'progress', final: false, description: 'Un agent étudie votre demande.' },
    { key: 'close', label: 'Close', tone: 'success', final: true },
  ];
  const rows = statuses.map((s, i) => ({ key: s.key, label: s.label, tone: s.tone as 'info', final: s.final, notify: true, description: s.description, position: i + 1, remove: false }));
  const input = { procedureId: ME, revision: 7, rows, initial: 'recue' };

  it('reorders by position, adds at the end and moves the initial status first', () => {
    const result = applyStatusesForm(statuses, {
      ...input,
      rows: [rows[0], { ...rows[1], position: 9 }, { ...rows[2], position: 2 }],
      added: { key: 'attente', label: 'En attente', tone: 'warning', final: false, notify: true },
      initial: 'attente',
    });
    expect(result.ok && result.statuses.map((s) => s.key)).toEqual(['attente', 'recue', 'close', 'en-cours']);
    expect(result.ok && result.statuses[3].description).toBe('Un agent étudie votre demande.');
  });

  it('refuses to remove the initial status and a key that exists', () => {
    const result = applyStatusesForm(statuses, { ...input, rows: [{ ...rows[0], remove: true }, rows[1], rows[2]], added: { key: 'close', label: 'Autre', tone: 'info', final: false, notify: true } });
    expect(result).toEqual({ ok: false, fieldErrors: { 'new-key': [expect.any(String)], 'status-0-remove': [expect.stringContaining('statut initial')] } });
  });

  it('refuses rows that do not match the statuses shown (outdated page)', () => {
    expect(applyStatusesForm(statuses, { ...input, rows: rows.slice(1) }).ok).toBe(false);
  });
});

describe('editing a step', () => {
  const steps = [
    {
      key: 'demande',
      title: 'Votre demande',
      fields: [
        { key: 'objet', type: 'text', label: 'Objet', hint: 'Court', required: true },
        { key: 'note', type: 'info', label: 'À savoir', body: 'Texte' },
      ],
    },
  ];

  it('changes labels, hints, required and information text, and nothing else', () => {
    const [step] = applyStepTexts(steps, {
      procedureId: ME,
      revision: 7,
      stepKey: 'demande',
      title: 'Votre logement',
      description: undefined,
      fields: [
        { key: 'objet', label: 'Adresse du logement', hint: undefined, required: false, body: undefined, position: 1, remove: false },
        { key: 'note', label: 'Important', hint: undefined, required: true, body: 'Nouveau texte', position: 2, remove: false },
      ],
    });
    expect(step).toEqual({
      key: 'demande',
      title: 'Votre logement',
      fields: [
        { key: 'objet', type: 'text', label: 'Adresse du logement', required: false },
        { key: 'note', type: 'info', label: 'Important', body: 'Nouveau texte' },
      ],
    });
  });
});

describe('adding, moving and removing fields', () => {
  const steps = [
    {
      key: 'demande',
      title: 'Votre demande',
      fields: [
        { key: 'a', type: 'text', label: 'A', required: true },
        { key: 'b', type: 'text', label: 'B', required: true },
        { key: 'c', type: 'text', label: 'C', required: true },
      ],
    },
    { key: 'suite', title: 'Suite', fields: [{ key: 'd', type: 'yesno', label: 'D', required: true }] },
  ];
  const rows = steps[0].fields.map((f, i) => ({ key: f.key, label: f.label, hint: undefined, required: true, body: undefined, position: i + 1, remove: false }));
  const base = { procedureId: ME, revision: 7, stepKey: 'demande', title: 'Votre demande', description: undefined };

  it('orders by the positions typed, drops removed fields and appends the new one with option values', () => {
    const [step] = applyStepTexts(steps, {
      ...base,
      fields: [{ ...rows[0], position: 3 }, { ...rows[1], remove: true }, { ...rows[2], position: 1 }],
      newField: { key: 'ecole', type: 'select', label: 'École', hint: 'Celle de la rentrée', required: false, options: ['École Jules-Ferry', 'Groupe scolaire Œillets'] },
    });
    expect(step.fields.map((f) => f.key)).toEqual(['c', 'a', 'ecole']);
    expect(step.fields[2]).toEqual({
      key: 'ecole',
      type: 'select',
      label: 'École',
      hint: 'Celle de la rentrée',
      required: false,
      options: [
        { value: 'ecole-jules-ferry', label: 'École Jules-Ferry' },
        { value: 'groupe-scolaire-oeillets', label: 'Groupe scolaire Œillets' },
      ],
    });
  });

  it('refuses a key used anywhere in the procedure, and a choice field without options', () => {
    expect(() => applyStepTexts(steps, { ...base, fields: rows, newField: { key: 'd', type: 'text', label: 'X', hint: undefined, required: false, options: [] } })).toThrow(StepEditError);
    const parsed = stepTextsSchema.safeParse(readStepTextsForm({ ...base, 'new-field-key': 'choix', 'new-field-type': 'radio', 'new-field-label': 'Choix', 'new-field-options': '  \n ' }));
    expect(parsed.error?.issues.map((i) => [stepTextsFieldName(i.path), i.message])).toEqual([['new-field-options', 'Saisissez au moins une option, une par ligne.']]);
  });
});

describe('JSON editor and journal details', () => {
  it('a JSON syntax error names its line', () => {
    expect(parseDefinitionJson('{\n  "steps": [\n    }\n')).toEqual({ ok: false, message: expect.stringMatching(/^JSON invalide, ligne 3/) });
    expect(parseDefinitionJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('journal details never show secret-looking keys', () => {
    expect(describeAuditMeta({ token: 'abc', passwordHash: 'x', sessionVersion: 3, role: 'admin', removed: ['a', 'b'] })).toEqual([
      { label: 'rôle', value: 'administrateur' },
      { label: 'retiré', value: 'a, b' },
    ]);
  });
});
