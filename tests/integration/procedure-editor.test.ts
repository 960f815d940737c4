import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, procedureVersions, users } from '@/db/schema';
import type { AdminActor } from '@/lib/administration/admin-actor';
import { createProcedure } from '@/lib/administration/procedures/create-procedure';
import { getProcedureForEditing } from '@/lib/administration/procedures/get-procedure-for-editing';
import { publishDraftVersion } from '@/lib/administration/procedures/publish-draft-version';
import { replaceDraftDefinition } from '@/lib/administration/procedures/replace-draft-definition';
import { updateDraftField } from '@/lib/administration/procedures/update-draft-field';
import { updateDraftPresentation } from '@/lib/administration/procedures/update-draft-presentation';
import { updateDraftSteps } from '@/lib/administration/procedures/update-draft-steps';
import { updateDraftStep } from '@/lib/administration/procedures/update-draft-step';
import { validateStep } from '@/lib/procedures/compile-step';
import { procedureResult } from '@/app/admin/demarches/messages';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The procedure editor (issue 11): no lost update, everything without JSON, cross-field rules,
// and a definition validator that refuses what would break the form, saving nothing.

const EDIT = { kind: 'edit' } as const;
const JSON_EDITOR = { kind: 'edit', invalidField: 'definition' } as const;

let db: TestDatabase;
let admin: AdminActor;

async function newProcedure() {
  const created = await createProcedure(db.db, admin, { slug: `demarche-${randomUUID().slice(0, 8)}`, title: 'Séjour linguistique', summary: 'Aide au séjour.', category: 'urbanisme', beneficiaries: ['self'] });
  if (!created.ok) throw new Error('not created');
  return created.id;
}

const editingOf = async (id: string) => (await getProcedureForEditing(db.db, admin, id))!;

async function storedDraft(id: string) {
  const [row] = await db.db.select({ definition: procedureVersions.definition, revision: procedureVersions.revision }).from(procedureVersions).where(eq(procedureVersions.procedureId, id));
  return row;
}

const presentation = (procedureId: string, revision: number, estimatedDuration: string) => ({
  procedureId,
  revision,
  beneficiaries: ['self' as const],
  personSubtypes: [],
  estimatedDuration,
  processingTime: undefined,
  requirements: [],
});

/** A definition with two dates, a yes/no and a number, saved through the JSON editor. */
async function withDates(id: string) {
  const editing = await editingOf(id);
  const json = structuredClone(editing.working.definition) as Record<string, unknown> & { steps: Record<string, unknown>[] };
  json.steps = [
    {
      key: 'sejour',
      title: 'Le séjour',
      fields: [
        { key: 'dateDebut', type: 'date', label: 'Date de début', required: true },
        { key: 'dateFin', type: 'date', label: 'Date de fin', required: true },
        { key: 'accompagne', type: 'yesno', label: 'Êtes-vous accompagné ?', required: true },
        { key: 'accompagnant', type: 'text', label: 'Nom de l’accompagnant', required: true },
      ],
    },
  ];
  const saved = await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: editing.working.revision, definition: JSON.stringify(json) });
  expect(saved).toMatchObject({ ok: true });
  return (await editingOf(id)).working.revision;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const [row] = await db.db.insert(users).values({ email: `admin.${randomUUID()}@exemple.fr`, passwordHash: 'x', role: 'admin', emailVerifiedAt: new Date() }).returning({ id: users.id });
  admin = { id: row.id, role: 'admin' };
});
afterAll(async () => db?.drop());

