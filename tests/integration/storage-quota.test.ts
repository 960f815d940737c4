import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierAttachments, dossiers, lockerDocuments, procedureVersions, procedures, users } from '@/db/schema';
import { attachFromLocker, attachUpload, listDraftAttachments, type FileFieldRef } from '@/lib/documents/attachments';
import { checkUpload, type CheckedUpload } from '@/lib/documents/check-upload';
import { addLockerDocument, listLockerDocuments } from '@/lib/documents/locker';
import { STORAGE_QUOTA_BYTES, storageUsage } from '@/lib/documents/storage-quota';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestBucket, type TestBucket } from '../helpers/s3';

// Hole 7 of issue 8: files attached to drafts count towards the account's 100 Mo, with the same
// locked re-check as the Porte-documents. Large existing files are rows without blobs: only their
// recorded size matters to the quota.

let db: TestDatabase;
let bucket: TestBucket;
let store: BlobStore;
let procedure: { id: string; versionId: string };

const definition = {
  beneficiaries: ['self'],
  steps: [
    {
      key: 'pieces',
      title: 'Pièces',
      fields: [
        { key: 'domicile', type: 'file', label: 'Justificatif de domicile', required: true },
        { key: 'autres', type: 'file', label: 'Autres pièces', multiple: true },
      ],
    },
  ],
  statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
};
const accept = ['application/pdf', 'image/jpeg', 'image/png'];
const domicile: FileFieldRef = { key: 'domicile', label: 'Justificatif de domicile', multiple: false, accept, maxSizeMb: 10 };
const autres: FileFieldRef = { key: 'autres', label: 'Autres pièces', multiple: true, accept, maxSizeMb: 10 };

beforeAll(async () => {
  db = await createTestDatabase();
  bucket = await createTestBucket();
  store = createBlobStore({ kind: 's3', ...bucket.config });
  const [row] = await db.db
    .insert(procedures)
    .values({ slug: `quota-${randomUUID().slice(0, 8)}`, title: 'Démarche avec pièces', summary: 'Test', category: 'test', published: true })
    .returning({ id: procedures.id });
  const [version] = await db.db.insert(procedureVersions).values({ procedureId: row.id, version: 1, definition, publishedAt: new Date() }).returning({ id: procedureVersions.id });
  procedure = { id: row.id, versionId: version.id };
});

afterAll(async () => {
  await db?.drop();
  await bucket?.drop();
});

