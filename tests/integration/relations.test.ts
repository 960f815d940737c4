import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '@/db/client';
import { dossiers, procedureVersions, procedures, relations, users } from '@/db/schema';
import {
  createRelation,
  deleteRelation,
  describeRelation,
  getRelation,
  listRelations,
  relationUsage,
  toBeneficiarySnapshot,
  updateRelation,
} from '@/lib/relations/relations';
import type { RelationInput } from '@/lib/relations/schemas';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/db';

let db: TestDatabase;
let procedureId: string;
let versionId: string;

const child: Extract<RelationInput, { kind: 'person' }> = {
  kind: 'person',
  subtype: 'child',
  civility: 'Monsieur',
  birthName: 'Durand',
  firstNames: 'Léo Paul',
  birthDate: '2017-09-03',
  birthPlace: 'Lyon (69)',
  addressLine1: '12 rue des Lilas',
  postalCode: '69003',
  city: 'Lyon',
};

const association: Extract<RelationInput, { kind: 'organisation' }> = {
  kind: 'organisation',
  subtype: 'association',
  legalName: 'Les Jardins partagés du 3e',
  siret: '42103958700017',
  ownerRole: 'Présidente',
  addressLine1: '5 place Guichard',
  postalCode: '69003',
  city: 'Lyon',
};