describe('no lost update', () => {
  it('two concurrent saves of one working version: exactly one wins, the other is told what changed meanwhile', async () => {
    const id = await newProcedure();
    const revision = (await editingOf(id)).working.revision;
    const fields = [{ key: 'objet', label: 'Objet du séjour', hint: undefined, required: true, body: undefined, position: 1, remove: false }];
    const results = await Promise.all([
      updateDraftPresentation(db.db, admin, presentation(id, revision, '20 minutes')),
      updateDraftStep(db.db, admin, { procedureId: id, revision, stepKey: 'demande', title: 'Votre séjour', description: undefined, fields }),
    ]);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const message = procedureResult(losers[0] as never, EDIT) as { formError: string };
    expect(message.formError).toContain('Rien n’a été enregistré');
    expect(message.formError).toMatch(/Modifié entre-temps : (Présentation modifiée : la durée estimée|Étape « Votre demande » renommée en « Votre séjour »)/);
    const stored = await storedDraft(id);
    expect(stored.revision).toBeGreaterThan(revision);
  });

  it('a save from the page shown before another save is refused, and the JSON editor cannot erase a structured edit', async () => {
    const id = await newProcedure();
    const page = await editingOf(id);
    expect(await updateDraftPresentation(db.db, admin, presentation(id, page.working.revision, '10 minutes'))).toMatchObject({ ok: true });
    // The JSON box of the old page still shows the old definition: saving it must not erase the edit.
    const stale = await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: page.working.revision, definition: page.working.json });
    expect(procedureResult(stale, JSON_EDITOR)).toEqual({ ok: false, formError: expect.stringContaining('Présentation modifiée : la durée estimée') });
    expect((await editingOf(id)).working.definition.estimatedDuration).toBe('10 minutes');
  });

  it('revisions are never reused, even after a discarded draft', async () => {
    const id = await newProcedure();
    const first = (await editingOf(id)).working.revision;
    expect(await updateDraftPresentation(db.db, admin, presentation(id, first, '5 minutes'))).toMatchObject({ ok: true });
    const second = (await editingOf(id)).working.revision;
    expect(second).toBeGreaterThan(first);
    expect(await updateDraftPresentation(db.db, admin, presentation(id, first, '6 minutes'))).toMatchObject({ ok: false, reason: 'stale' });
  });
});

describe('fields, conditions and rules without JSON', () => {
  it('sets a condition from an earlier field and a rule, which the compiled step then enforces', async () => {
    const id = await newProcedure();
    let revision = await withDates(id);
    const base = { procedureId: id, required: true, settings: {} };
    expect(await updateDraftField(db.db, admin, { ...base, revision, fieldKey: 'dateFin', label: 'Date de fin', ruleOperator: 'gt', ruleOther: 'dateDebut' })).toMatchObject({ ok: true });
    revision = (await editingOf(id)).working.revision;
    expect(await updateDraftField(db.db, admin, { ...base, revision, fieldKey: 'accompagnant', label: 'Nom de l’accompagnant', condition: 'accompagne::true' })).toMatchObject({ ok: true });
    const definition = (await editingOf(id)).working.definition;
    expect(definition.rules).toEqual([{ field: 'dateFin', operator: 'gt', other: 'dateDebut' }]);

    const before = validateStep(definition, 'sejour', { dateDebut: '2027-03-10', dateFin: '2027-03-02', accompagne: false });
    expect(before).toEqual({ ok: false, fieldErrors: { dateFin: ['« Date de fin » doit être après « Date de début » (le 10 mars 2027).'] } });
    expect(validateStep(definition, 'sejour', { dateDebut: '2027-03-10', dateFin: '2027-03-12', accompagne: false }).ok).toBe(true);
    expect(validateStep(definition, 'sejour', { dateDebut: '2027-03-10', dateFin: '2027-03-12', accompagne: true })).toMatchObject({ ok: false, fieldErrors: { accompagnant: [expect.any(String)] } });
  });

  it('sets a file field’s accepted types, count and size from its type’s settings', async () => {
    const id = await newProcedure();
    const revision = (await editingOf(id)).working.revision;
    const added = await updateDraftSteps(db.db, admin, { procedureId: id, revision, confirmRemoval: false, rows: [{ key: 'demande', position: 1, remove: false }], added: { title: 'Pièces', fieldType: 'file', fieldLabel: 'Justificatif de domicile' } });
    expect(added).toMatchObject({ ok: true });
    const editing = await editingOf(id);
    expect(editing.working.definition.steps.map((s) => s.key)).toEqual(['demande', 'pieces']);
    const settings = { 'setting-accept': ['application/pdf'], 'setting-multiple': 'on', 'setting-maxSizeMb': '5', 'setting-maxAgeMonths': '' };
    const saved = await updateDraftField(db.db, admin, { procedureId: id, revision: editing.working.revision, fieldKey: 'justificatifDeDomicile', label: 'Justificatif de domicile', required: true, settings });
    expect(saved).toMatchObject({ ok: true });
    expect((await editingOf(id)).working.definition.steps[1].fields[0]).toMatchObject({ type: 'file', accept: ['application/pdf'], multiple: true, maxSizeMb: 5, required: true });
    const refused = await updateDraftField(db.db, admin, { procedureId: id, revision: (await editingOf(id)).working.revision, fieldKey: 'justificatifDeDomicile', label: 'Justificatif', required: true, settings: { ...settings, 'setting-maxSizeMb': 'beaucoup' } });
    expect(procedureResult(refused, EDIT)).toMatchObject({ ok: false, fieldErrors: { 'setting-maxSizeMb': [expect.stringContaining('saisissez un nombre entier')] } });
  });

  it('refuses a condition on a later field, offered or not', async () => {
    const id = await newProcedure();
    const revision = await withDates(id);
    const refused = await updateDraftField(db.db, admin, { procedureId: id, revision, fieldKey: 'dateDebut', label: 'Date de début', required: true, settings: {}, condition: 'accompagne::true' });
    expect(procedureResult(refused, EDIT)).toMatchObject({ ok: false, fieldErrors: { condition: [expect.stringContaining('placés avant')] } });
  });

  it('asks for a confirmation before removing a step where drafts have answers', async () => {
    const id = await newProcedure();
    const editing = await editingOf(id);
    expect(await publishDraftVersion(db.db, admin, { procedureId: id, revision: editing.working.revision })).toMatchObject({ ok: true });
    let revision = (await editingOf(id)).working.revision;
    expect(await updateDraftSteps(db.db, admin, { procedureId: id, revision, confirmRemoval: false, rows: [{ key: 'demande', position: 1, remove: false }], added: { title: 'Suite', fieldType: 'text', fieldLabel: 'Précisions' } })).toMatchObject({ ok: true });
    const [version] = await db.db.select({ id: procedureVersions.id }).from(procedureVersions).where(and(eq(procedureVersions.procedureId, id), eq(procedureVersions.version, 1)));
    await db.db.insert(dossiers).values({ ownerId: admin.id, procedureId: id, procedureVersionId: version.id, status: 'draft', data: { objet: 'Un séjour' } });
    revision = (await editingOf(id)).working.revision;
    const rows = [{ key: 'demande', position: 1, remove: true }, { key: 'suite', position: 2, remove: false }];
    const refused = await updateDraftSteps(db.db, admin, { procedureId: id, revision, confirmRemoval: false, rows });
    expect(procedureResult(refused, EDIT)).toMatchObject({ ok: false, fieldErrors: { confirmRemoval: [expect.stringContaining('1 brouillon a des réponses')] } });
    expect(await updateDraftSteps(db.db, admin, { procedureId: id, revision, confirmRemoval: true, rows })).toMatchObject({ ok: true });
    expect((await editingOf(id)).working.definition.steps.map((s) => s.key)).toEqual(['suite']);
  });
});