async function createUser(): Promise<string> {
  const [user] = await db.db
    .insert(users)
    .values({ email: `quota.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return user.id;
}

async function createDraft(ownerId: string, status = 'draft'): Promise<string> {
  const submitted = status === 'draft' ? {} : { number: `2099-${randomUUID().slice(0, 6)}`, submittedAt: new Date() };
  const [row] = await db.db
    .insert(dossiers)
    .values({ ownerId, procedureId: procedure.id, procedureVersionId: procedure.versionId, data: {}, status, ...submitted })
    .returning({ id: dossiers.id });
  return row.id;
}

async function pdf(bytes: number, name = 'piece.pdf'): Promise<CheckedUpload> {
  const head = '%PDF-1.7\n';
  const tail = '\n%%EOF\n';
  const checked = await checkUpload(new File([head + 'x'.repeat(bytes - head.length - tail.length) + tail], name));
  if (!checked.ok) throw new Error(checked.message);
  expect(checked.sizeBytes).toBe(bytes);
  return checked;
}

/** A locker document of that size, recorded without a blob. */
async function fillLocker(ownerId: string, sizeBytes: number) {
  await db.db.insert(lockerDocuments).values({
    ownerId,
    title: 'Gros document',
    filename: 'gros.pdf',
    mimeType: 'application/pdf',
    sizeBytes,
    sha256: '0'.repeat(64),
    storageKey: `locker/${ownerId}/${randomUUID()}`,
  });
}

/** A file of that size attached to one of the owner's dossiers, recorded without a blob. */
async function fillDossier(dossierId: string, sizeBytes: number, fieldKey = 'autres') {
  const id = randomUUID();
  await db.db.insert(dossierAttachments).values({
    id,
    dossierId,
    kind: 'supporting',
    fieldKey,
    filename: 'gros.pdf',
    mimeType: 'application/pdf',
    sizeBytes,
    sha256: '0'.repeat(64),
    storageKey: `dossiers/${dossierId}/${id}`,
  });
  return id;
}

const MB = 1024 * 1024;

describe('one storage quota for the Porte-documents and the drafts', () => {
  it('counts draft files and locker documents, not the files of submitted dossiers', async () => {
    const owner = await createUser();
    const draft = await createDraft(owner);
    const submitted = await createDraft(owner, 'recue');
    await fillLocker(owner, 30 * MB);
    await fillDossier(draft, 20 * MB);
    await fillDossier(submitted, 40 * MB);
    // Another citizen's files never count.
    await fillDossier(await createDraft(await createUser()), 5 * MB);
    expect(await storageUsage(db.db, owner)).toEqual({ lockerBytes: 30 * MB, draftBytes: 20 * MB, usedBytes: 50 * MB });
  });

  it('refuses a file attached to a draft past the quota, says how much is used and what to remove, and stores nothing', async () => {
    const owner = await createUser();
    const draft = await createDraft(owner);
    await fillLocker(owner, 60 * MB);
    await fillDossier(await createDraft(owner), STORAGE_QUOTA_BYTES - 60 * MB - 1000);
    const refused = await attachUpload(db.db, store, owner, draft, autres, await pdf(2000, 'facture.pdf'));
    expect(refused).toEqual({ ok: false, reason: 'quota', message: expect.stringContaining('« facture.pdf » (2 Ko) n’a pas été joint') });
    if (refused.ok) return;
    expect(refused.message).toContain('100 Mo utilisés sur 100 Mo : 60 Mo dans votre porte-documents et 40 Mo de fichiers joints à vos brouillons');
    expect(refused.message).toContain('Retirez des fichiers de vos brouillons ou supprimez des documents de votre porte-documents');
    expect(await listDraftAttachments(db.db, owner, draft)).toEqual([]);
    expect(await store.deletePrefix(`dossiers/${draft}/`)).toBe(0);

    // A file that fits is still accepted.
    expect(await attachUpload(db.db, store, owner, draft, autres, await pdf(900))).toMatchObject({ ok: true });
  });

  it('a copy of a locker document counts as a file of its own', async () => {
    const owner = await createUser();
    const draft = await createDraft(owner);
    const scan = await addLockerDocument(db.db, store, owner, { title: 'Scan', upload: await pdf(5000, 'scan.pdf') });
    if (!scan.ok) throw new Error(scan.message);
    // 3 000 bytes of room: enough for nothing of 5 000 bytes, the copy included.
    await fillLocker(owner, STORAGE_QUOTA_BYTES - 5000 - 3000);
    const refused = await attachFromLocker(db.db, store, owner, draft, domicile, scan.document.id);
    expect(refused).toEqual({ ok: false, reason: 'quota', message: expect.stringContaining('La copie jointe à une démarche compte comme un fichier à part.') });
    expect(await store.deletePrefix(`dossiers/${draft}/`)).toBe(0);
  });

  it('the Porte-documents refuses a document when drafts take the room', async () => {
    const owner = await createUser();
    await fillDossier(await createDraft(owner), STORAGE_QUOTA_BYTES - 10);
    const refused = await addLockerDocument(db.db, store, owner, { title: 'De trop', upload: await pdf(100) });
    expect(refused).toEqual({ ok: false, reason: 'quota', message: expect.stringContaining('0 octet dans votre porte-documents et 100 Mo de fichiers joints à vos brouillons') });
    expect(await listLockerDocuments(db.db, owner)).toEqual([]);
    expect(await store.deletePrefix(`locker/${owner}/`)).toBe(0);
  });

  it('replacing the file of a single-file question counts the file it replaces as freed', async () => {
    const owner = await createUser();
    const draft = await createDraft(owner);
    const first = await attachUpload(db.db, store, owner, draft, domicile, await pdf(4000, 'ancien.pdf'));
    if (!first.ok) throw new Error(first.message);
    await fillLocker(owner, STORAGE_QUOTA_BYTES - 4000 - 1000);
    // 5 000 bytes in place of 4 000, with 1 000 free: exactly full.
    const second = await attachUpload(db.db, store, owner, draft, domicile, await pdf(5000, 'nouveau.pdf'));
    expect(second).toMatchObject({ ok: true, replacedIds: [first.attachment.id] });
    expect((await storageUsage(db.db, owner)).usedBytes).toBe(STORAGE_QUOTA_BYTES);
    // A second file for a multiple question frees nothing.
    expect(await attachUpload(db.db, store, owner, draft, autres, await pdf(100))).toMatchObject({ ok: false, reason: 'quota' });
  });

  it('submitting a draft frees its room: submitted files no longer count', async () => {
    const owner = await createUser();
    const draft = await createDraft(owner);
    await fillDossier(draft, STORAGE_QUOTA_BYTES);
    expect(await addLockerDocument(db.db, store, owner, { title: 'Refusé', upload: await pdf(100) })).toMatchObject({ ok: false, reason: 'quota' });
    await db.db.update(dossiers).set({ status: 'recue', number: `2099-${randomUUID().slice(0, 6)}`, submittedAt: new Date() }).where(eq(dossiers.id, draft));
    expect(await addLockerDocument(db.db, store, owner, { title: 'Accepté', upload: await pdf(100) })).toMatchObject({ ok: true });
  });
});

describe('parallel uploads cannot both get past the quota', () => {
  // Room for exactly one of the files: both pass the first (unlocked) look, and the locked re-check
  // lets one through. Each round starts the uploads at the same time on separate connections.
  const SIZE = 3000;

  async function nearlyFull() {
    const owner = await createUser();
    await fillLocker(owner, STORAGE_QUOTA_BYTES - SIZE * 2 + 1);
    return owner;
  }

  async function storedUnder(prefixes: string[]) {
    let count = 0;
    for (const prefix of prefixes) count += await store.deletePrefix(prefix);
    return count;
  }

  it('two files attached to two drafts at once', async () => {
    for (let round = 0; round < 3; round += 1) {
      const owner = await nearlyFull();
      const drafts = [await createDraft(owner), await createDraft(owner)];
      const upload = await pdf(SIZE);
      const results = await Promise.all(drafts.map((draft) => attachUpload(db.db, store, owner, draft, autres, upload)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'quota' });
      expect((await storageUsage(db.db, owner)).usedBytes).toBeLessThanOrEqual(STORAGE_QUOTA_BYTES);
      // The refused file's blob was removed.
      expect(await storedUnder(drafts.map((d) => `dossiers/${d}/`))).toBe(1);
    }
  });

  it('five files attached to the same multiple question at once', async () => {
    const owner = await nearlyFull();
    const draft = await createDraft(owner);
    const upload = await pdf(SIZE);
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => attachUpload(db.db, store, owner, draft, autres, upload)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await listDraftAttachments(db.db, owner, draft)).toHaveLength(1);
    expect(await storedUnder([`dossiers/${draft}/`])).toBe(1);
  });

  it('a draft file and a Porte-documents document at once', async () => {
    for (let round = 0; round < 3; round += 1) {
      const owner = await nearlyFull();
      const draft = await createDraft(owner);
      const upload = await pdf(SIZE);
      const [attached, added] = await Promise.all([
        attachUpload(db.db, store, owner, draft, autres, upload),
        addLockerDocument(db.db, store, owner, { title: 'En même temps', upload }),
      ]);
      expect([attached.ok, added.ok].filter(Boolean)).toHaveLength(1);
      expect((await storageUsage(db.db, owner)).usedBytes).toBeLessThanOrEqual(STORAGE_QUOTA_BYTES);
      expect(await storedUnder([`dossiers/${draft}/`, `locker/${owner}/`])).toBe(1);
    }
  });
});
