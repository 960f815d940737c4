import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierAttachments, dossiers, procedureVersions, procedures, users } from '@/db/schema';
import { attachUpload, removeDraftAttachment, type FileFieldRef } from '@/lib/documents/attachments';
import { checkUpload } from '@/lib/documents/check-upload';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestBucket, type TestBucket } from '../helpers/s3';

// removeDraftAttachment takes two ids from the request: the draft's (from the URL) and the
// attachment's (from the "Retirer" button). Every mix of ids that does not name one attachment of
// one of the caller's own drafts removes nothing and answers "not found" (null).

let db: TestDatabase;
let bucket: TestBucket;
let store: BlobStore;
let procedure: { id: string; versionId: string };

const pieces: FileFieldRef = { key: 'pieces', label: 'Pièces', multiple: true, accept: ['application/pdf'], maxSizeMb: 10 };

beforeAll(async () => {
  db = await createTestDatabase();
  bucket = await createTestBucket();
  store = createBlobStore({ kind: 's3', ...bucket.config });
  const definition = {
    beneficiaries: ['self'],
    steps: [{ key: 'etape', title: 'Pièces', fields: [{ key: 'pieces', type: 'file', label: 'Pièces', multiple: true }] }],
    statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
  };
  const [row] = await db.db
    .insert(procedures)
    .values({ slug: `retrait-${randomUUID().slice(0, 8)}`, title: 'Démarche', summary: 'Test', category: 'test', published: true })
    .returning({ id: procedures.id });
  const [version] = await db.db.insert(procedureVersions).values({ procedureId: row.id, version: 1, definition, publishedAt: new Date() }).returning({ id: procedureVersions.id });
  procedure = { id: row.id, versionId: version.id };
});

afterAll(async () => {
  await db?.drop();
  await bucket?.drop();
});

async function createUser(): Promise<string> {
  const [user] = await db.db.insert(users).values({ email: `retrait.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  return user.id;
}

/** A draft of `ownerId` with one attached file. */
async function draftWithFile(ownerId: string, name: string) {
  const [row] = await db.db.insert(dossiers).values({ ownerId, procedureId: procedure.id, procedureVersionId: procedure.versionId, data: {} }).returning({ id: dossiers.id });
  const checked = await checkUpload(new File([`%PDF-1.7\n${name}\n%%EOF\n`], name));
  if (!checked.ok) throw new Error(checked.message);
  const attached = await attachUpload(db.db, store, ownerId, row.id, pieces, checked);
  if (!attached.ok) throw new Error(attached.message);
  return { draftId: row.id, attachmentId: attached.attachment.id };
}

/** Every attachment row, every dossier answer and every stored blob: what a removal would change. */
async function snapshot(files: { draftId: string; attachmentId: string }[]) {
  const rows = await db.db.select({ id: dossierAttachments.id, dossierId: dossierAttachments.dossierId }).from(dossierAttachments).orderBy(asc(dossierAttachments.id));
  const answers = await db.db.select({ id: dossiers.id, data: dossiers.data, status: dossiers.status }).from(dossiers).orderBy(asc(dossiers.id));
  const blobs = await Promise.all(files.map((f) => store.head(`dossiers/${f.draftId}/${f.attachmentId}`).then((h) => h !== null)));
  return { rows, answers, blobs };
}

describe('removeDraftAttachment with mixed ids', () => {
  it('removes nothing and answers not found unless both ids are the caller’s own, on a draft', async () => {
    const me = await createUser();
    const other = await createUser();
    const mine = await draftWithFile(me, 'a-moi.pdf');
    const myOtherDraft = await draftWithFile(me, 'autre-brouillon.pdf');
    const theirs = await draftWithFile(other, 'a-l-autre.pdf');
    const mySent = await draftWithFile(me, 'envoye.pdf');
    await db.db.update(dossiers).set({ status: 'recue', number: `2099-${randomUUID().slice(0, 6)}`, submittedAt: new Date() }).where(eq(dossiers.id, mySent.draftId));
    const files = [mine, myOtherDraft, theirs, mySent];
    const before = await snapshot(files);
    expect(before.blobs).toEqual([true, true, true, true]);

    const mixes: [string, string, string, string][] = [
      ['my draft, another user’s attachment', me, mine.draftId, theirs.attachmentId],
      ['my draft, my attachment of another draft', me, mine.draftId, myOtherDraft.attachmentId],
      ['my draft, my attachment of a submitted dossier', me, mine.draftId, mySent.attachmentId],
      ['another user’s draft, my attachment', me, theirs.draftId, mine.attachmentId],
      ['another user’s draft and attachment', me, theirs.draftId, theirs.attachmentId],
      ['my submitted dossier and its attachment', me, mySent.draftId, mySent.attachmentId],
      ['the other user, my draft and attachment', other, mine.draftId, mine.attachmentId],
      ['the other user, their draft, my attachment', other, theirs.draftId, mine.attachmentId],
      ['an attachment id given as the draft id', me, mine.attachmentId, mine.attachmentId],
      ['an unknown attachment id', me, mine.draftId, randomUUID()],
      ['a malformed attachment id', me, mine.draftId, `${mine.attachmentId}' or '1'='1`],
      ['a malformed draft id', me, '../' + mine.draftId, mine.attachmentId],
    ];
    for (const [label, caller, draftId, attachmentId] of mixes) {
      expect(await removeDraftAttachment(db.db, store, caller, draftId, attachmentId), label).toBeNull();
    }
    expect(await snapshot(files)).toEqual(before);

    // The control: the right pair removes the file, its answer and its blob.
    expect(await removeDraftAttachment(db.db, store, me, mine.draftId, mine.attachmentId)).toBe('a-moi.pdf');
    const after = await snapshot(files);
    expect(after.rows.map((r) => r.id)).not.toContain(mine.attachmentId);
    expect(after.rows).toHaveLength(before.rows.length - 1);
    expect(after.blobs).toEqual([false, true, true, true]);
  });
});
