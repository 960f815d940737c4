import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '@/db/client';
import { lockerDocuments, users } from '@/db/schema';
import { exportAccountData } from '@/lib/account-export/collect';
import { checkUpload, type CheckedUpload } from '@/lib/documents/check-upload';
import {
  addLockerDocument,
  deleteLockerDocument,
  getLockerDocument,
  listLockerDocuments,
  LOCKER_QUOTA_BYTES,
  lockerUsageBytes,
  openLockerDocument,
  renameLockerDocument,
} from '@/lib/documents/locker';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestBucket, type TestBucket } from '../helpers/s3';

let db: TestDatabase;
let bucket: TestBucket;
let store: BlobStore;

beforeAll(async () => {
  db = await createTestDatabase();
  bucket = await createTestBucket();
  store = createBlobStore({ kind: 's3', ...bucket.config });
});

afterAll(async () => {
  await db?.drop();
  await bucket?.drop();
});

async function createUser(executor: Executor = db.db): Promise<string> {
  const [user] = await executor
    .insert(users)
    .values({ email: `locker.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return user.id;
}

async function pdf(text: string, name = 'justificatif.pdf'): Promise<CheckedUpload> {
  const checked = await checkUpload(new File([`%PDF-1.7\n${text}\n%%EOF\n`], name, { type: 'application/pdf' }));
  if (!checked.ok) throw new Error(checked.message);
  return checked;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('Porte-documents', () => {
  it('adds a document whose content comes back byte for byte, and lists it for its owner only', async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const upload = await pdf('domicile', 'Quittance de loyer.pdf');
    const added = await addLockerDocument(db.db, store, owner, { title: 'Justificatif de domicile', upload });
    if (!added.ok) throw new Error(added.message);
    expect(added.document).toMatchObject({ title: 'Justificatif de domicile', filename: 'Quittance de loyer.pdf', mimeType: 'application/pdf', sizeBytes: upload.sizeBytes });
    expect(added.document).not.toHaveProperty('storageKey');

    expect((await listLockerDocuments(db.db, owner)).map((d) => d.id)).toEqual([added.document.id]);
    expect(await listLockerDocuments(db.db, stranger)).toEqual([]);

    const opened = await openLockerDocument(db.db, store, owner, added.document.id);
    const bytes = await readAll(opened!.stream);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(upload.sha256);
    expect(await store.head(`locker/${owner}/${added.document.id}`)).toMatchObject({ sizeBytes: upload.sizeBytes });
  });

  it('the data export lists the locker documents, metadata only', async () => {
    const owner = await createUser();
    const added = await addLockerDocument(db.db, store, owner, { title: 'Avis d’imposition', upload: await pdf('avis', 'avis.pdf') });
    if (!added.ok) throw new Error(added.message);
    const data = await exportAccountData(db.db, owner);
    expect(data?.lockerDocuments).toEqual([expect.objectContaining({ title: 'Avis d’imposition', filename: 'avis.pdf', mimeType: 'application/pdf' })]);
    expect(JSON.stringify(data)).not.toContain(`locker/${owner}`);
  });

  it('is owner-scoped: another citizen’s id is not found for every operation, and nothing changes', async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const added = await addLockerDocument(db.db, store, owner, { title: 'Pièce d’identité', upload: await pdf('identité') });
    if (!added.ok) throw new Error(added.message);
    const id = added.document.id;

    expect(await getLockerDocument(db.db, stranger, id)).toBeNull();
    expect(await openLockerDocument(db.db, store, stranger, id)).toBeNull();
    expect(await renameLockerDocument(db.db, stranger, id, 'Volé')).toBe(false);
    expect(await deleteLockerDocument(db.db, store, stranger, id)).toBe(false);
    // Malformed ids are simply not found (never a database error).
    expect(await getLockerDocument(db.db, owner, 'not-a-uuid')).toBeNull();
    expect(await openLockerDocument(db.db, store, owner, '../../etc/passwd')).toBeNull();

    expect(await getLockerDocument(db.db, owner, id)).toMatchObject({ title: 'Pièce d’identité' });
    expect(await store.head(`locker/${owner}/${id}`)).not.toBeNull();
  });

  it('renames and deletes for the owner; deleting removes the stored file', async () => {
    const owner = await createUser();
    const added = await addLockerDocument(db.db, store, owner, { title: 'Ancien titre', upload: await pdf('titre') });
    if (!added.ok) throw new Error(added.message);
    expect(await renameLockerDocument(db.db, owner, added.document.id, 'Nouveau titre')).toBe(true);
    expect(await getLockerDocument(db.db, owner, added.document.id)).toMatchObject({ title: 'Nouveau titre' });

    expect(await deleteLockerDocument(db.db, store, owner, added.document.id)).toBe(true);
    expect(await getLockerDocument(db.db, owner, added.document.id)).toBeNull();
    expect(await store.head(`locker/${owner}/${added.document.id}`)).toBeNull();
    expect(await deleteLockerDocument(db.db, store, owner, added.document.id)).toBe(false);
  });

  it('refuses a document over the 100 Mo quota, with a message, and stores nothing', async () => {
    const owner = await createUser();
    // An existing document that leaves 10 bytes of room (its blob does not matter here).
    await db.db.insert(lockerDocuments).values({
      ownerId: owner,
      title: 'Gros document',
      filename: 'gros.pdf',
      mimeType: 'application/pdf',
      sizeBytes: LOCKER_QUOTA_BYTES - 10,
      sha256: '0'.repeat(64),
      storageKey: `locker/${owner}/${randomUUID()}`,
    });
    const result = await addLockerDocument(db.db, store, owner, { title: 'De trop', upload: await pdf('un peu plus de dix octets') });
    expect(result).toEqual({ ok: false, reason: 'quota', message: expect.stringContaining('100 Mo') });
    expect(await listLockerDocuments(db.db, owner)).toHaveLength(1);
    expect(await lockerUsageBytes(db.db, owner)).toBe(LOCKER_QUOTA_BYTES - 10);
    expect(await store.deletePrefix(`locker/${owner}/`)).toBe(0);
  });

  it('two uploads at once cannot both squeeze under the quota', async () => {
    const owner = await createUser();
    const upload = await pdf('x'.repeat(1000));
    await db.db.insert(lockerDocuments).values({
      ownerId: owner,
      title: 'Presque plein',
      filename: 'plein.pdf',
      mimeType: 'application/pdf',
      sizeBytes: LOCKER_QUOTA_BYTES - upload.sizeBytes - 1,
      sha256: '0'.repeat(64),
      storageKey: `locker/${owner}/${randomUUID()}`,
    });
    const results = await Promise.all([1, 2].map((n) => addLockerDocument(db.db, store, owner, { title: `Envoi ${n}`, upload })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await lockerUsageBytes(db.db, owner)).toBeLessThanOrEqual(LOCKER_QUOTA_BYTES);
    // The refused upload's blob was removed: only the accepted one is stored.
    expect(await store.deletePrefix(`locker/${owner}/`)).toBe(1);
  });

  it('leaves no row when the file cannot be stored', async () => {
    const owner = await createUser();
    const failing: BlobStore = { ...store, put: () => Promise.reject(new Error('storage unavailable')) };
    await expect(addLockerDocument(db.db, failing, owner, { title: 'Perdu', upload: await pdf('perdu') })).rejects.toThrow('storage unavailable');
    expect(await listLockerDocuments(db.db, owner)).toEqual([]);
  });

  it('leaves no file when the row cannot be inserted', async () => {
    const ghost = randomUUID(); // no such account: the insert fails after the blob was written
    await expect(addLockerDocument(db.db, store, ghost, { title: 'Orphelin', upload: await pdf('orphelin') })).rejects.toThrow();
    expect(await store.deletePrefix(`locker/${ghost}/`)).toBe(0);
  });
});
