import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dossiers, procedureVersions, procedures, users } from '@/db/schema';
import { getPublishedProcedureBySlug } from '@/lib/procedures/catalogue';
import { AdminRequiredError, type AdminActor } from '@/lib/administration/admin-actor';
import { createProcedure } from '@/lib/administration/procedures/create-procedure';
import { discardDraftVersion } from '@/lib/administration/procedures/discard-draft-version';
import { getProcedureForEditing } from '@/lib/administration/procedures/get-procedure-for-editing';
import { listAdminProcedures } from '@/lib/administration/procedures/list-admin-procedures';
import { publishDraftVersion } from '@/lib/administration/procedures/publish-draft-version';
import { replaceDraftDefinition } from '@/lib/administration/procedures/replace-draft-definition';
import type { StatusesFormInput } from '@/lib/administration/procedures/schemas';
import { updateDraftPresentation } from '@/lib/administration/procedures/update-draft-presentation';
import { updateDraftStatuses } from '@/lib/administration/procedures/update-draft-statuses';
import { updateDraftStep } from '@/lib/administration/procedures/update-draft-step';
import { procedureResult } from '@/app/admin/demarches/messages';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The use cases give reasons; the pages word them (app/admin/demarches/messages.ts): the assertions read the words.
const EDIT = { kind: 'edit' } as const;
const DEFINITION_EDITOR = { kind: 'edit', invalidField: 'definition' } as const;

let db: TestDatabase;
let admin: AdminActor;
let agent: AdminActor;
let citizen: AdminActor;