async function createUser(executor: Executor): Promise<string> {
  const [user] = await executor
    .insert(users)
    .values({ email: `relations.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return user.id;
}

async function createProcedure(executor: Executor): Promise<{ procedureId: string; versionId: string }> {
  const [procedure] = await executor
    .insert(procedures)
    .values({ slug: `cantine-${randomUUID().slice(0, 8)}`, title: 'Inscription à la restauration scolaire', summary: 'Test', category: 'education', published: true })
    .returning({ id: procedures.id });
  const definition = { beneficiaries: ['person'], steps: [{ key: 'enfant', title: 'L’enfant', fields: [] }], statuses: [{ key: 'deposee', label: 'Déposée' }] };
  const [version] = await executor
    .insert(procedureVersions)
    .values({ procedureId: procedure.id, version: 1, definition, publishedAt: new Date() })
    .returning({ id: procedureVersions.id });
  return { procedureId: procedure.id, versionId: version.id };
}

async function createDossier(ownerId: string, relationId: string, status: 'draft' | 'deposee', snapshot?: Record<string, unknown>) {
  const [row] = await db.db
    .insert(dossiers)
    .values({
      ownerId,
      procedureId,
      procedureVersionId: versionId,
      beneficiaryKind: 'person',
      beneficiaryRelationId: relationId,
      beneficiarySnapshot: snapshot,
      status,
      data: { prenom: 'Léo' },
      number: status === 'draft' ? null : `2026-${randomUUID().slice(0, 6)}`,
      submittedAt: status === 'draft' ? null : new Date(),
    })
    .returning();
  return row;
}

async function findDossier(id: string) {
  const [row] = await db.db.select().from(dossiers).where(eq(dossiers.id, id));
  return row;
}

async function relationRow(id: string) {
  const [row] = await db.db.select().from(relations).where(eq(relations.id, id));
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase();
  ({ procedureId, versionId } = await createProcedure(db.db));
});
afterAll(async () => db?.drop());

describe('relations of one owner', () => {
  it('creates, lists, reads and updates people and organisations', async () => {
    const owner = await createUser(db.db);
    const organisation = await createRelation(db.db, owner, association);
    const person = await createRelation(db.db, owner, child);

    const listed = await listRelations(db.db, owner);
    expect(listed.map((r) => r.id)).toEqual([person.id, organisation.id]);
    expect(listed.map(describeRelation)).toEqual(['Léo Paul Durand (enfant)', 'Association Les Jardins partagés du 3e (SIRET 421 039 587 00017)']);
    expect(await getRelation(db.db, owner, person.id)).toMatchObject({
      kind: 'person',
      civility: 'Monsieur',
      birthDate: '2017-09-03',
      address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon' },
    });

    expect(await updateRelation(db.db, owner, person.id, { ...child, usageName: 'Martin', addressLine1: undefined, postalCode: undefined, city: undefined })).toBe(true);
    const updated = await getRelation(db.db, owner, person.id);
    expect(updated).toMatchObject({ usageName: 'Martin', address: null });
    expect(describeRelation(updated!)).toBe('Léo Paul Martin (enfant)');
  });

  it('does not turn a person into an organisation', async () => {
    const owner = await createUser(db.db);
    const person = await createRelation(db.db, owner, child);
    expect(await updateRelation(db.db, owner, person.id, association)).toBe(false);
    expect((await relationRow(person.id)).kind).toBe('person');
  });

  it('answers "not found" for malformed and unknown ids', async () => {
    const owner = await createUser(db.db);
    expect(await getRelation(db.db, owner, 'pas-un-identifiant')).toBeNull();
    expect(await getRelation(db.db, owner, randomUUID())).toBeNull();
    expect(await updateRelation(db.db, owner, "1' or '1'='1", child)).toBe(false);
    expect(await deleteRelation(db.db, owner, randomUUID())).toEqual({ ok: false, reason: 'not-found' });
  });
});

describe('another owner', () => {
  it('cannot read, list, update, delete or inspect A’s relation', async () => {
    const ownerA = await createUser(db.db);
    const ownerB = await createUser(db.db);
    const relation = await createRelation(db.db, ownerA, child);
    const draft = await createDossier(ownerA, relation.id, 'draft');
    const before = await relationRow(relation.id);

    expect(await getRelation(db.db, ownerB, relation.id)).toBeNull();
    expect(await listRelations(db.db, ownerB)).toEqual([]);
    expect(await relationUsage(db.db, ownerB, relation.id)).toEqual({ drafts: [], submitted: [] });
    expect(await updateRelation(db.db, ownerB, relation.id, { ...child, birthName: 'Pirate' })).toBe(false);
    expect(await deleteRelation(db.db, ownerB, relation.id, { confirmedDraftIds: [draft.id] })).toEqual({ ok: false, reason: 'not-found' });

    expect(await relationRow(relation.id)).toEqual(before);
    expect(await findDossier(draft.id)).toEqual(draft);
  });
});

describe('deleting a relation', () => {
  it('deletes an unused relation', async () => {
    const owner = await createUser(db.db);
    const relation = await createRelation(db.db, owner, association);
    expect(await deleteRelation(db.db, owner, relation.id)).toEqual({ ok: true, deletedDraftIds: [], keptSubmitted: 0 });
    expect(await getRelation(db.db, owner, relation.id)).toBeNull();
  });

  it('deletes the drafts that use it only once they are confirmed', async () => {
    const owner = await createUser(db.db);
    const relation = await createRelation(db.db, owner, child);
    const other = await createRelation(db.db, owner, { ...child, firstNames: 'Zoé' });
    const draft = await createDossier(owner, relation.id, 'draft');
    const otherDraft = await createDossier(owner, other.id, 'draft');

    expect(await relationUsage(db.db, owner, relation.id)).toEqual({
      drafts: [{ id: draft.id, procedureTitle: 'Inscription à la restauration scolaire', number: null }],
      submitted: [],
    });
    // Without the confirmation that lists the draft, nothing is deleted.
    expect(await deleteRelation(db.db, owner, relation.id)).toEqual({ ok: false, reason: 'drafts-changed' });
    expect(await relationRow(relation.id)).toBeDefined();
    expect(await findDossier(draft.id)).toBeDefined();

    expect(await deleteRelation(db.db, owner, relation.id, { confirmedDraftIds: [draft.id] })).toEqual({ ok: true, deletedDraftIds: [draft.id], keptSubmitted: 0 });
    expect(await relationRow(relation.id)).toBeUndefined();
    expect(await findDossier(draft.id)).toBeUndefined();
    expect(await findDossier(otherDraft.id)).toEqual(otherDraft);
  });

  it('refuses when a confirmed draft was submitted in the meantime', async () => {
    const owner = await createUser(db.db);
    const relation = await createRelation(db.db, owner, child);
    const draft = await createDossier(owner, relation.id, 'draft');
    await db.db.update(dossiers).set({ status: 'deposee', number: `2026-${randomUUID().slice(0, 6)}`, beneficiarySnapshot: toBeneficiarySnapshot(relation) }).where(eq(dossiers.id, draft.id));

    expect(await deleteRelation(db.db, owner, relation.id, { confirmedDraftIds: [draft.id] })).toEqual({ ok: false, reason: 'drafts-changed' });
    expect(await relationRow(relation.id)).toBeDefined();
    expect((await findDossier(draft.id)).status).toBe('deposee');
  });

  it('keeps submitted dossiers intact, with their snapshot and no link', async () => {
    const owner = await createUser(db.db);
    const relation = await createRelation(db.db, owner, child);
    const snapshot = toBeneficiarySnapshot(relation);
    const submitted = await createDossier(owner, relation.id, 'deposee', snapshot);

    expect((await relationUsage(db.db, owner, relation.id)).submitted).toEqual([
      { id: submitted.id, procedureTitle: 'Inscription à la restauration scolaire', number: submitted.number },
    ]);
    expect(await deleteRelation(db.db, owner, relation.id)).toEqual({ ok: true, deletedDraftIds: [], keptSubmitted: 1 });

    expect(await relationRow(relation.id)).toBeUndefined();
    const after = await findDossier(submitted.id);
    expect(after).toEqual({ ...submitted, beneficiaryRelationId: null });
    expect(after.beneficiarySnapshot).toMatchObject({ label: 'Léo Paul Durand (enfant)', birthDate: '2017-09-03', lastName: 'Durand' });
  });

  it('deletes confirmed drafts and keeps submitted dossiers in the same operation', async () => {
    const owner = await createUser(db.db);
    const relation = await createRelation(db.db, owner, association);
    const draft = await createDossier(owner, relation.id, 'draft');
    // A dossier submitted by code that forgot the snapshot still keeps who it was for.
    const submitted = await createDossier(owner, relation.id, 'deposee');

    expect(await deleteRelation(db.db, owner, relation.id, { confirmedDraftIds: [draft.id] })).toEqual({ ok: true, deletedDraftIds: [draft.id], keptSubmitted: 1 });
    expect(await findDossier(draft.id)).toBeUndefined();
    const after = await findDossier(submitted.id);
    expect(after.beneficiaryRelationId).toBeNull();
    expect(after.beneficiarySnapshot).toMatchObject({ kind: 'organisation', siret: '42103958700017', legalName: 'Les Jardins partagés du 3e' });
  });
});

describe('editing a relation', () => {
  it('never changes the snapshot of a submitted dossier', async () => {
    const owner = await createUser(db.db);
    const relation = await createRelation(db.db, owner, child);
    const submitted = await createDossier(owner, relation.id, 'deposee', toBeneficiarySnapshot(relation));
    expect(await updateRelation(db.db, owner, relation.id, { ...child, birthName: 'Lefèvre', birthDate: '2016-01-01' })).toBe(true);
    expect(await findDossier(submitted.id)).toEqual(submitted);
  });
});

describe('on the embedded database', () => {
  it('creates and deletes with the row lock', async () => {
    const embedded = await createEmbeddedTestDatabase();
    try {
      const owner = await createUser(embedded.db);
      const relation = await createRelation(embedded.db, owner, association);
      expect(await deleteRelation(embedded.db, owner, relation.id)).toEqual({ ok: true, deletedDraftIds: [], keptSubmitted: 0 });
      expect(await listRelations(embedded.db, owner)).toEqual([]);
    } finally {
      await embedded.drop();
    }
  });
});
