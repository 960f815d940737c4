import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, procedureVersions, procedures, users } from '@/db/schema';
import { checkUpload, type CheckedUpload } from '@/lib/documents/check-upload';
import { fileInputNames } from '@/lib/documents/file-inputs';
import { addLockerDocument, getLockerDocument, listLockerDocuments, renameLockerDocument } from '@/lib/documents/locker';
import { applyStepFiles, lockerValidityWarning } from '@/lib/documents/step-files';
import { addMonths, todayInParis } from '@/lib/documents/validity';
import { parseDefinition, type ProcedureDefinition } from '@/lib/procedures/definition';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestBucket, type TestBucket } from '../helpers/s3';

// Type and dates of locker documents, saved and read back; the warning given when an old or
// expired one is attached to a field that asks for a recent document.

let db: TestDatabase;
let bucket: TestBucket;
let store: BlobStore;
let procedure: { id: string; versionId: string };
let definition: ProcedureDefinition;

const rawDefinition = {
  beneficiaries: ['self'],
  steps: [
    {
      key: 'pieces',
      title: 'Pièces',
      fields: [
        { key: 'domicile', type: 'file', label: 'Justificatif de domicile', maxAgeMonths: 3 },
        { key: 'autre', type: 'file', label: 'Autre pièce' },
      ],
    },
  ],
  statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
};

const today = todayInParis(new Date());

beforeAll(async () => {
  db = await createTestDatabase();
  bucket = await createTestBucket();
  store = createBlobStore({ kind: 's3', ...bucket.config });
  definition = parseDefinition(rawDefinition);
  const [row] = await db.db
    .insert(procedures)
    .values({ slug: `validite-${randomUUID().slice(0, 8)}`, title: 'Démarche récente', summary: 'Test', category: 'test', published: true })
    .returning({ id: procedures.id });
  const [version] = await db.db.insert(procedureVersions).values({ procedureId: row.id, version: 1, definition: rawDefinition, publishedAt: new Date() }).returning({ id: procedureVersions.id });
  procedure = { id: row.id, versionId: version.id };
});

afterAll(async () => {
  await db?.drop();
  await bucket?.drop();
});

async function createUser(): Promise<string> {
  const [user] = await db.db.insert(users).values({ email: `validite.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  return user.id;
}

async function createDraft(ownerId: string): Promise<string> {
  const [row] = await db.db.insert(dossiers).values({ ownerId, procedureId: procedure.id, procedureVersionId: procedure.versionId, data: {} }).returning({ id: dossiers.id });
  return row.id;
}

async function pdf(name: string): Promise<CheckedUpload> {
  const checked = await checkUpload(new File([`%PDF-1.7\n${name}\n%%EOF\n`], name));
  if (!checked.ok) throw new Error(checked.message);
  return checked;
}

async function addDocument(ownerId: string, details: { kind?: 'domicile' | null; issuedOn?: string | null; expiresOn?: string | null }) {
  const added = await addLockerDocument(db.db, store, ownerId, { title: 'Facture', upload: await pdf('facture.pdf'), details });
  if (!added.ok) throw new Error(added.message);
  return added.document;
}

/** Posts the step with a locker document chosen for a field and the "Joindre" button pressed. */
async function attach(ownerId: string, draftId: string, fieldKey: string, lockerId: string) {
  const form = new FormData();
  form.set(fileInputNames(fieldKey).locker, lockerId);
  form.set('joindre', fieldKey);
  return applyStepFiles(db.db, store, ownerId, { id: draftId, definition }, definition.steps[0], {}, form);
}

describe('locker document type and dates', () => {
  it('are saved when adding, changed when editing, and a document without them still lists', async () => {
    const owner = await createUser();
    const dated = await addDocument(owner, { kind: 'domicile', issuedOn: '2026-01-12' });
    expect(dated).toMatchObject({ kind: 'domicile', issuedOn: '2026-01-12', expiresOn: null });
    const plain = await addDocument(owner, {});
    expect(plain).toMatchObject({ kind: null, issuedOn: null, expiresOn: null });

    expect(await renameLockerDocument(db.db, owner, dated.id, 'Carte', { kind: null, issuedOn: '2020-05-04', expiresOn: '2030-05-03' })).toBe(true);
    expect(await getLockerDocument(db.db, owner, dated.id)).toMatchObject({ title: 'Carte', kind: null, issuedOn: '2020-05-04', expiresOn: '2030-05-03' });
    // A rename without details leaves them as they were.
    await renameLockerDocument(db.db, owner, dated.id, 'Carte d’identité');
    expect(await getLockerDocument(db.db, owner, dated.id)).toMatchObject({ title: 'Carte d’identité', issuedOn: '2020-05-04' });
    expect((await listLockerDocuments(db.db, owner)).map((d) => d.id).sort()).toEqual([dated.id, plain.id].sort());
  });

  it('cannot be changed on another citizen’s document', async () => {
    const owner = await createUser();
    const other = await createUser();
    const document = await addDocument(owner, { issuedOn: '2026-01-12' });
    expect(await renameLockerDocument(db.db, other, document.id, 'Pris', { kind: 'domicile', issuedOn: null, expiresOn: null })).toBe(false);
    expect(await getLockerDocument(db.db, owner, document.id)).toMatchObject({ title: 'Facture', issuedOn: '2026-01-12' });
  });
});

describe('attaching a locker document to a field that asks for a recent one', () => {
  it('attaches an old proof of address but warns, in French, and keeps the citizen on the step', async () => {
    const owner = await createUser();
    const draft = await createDraft(owner);
    const old = await addDocument(owner, { kind: 'domicile', issuedOn: '2026-01-12' });
    const result = await attach(owner, draft, 'domicile', old.id);
    expect(result.errors).toEqual({});
    expect(result.notices).toHaveLength(1);
    expect(result.warnings).toEqual(['« Justificatif de domicile » : Ce document date du 12 janvier 2026 : la démarche demande un document de moins de 3 mois.']);
    expect(result.stay).toBe(true);
  });

  it('does not warn for a recent document, an undated one, or a field that does not ask', async () => {
    const owner = await createUser();
    const draft = await createDraft(owner);
    const recent = await addDocument(owner, { issuedOn: addMonths(today, -1) });
    expect((await attach(owner, draft, 'domicile', recent.id)).warnings).toEqual([]);
    const undated = await addDocument(owner, {});
    expect((await attach(owner, draft, 'domicile', undated.id)).warnings).toEqual([]);
    const old = await addDocument(owner, { issuedOn: '2020-01-01' });
    expect((await attach(owner, draft, 'autre', old.id)).warnings).toEqual([]);
  });

  it('warns about an expired document on any file field', async () => {
    const owner = await createUser();
    const draft = await createDraft(owner);
    const expired = await addDocument(owner, { issuedOn: '2015-03-01', expiresOn: '2025-03-01' });
    expect((await attach(owner, draft, 'autre', expired.id)).warnings).toEqual(['« Autre pièce » : Ce document a expiré le 1er mars 2025 : la démarche demande un document en cours de validité.']);
  });

  it('says nothing about another citizen’s document (its dates are not read)', async () => {
    const owner = await createUser();
    const other = await createUser();
    const theirs = await addDocument(other, { issuedOn: '2020-01-01' });
    expect(await lockerValidityWarning(db.db, owner, theirs.id, 3)).toBeNull();
    expect(await lockerValidityWarning(db.db, other, theirs.id, 3)).not.toBeNull();
  });
});