describe('the definition validator refuses, saving nothing', () => {
  async function refuse(mutate: (json: Record<string, unknown> & { steps: { key: string; fields: Record<string, unknown>[] }[] }) => void, expected: RegExp) {
    const id = await newProcedure();
    await withDates(id);
    const before = await storedDraft(id);
    const json = structuredClone(before.definition) as Record<string, unknown> & { steps: { key: string; fields: Record<string, unknown>[] }[] };
    mutate(json);
    const result = await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: before.revision, definition: JSON.stringify(json) });
    const shown = procedureResult(result, JSON_EDITOR) as unknown as { fieldErrors: { definition: string[] } };
    expect(shown.fieldErrors.definition.join('\n')).toMatch(expected);
    expect(await storedDraft(id)).toEqual(before);
  }

  it('an unknown field type', () => refuse((j) => (j.steps[0].fields[0].type = 'couleur'), /étape « sejour » › champ « dateDebut ».*Type de champ inconnu/));
  it('a showIf pointing to a later field', () => refuse((j) => (j.steps[0].fields[0].showIf = { field: 'accompagne', equals: true }), /champ « dateDebut » › showIf : .*« accompagne »/));
  it('a showIf pointing to the field itself', () => refuse((j) => (j.steps[0].fields[2].showIf = { field: 'accompagne', equals: true }), /ne peut pas dépendre de lui-même/));
  it('a cycle in rules', () =>
    refuse((j) => (j.rules = [{ field: 'dateFin', operator: 'gt', other: 'dateDebut' }, { field: 'dateDebut', operator: 'gt', other: 'dateFin' }]), /Les règles tournent en rond : « dateFin » → « dateDebut » → « dateFin »/));
  it('a rule between a date and a text', () => refuse((j) => (j.rules = [{ field: 'dateFin', operator: 'gt', other: 'accompagnant' }]), /règle n° 1 : .*ne se comparent pas/));
  it('10,000 fields', () =>
    refuse((j) => (j.steps[0].fields = Array.from({ length: 10_000 }, (_, i) => ({ key: `champ${i}`, type: 'text', label: `Champ ${i}` }))), /au plus 200 champs/));
  it('a label of 1 MB', () => refuse((j) => (j.steps[0].fields[0].label = 'a'.repeat(1024 * 1024)), /champ « dateDebut » › label : 200 caractères au maximum/));
});