async function createUser(role: 'citizen' | 'agent' | 'admin'): Promise<AdminActor> {
  const [row] = await db.db
    .insert(users)
    .values({ email: `${role}.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', role, emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return { id: row.id, role };
}

/** A new procedure, published once as version 1. */
async function publishedProcedure() {
  const slug = `demarche-${randomUUID().slice(0, 8)}`;
  const created = await createProcedure(db.db, admin, { slug, title: 'Permis de louer', summary: 'Déclarer une mise en location.', category: 'urbanisme', beneficiaries: ['self'] });
  if (!created.ok) throw new Error('not created');
  const editing = await getProcedureForEditing(db.db, admin, created.id);
  const published = await publishDraftVersion(db.db, admin, { procedureId: created.id, revision: editing!.working.revision });
  expect(published.ok).toBe(true);
  return { id: created.id, slug };
}

async function editingOf(id: string) {
  return (await getProcedureForEditing(db.db, admin, id))!;
}

async function submittedDossier(procedureId: string, versionNumber: number, status: string) {
  const [version] = await db.db
    .select({ id: procedureVersions.id })
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.version, versionNumber)));
  const owner = await createUser('citizen');
  const [row] = await db.db
    .insert(dossiers)
    .values({ ownerId: owner.id, procedureId, procedureVersionId: version.id, status, data: { objet: 'Un T2' }, number: `2099-${randomUUID().slice(0, 6)}`, submittedAt: new Date() })
    .returning({ id: dossiers.id });
  return row.id;
}

function statusesForm(id: string, revision: number, statuses: { key: string; label: string; tone: string; final?: boolean }[], change: Partial<StatusesFormInput> = {}): StatusesFormInput {
  return {
    procedureId: id,
    revision,
    rows: statuses.map((s, i) => ({ key: s.key, label: s.label, tone: s.tone as 'info', final: !!s.final, notify: true, description: undefined, position: i + 1, remove: false })),
    initial: statuses[0].key,
    ...change,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = await createUser('admin');
  agent = await createUser('agent');
  citizen = await createUser('citizen');
});
afterAll(async () => db?.drop());

describe('creating and publishing', () => {
  it('creates a procedure out of the catalogue with a draft version 1, listed with its counts', async () => {
    const slug = `nouvelle-${randomUUID().slice(0, 8)}`;
    const created = await createProcedure(db.db, admin, { slug, title: 'Nouvelle démarche', summary: 'Résumé.', category: 'voirie', beneficiaries: ['self', 'organisation'] });
    expect(created.ok).toBe(true);
    expect(await getPublishedProcedureBySlug(db.db, slug)).toBeNull();
    const row = (await listAdminProcedures(db.db, admin)).find((p) => p.slug === slug)!;
    expect(row).toMatchObject({ inCatalogue: false, currentVersion: null, draftVersion: 1, submittedCount: 0 });
    const again = await createProcedure(db.db, admin, { slug, title: 'Doublon', summary: 'Résumé.', category: 'voirie', beneficiaries: ['self'] });
    expect(procedureResult(again, EDIT)).toEqual({ ok: false, fieldErrors: { slug: [expect.stringContaining('déjà')] } });
  });

  it('publishing makes the version the one new drafts use, while dossiers keep the version they were filed with', async () => {
    const { id, slug } = await publishedProcedure();
    const v1 = (await getPublishedProcedureBySlug(db.db, slug))!;
    const dossierId = await submittedDossier(id, 1, 'recue');

    const editing = await editingOf(id);
    const saved = await updateDraftStep(db.db, admin, {
      procedureId: id,
      revision: editing.working.revision,
      stepKey: 'demande',
      title: 'Votre logement',
      fields: [{ key: 'objet', label: 'Adresse du logement mis en location', hint: 'Numéro, rue et étage.', required: true, body: undefined, position: 1, remove: false }],
    });
    expect(saved).toEqual({ ok: true, data: { version: 2 } });
    // Not yet published: the catalogue still serves version 1.
    expect((await getPublishedProcedureBySlug(db.db, slug))!.versionId).toBe(v1.versionId);

    const published = await publishDraftVersion(db.db, admin, { procedureId: id, revision: (await editingOf(id)).working.revision });
    expect(published).toEqual({ ok: true, data: { version: 2, slug } });
    const v2 = (await getPublishedProcedureBySlug(db.db, slug))!;
    expect(v2.versionId).not.toBe(v1.versionId);
    expect(v2.steps).toEqual([{ key: 'demande', title: 'Votre logement' }]);

    const [dossier] = await db.db.select({ versionId: dossiers.procedureVersionId }).from(dossiers).where(eq(dossiers.id, dossierId));
    expect(dossier.versionId).toBe(v1.versionId);
    const [first] = await db.db.select({ definition: procedureVersions.definition }).from(procedureVersions).where(eq(procedureVersions.id, v1.versionId));
    expect(JSON.stringify(first.definition)).toContain('Objet de votre demande');
    expect(JSON.stringify(first.definition)).not.toContain('Adresse du logement');
  });

  it('never modifies a published version: the next edit creates a new draft, and a stale page is refused', async () => {
    const { id } = await publishedProcedure();
    const [v1Before] = await db.db.select().from(procedureVersions).where(eq(procedureVersions.procedureId, id));
    const revisionOfV1 = (await editingOf(id)).working.revision;
    const json = JSON.parse((await editingOf(id)).working.json);
    json.steps[0].title = 'Titre modifié';
    expect((await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: revisionOfV1, definition: JSON.stringify(json) })).ok).toBe(true);
    // Publishing is refused on the page that showed the draft before a later change.
    json.steps[0].title = 'Deuxième titre';
    const stale = await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: revisionOfV1, definition: JSON.stringify(json) });
    expect(procedureResult(stale, DEFINITION_EDITOR)).toEqual({ ok: false, formError: expect.stringContaining('Rien n’a été enregistré') });

    const versions = await db.db.select().from(procedureVersions).where(eq(procedureVersions.procedureId, id)).orderBy(procedureVersions.version);
    expect(versions).toHaveLength(2);
    expect(versions[0]).toEqual(v1Before);
    expect(versions[1]).toMatchObject({ version: 2, publishedAt: null });
  });

  it('refuses an invalid definition with French errors that name the place, and stores nothing', async () => {
    const { id } = await publishedProcedure();
    const editing = await editingOf(id);
    const json = JSON.parse(editing.working.json);
    json.steps[0].fields[0].type = 'couleur';
    const result = await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: editing.working.revision, definition: JSON.stringify(json) });
    expect(result.ok).toBe(false);
    const worded = procedureResult(result, DEFINITION_EDITOR);
    expect(!worded.ok && worded.fieldErrors?.definition?.[0]).toMatch(/étape « demande » › champ « objet ».*Type de champ inconnu/);
    const syntax = await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: editing.working.revision, definition: '{\n  "steps": [\n' });
    const wordedSyntax = procedureResult(syntax, DEFINITION_EDITOR);
    expect(!wordedSyntax.ok && wordedSyntax.fieldErrors?.definition?.[0]).toMatch(/JSON invalide/);
    expect(await db.db.$count(procedureVersions, eq(procedureVersions.procedureId, id))).toBe(1);
  });

  it('discards a draft and leaves the published version serving', async () => {
    const { id, slug } = await publishedProcedure();
    const before = (await getPublishedProcedureBySlug(db.db, slug))!.versionId;
    const editing = await editingOf(id);
    const form = statusesForm(id, editing.working.revision, editing.working.definition.statuses);
    form.rows[1].label = 'Instruction en cours';
    expect((await updateDraftStatuses(db.db, admin, form)).ok).toBe(true);
    expect((await discardDraftVersion(db.db, admin, { procedureId: id, revision: (await editingOf(id)).working.revision })).ok).toBe(true);
    expect((await editingOf(id)).working).toMatchObject({ isDraft: false, version: 1 });
    expect((await getPublishedProcedureBySlug(db.db, slug))!.versionId).toBe(before);
  });
});

describe('presentation', () => {
  it('sets who may be the beneficiary and the descriptive text; person subtypes go when persons do', async () => {
    const { id } = await publishedProcedure();
    const saved = await updateDraftPresentation(db.db, admin, {
      procedureId: id,
      revision: (await editingOf(id)).working.revision,
      beneficiaries: ['self', 'person'],
      personSubtypes: ['child'],
      estimatedDuration: '5 minutes',
      processingTime: undefined,
      requirements: ['Le bail signé'],
    });
    expect(saved).toMatchObject({ ok: true, version: 2, createdDraft: true });
    expect((await editingOf(id)).working.definition).toMatchObject({ beneficiaries: ['self', 'person'], personSubtypes: ['child'], estimatedDuration: '5 minutes', requirements: ['Le bail signé'] });

    await updateDraftPresentation(db.db, admin, {
      procedureId: id,
      revision: (await editingOf(id)).working.revision,
      beneficiaries: ['self'],
      personSubtypes: ['child'],
      estimatedDuration: undefined,
      processingTime: undefined,
      requirements: [],
    });
    const definition = (await editingOf(id)).working.definition;
    expect(definition.beneficiaries).toEqual(['self']);
    expect(definition).not.toHaveProperty('personSubtypes');
    expect(definition).not.toHaveProperty('requirements');
    expect(definition).not.toHaveProperty('estimatedDuration');
  });
});

describe('fields', () => {
  it('adds a choice field with its options, moves it first, and refuses to remove a field a condition uses', async () => {
    const { id, slug } = await publishedProcedure();
    const base = { procedureId: id, stepKey: 'demande', title: 'Votre demande', description: undefined };
    const objet = { key: 'objet', label: 'Objet de votre demande', hint: undefined, required: true, body: undefined, position: 2, remove: false };
    const added = await updateDraftStep(db.db, admin, {
      ...base,
      revision: (await editingOf(id)).working.revision,
      fields: [objet],
      newField: { key: 'typeLogement', type: 'radio', label: 'Type de logement', hint: undefined, required: true, options: ['Maison', 'Appartement meublé'] },
    });
    expect(added.ok).toBe(true);
    // The new field is added last, then the positions typed apply on the next save.
    let fields = (await editingOf(id)).working.definition.steps[0].fields;
    expect(fields.map((f) => f.key)).toEqual(['objet', 'typeLogement']);
    expect(fields[1]).toMatchObject({ type: 'radio', options: [{ value: 'maison', label: 'Maison' }, { value: 'appartement-meuble', label: 'Appartement meublé' }] });

    const json = JSON.parse((await editingOf(id)).working.json);
    json.steps[0].fields[0].showIf = { field: 'typeLogement', equals: 'maison' };
    json.steps[0].fields.reverse();
    expect((await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: (await editingOf(id)).working.revision, definition: JSON.stringify(json) })).ok).toBe(true);
    const rows = (await editingOf(id)).working.definition.steps[0].fields.map((f, i) => ({ key: f.key, label: f.label, hint: undefined, required: true, body: undefined, position: i + 1, remove: f.key === 'typeLogement' }));
    const refused = await updateDraftStep(db.db, admin, { ...base, revision: (await editingOf(id)).working.revision, fields: rows });
    expect(procedureResult(refused, EDIT)).toEqual({ ok: false, formError: expect.stringContaining('Le champ « typeLogement » n’existe pas') });

    const duplicate = await updateDraftStep(db.db, admin, {
      ...base,
      revision: (await editingOf(id)).working.revision,
      fields: rows.map((r) => ({ ...r, remove: false })),
      newField: { key: 'objet', type: 'text', label: 'Encore', hint: undefined, required: false, options: [] },
    });
    expect(procedureResult(duplicate, EDIT)).toEqual({ ok: false, fieldErrors: { 'new-field-key': [expect.stringContaining('déjà cette clé')] }, formError: undefined });
    await publishDraftVersion(db.db, admin, { procedureId: id, revision: (await editingOf(id)).working.revision });
    fields = (await editingOf(id)).working.definition.steps[0].fields;
    expect(fields.map((f) => f.key)).toEqual(['typeLogement', 'objet']);
    expect((await getPublishedProcedureBySlug(db.db, slug))!.steps).toHaveLength(1);
  });
});

describe('statuses', () => {
  it('renames, reorders, adds and chooses the initial status', async () => {
    const { id, slug } = await publishedProcedure();
    const editing = await editingOf(id);
    const form = statusesForm(id, editing.working.revision, editing.working.definition.statuses, {
      added: { key: 'complement', label: 'Pièces complémentaires demandées', tone: 'warning', final: false, notify: true },
      initial: 'en-cours',
    });
    form.rows[0].label = 'Dossier reçu';
    form.rows[3].position = 3;
    form.rows[2].position = 4;
    expect((await updateDraftStatuses(db.db, admin, form)).ok).toBe(true);
    await publishDraftVersion(db.db, admin, { procedureId: id, revision: (await editingOf(id)).working.revision });
    const statuses = (await getPublishedProcedureBySlug(db.db, slug))!.statuses;
    expect(statuses.map((s) => s.key)).toEqual(['en-cours', 'recue', 'refusee', 'acceptee', 'complement']);
    expect(statuses[1].label).toBe('Dossier reçu');
  });

  it('a status used by submitted dossiers cannot be removed, neither by the form nor by the JSON editor', async () => {
    const { id } = await publishedProcedure();
    await submittedDossier(id, 1, 'en-cours');
    await submittedDossier(id, 1, 'en-cours');
    const editing = await editingOf(id);
    const form = statusesForm(id, editing.working.revision, editing.working.definition.statuses);
    form.rows[1].remove = true;
    const result = await updateDraftStatuses(db.db, admin, form);
    expect(procedureResult(result, EDIT)).toEqual({ ok: false, formError: expect.stringContaining('« En cours de traitement » (2 dossiers)') });

    const json = JSON.parse(editing.working.json);
    json.statuses[1].key = 'instruction';
    const renamedKey = await replaceDraftDefinition(db.db, admin, { procedureId: id, revision: editing.working.revision, definition: JSON.stringify(json) });
    expect(procedureResult(renamedKey, DEFINITION_EDITOR)).toEqual({ ok: false, formError: expect.stringContaining('ne peuvent pas être retirés') });
    expect(await db.db.$count(procedureVersions, eq(procedureVersions.procedureId, id))).toBe(1);

    // An unused status can go.
    form.rows[1].remove = false;
    form.rows[3].remove = true;
    expect((await updateDraftStatuses(db.db, admin, form)).ok).toBe(true);
  });

  it('the initial status cannot be removed, and a duplicate key is refused', async () => {
    const { id } = await publishedProcedure();
    const editing = await editingOf(id);
    const form = statusesForm(id, editing.working.revision, editing.working.definition.statuses, {
      added: { key: 'recue', label: 'Encore reçue', tone: 'info', final: false, notify: true },
    });
    form.rows[0].remove = true;
    const result = await updateDraftStatuses(db.db, admin, form);
    expect(procedureResult(result, EDIT)).toEqual({
      ok: false,
      fieldErrors: { 'new-key': [expect.stringContaining('déjà cette clé')], 'status-0-remove': [expect.stringContaining('statut initial')] },
      formError: undefined,
    });
  });
});

describe('only administrators', () => {
  it('refuses agents and citizens in every use case, and writes nothing', async () => {
    const { id } = await publishedProcedure();
    const editing = await editingOf(id);
    const auditBefore = await db.db.$count(auditLog);
    for (const actor of [agent, citizen, { id: agent.id, role: 'admin' as const }]) {
      await expect(listAdminProcedures(db.db, actor)).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(getProcedureForEditing(db.db, actor, id)).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(createProcedure(db.db, actor, { slug: `x-${randomUUID().slice(0, 6)}`, title: 'X', summary: 'X', category: 'voirie', beneficiaries: ['self'] })).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(replaceDraftDefinition(db.db, actor, { procedureId: id, revision: editing.working.revision, definition: editing.working.json })).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(updateDraftStatuses(db.db, actor, statusesForm(id, editing.working.revision, editing.working.definition.statuses))).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(publishDraftVersion(db.db, actor, { procedureId: id, revision: editing.working.revision })).rejects.toBeInstanceOf(AdminRequiredError);
    }
    expect(await db.db.$count(procedureVersions, eq(procedureVersions.procedureId, id))).toBe(1);
    expect(await db.db.$count(procedures)).toBe((await listAdminProcedures(db.db, admin)).length);
    expect(await db.db.$count(auditLog)).toBe(auditBefore);
  });

  it('records who changed what in the audit journal', async () => {
    const { id } = await publishedProcedure();
    const rows = await db.db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.targetId, id)).orderBy(auditLog.id);
    expect(rows).toEqual([
      { action: 'procedure.created', actorId: admin.id },
      { action: 'procedure.version_published', actorId: admin.id },
    ]);
  });
});
