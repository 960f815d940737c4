import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierAttachments, dossiers, procedureVersions, procedures, users } from '@/db/schema';
import {
  attachFromLocker,
  attachUpload,
  listDraftAttachments,
  openDraftAttachment,
  removeDraftAttachment,
  type FileFieldRef,
} from '@/lib/documents/attachments';
import { checkUpload, type CheckedUpload } from '@/lib/documents/check-upload';
import { TINY_PNG } from '../helpers/images';
import { addLockerDocument, deleteLockerDocument } from '@/lib/documents/locker';
import { submitDossier } from '@/lib/dossiers';
import { findSubmittedDossier } from '@/lib/dossiers/submitted';
import { validateStep } from '@/lib/procedures/compile-step';
import { parseDefinition } from '@/lib/procedures/definition';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestBucket, type TestBucket } from '../helpers/s3';

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
        { key: 'avecPieces', type: 'yesno', label: 'Avez-vous des pièces ?', required: true },
        { key: 'domicile', type: 'file', label: 'Justificatif de domicile', required: true, showIf: { field: 'avecPieces', equals: true } },
        { key: 'autres', type: 'file', label: 'Autres pièces', multiple: true, accept: ['application/pdf'], maxSizeMb: 1, showIf: { field: 'avecPieces', equals: true } },
      ],
    },
  ],
  statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
};
const domicile: FileFieldRef = { key: 'domicile', label: 'Justificatif de domicile', multiple: false, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxSizeMb: 10 };
const autres: FileFieldRef = { key: 'autres', label: 'Autres pièces', multiple: true, accept: ['application/pdf'], maxSizeMb: 1 };

beforeAll(async () => {
  db = await createTestDatabase();
  bucket = await createTestBucket();
  store = createBlobStore({ kind: 's3', ...bucket.config });
  const [row] = await db.db
    .insert(procedures)
    .values({ slug: `pieces-${randomUUID().slice(0, 8)}`, title: 'Démarche avec pièces', summary: 'Test', category: 'test', published: true })
    .returning({ id: procedures.id });
  const [version] = await db.db
    .insert(procedureVersions)
    .values({ procedureId: row.id, version: 1, definition, publishedAt: new Date() })
    .returning({ id: procedureVersions.id });
  procedure = { id: row.id, versionId: version.id };
});

afterAll(async () => {
  await db?.drop();
  await bucket?.drop();
});

async function createUser(): Promise<string> {
  const [user] = await db.db
    .insert(users)
    .values({ email: `pieces.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return user.id;
}

async function createDraft(ownerId: string, data: Record<string, unknown> = { avecPieces: true }): Promise<string> {
  const [row] = await db.db
    .insert(dossiers)
    .values({ ownerId, procedureId: procedure.id, procedureVersionId: procedure.versionId, data })
    .returning({ id: dossiers.id });
  return row.id;
}

async function upload(content: Buffer | string, name: string): Promise<CheckedUpload> {
  const checked = await checkUpload(new File([typeof content === 'string' ? content : new Uint8Array(content)], name));
  if (!checked.ok) throw new Error(checked.message);
  return checked;
}

const pdf = (text: string, name = 'piece.pdf') => upload(`%PDF-1.7\n${text}\n%%EOF\n`, name);

async function readText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('latin1');
}

async function dataOf(dossierId: string) {
  const [row] = await db.db.select({ data: dossiers.data, version: dossiers.version }).from(dossiers).where(eq(dossiers.id, dossierId));
  return row;
}

describe('pièces justificatives of a draft', () => {
  it('a locker document is copied: deleting it from the locker leaves the dossier’s file readable', async () => {
    const owner = await createUser();
    const draftId = await createDraft(owner);
    const locker = await addLockerDocument(db.db, store, owner, { title: 'Facture EDF', upload: await pdf('facture edf', 'facture.pdf') });
    if (!locker.ok) throw new Error(locker.message);

    const attached = await attachFromLocker(db.db, store, owner, draftId, domicile, locker.document.id);
    if (!attached.ok) throw new Error(attached.message);
    expect(attached.attachment).toMatchObject({ fieldKey: 'domicile', filename: 'facture.pdf' });
    const before = await dataOf(draftId);
    expect(before.data).toEqual({ avecPieces: true, domicile: [attached.attachment.id] });
    // Attaching does not move the draft version: an open page's autosave must not turn into a conflict.
    expect(before.version).toBe(1);
    expect(validateStep(parseDefinition(definition), 'pieces', before.data as never)).toMatchObject({ ok: true });

    expect(await deleteLockerDocument(db.db, store, owner, locker.document.id)).toBe(true);
    const opened = await openDraftAttachment(db.db, store, owner, draftId, attached.attachment.id);
    expect(await readText(opened!.stream)).toContain('facture edf');
    expect(await store.head(`dossiers/${draftId}/${attached.attachment.id}`)).not.toBeNull();
  });

  it('is owner-scoped: another citizen cannot attach their ids, read, list or remove', async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const draftId = await createDraft(owner);
    const attached = await attachUpload(db.db, store, owner, draftId, domicile, await pdf('à moi'));
    if (!attached.ok) throw new Error(attached.message);
    const strangerDoc = await addLockerDocument(db.db, store, stranger, { title: 'À l’autre', upload: await pdf('autre') });
    const ownerDoc = await addLockerDocument(db.db, store, owner, { title: 'À moi', upload: await pdf('moi') });
    if (!strangerDoc.ok || !ownerDoc.ok) throw new Error('setup');

    expect(await openDraftAttachment(db.db, store, stranger, draftId, attached.attachment.id)).toBeNull();
    expect(await listDraftAttachments(db.db, stranger, draftId)).toEqual([]);
    expect(await removeDraftAttachment(db.db, store, stranger, draftId, attached.attachment.id)).toBeNull();
    // A stranger attaching to the owner's draft, even from their own locker: not found, nothing written.
    expect(await attachUpload(db.db, store, stranger, draftId, domicile, await pdf('intrus'))).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await attachFromLocker(db.db, store, stranger, draftId, domicile, strangerDoc.document.id)).toMatchObject({ ok: false, reason: 'not-found' });
    // The owner attaching someone else's locker document: "not in your locker".
    expect(await attachFromLocker(db.db, store, owner, draftId, autres, strangerDoc.document.id)).toMatchObject({ ok: false, reason: 'locker-not-found' });

    expect((await listDraftAttachments(db.db, owner, draftId)).map((a) => a.id)).toEqual([attached.attachment.id]);
    expect(await store.deletePrefix(`dossiers/${draftId}/`)).toBe(1);
  });

  it('a single-file question replaces its file; removing it clears the answer and the stored file', async () => {
    const owner = await createUser();
    const draftId = await createDraft(owner);
    const first = await attachUpload(db.db, store, owner, draftId, domicile, await pdf('premier', 'premier.pdf'));
    const second = await attachUpload(db.db, store, owner, draftId, domicile, await pdf('second', 'second.pdf'));
    if (!first.ok || !second.ok) throw new Error('attach');
    expect(second.replacedIds).toEqual([first.attachment.id]);
    expect((await dataOf(draftId)).data).toMatchObject({ domicile: [second.attachment.id] });
    expect(await store.head(`dossiers/${draftId}/${first.attachment.id}`)).toBeNull();

    expect(await removeDraftAttachment(db.db, store, owner, draftId, second.attachment.id)).toBe('second.pdf');
    expect((await dataOf(draftId)).data).toEqual({ avecPieces: true });
    expect(await store.head(`dossiers/${draftId}/${second.attachment.id}`)).toBeNull();
    expect(validateStep(parseDefinition(definition), 'pieces', (await dataOf(draftId)).data as never)).toEqual({
      ok: false,
      fieldErrors: { domicile: ['Ajoutez « Justificatif de domicile ».'] },
    });
  });

  it('a multiple-file question keeps each file in order, up to 10', async () => {
    const owner = await createUser();
    const draftId = await createDraft(owner);
    const ids: string[] = [];
    for (let n = 1; n <= 10; n += 1) {
      const attached = await attachUpload(db.db, store, owner, draftId, autres, await pdf(`pièce ${n}`, `piece-${n}.pdf`));
      if (!attached.ok) throw new Error(attached.message);
      ids.push(attached.attachment.id);
    }
    expect((await dataOf(draftId)).data).toMatchObject({ autres: ids });
    expect(await attachUpload(db.db, store, owner, draftId, autres, await pdf('une de trop', 'onze.pdf'))).toMatchObject({ ok: false, reason: 'too-many' });
    expect(await store.deletePrefix(`dossiers/${draftId}/`)).toBe(10);
  });

  it('applies the field’s own limits: type and size', async () => {
    const owner = await createUser();
    const draftId = await createDraft(owner);
    const png = await upload(TINY_PNG, 'photo.png');
    expect(await attachUpload(db.db, store, owner, draftId, autres, png)).toEqual({
      ok: false,
      reason: 'not-accepted',
      message: '« photo.png » n’est pas accepté pour « Autres pièces » : format PDF uniquement.',
    });
    const big = await pdf('x'.repeat(1024 * 1024 + 1), 'gros.pdf');
    expect(await attachUpload(db.db, store, owner, draftId, autres, big)).toMatchObject({ ok: false, message: expect.stringContaining('1 Mo') });
    expect(await listDraftAttachments(db.db, owner, draftId)).toEqual([]);
    expect(await store.deletePrefix(`dossiers/${draftId}/`)).toBe(0);
  });

  it('leaves no row when the file cannot be stored, and no file when the draft was submitted meanwhile', async () => {
    const owner = await createUser();
    const draftId = await createDraft(owner);
    const failing: BlobStore = { ...store, put: () => Promise.reject(new Error('storage unavailable')) };
    await expect(attachUpload(db.db, failing, owner, draftId, domicile, await pdf('perdu'))).rejects.toThrow('storage unavailable');
    expect(await listDraftAttachments(db.db, owner, draftId)).toEqual([]);

    // The draft stops being a draft right after the file is written: the row is refused, the file removed.
    const racing: BlobStore = {
      ...store,
      put: async (key, body, opts) => {
        const result = await store.put(key, body, opts);
        await db.db.update(dossiers).set({ status: 'recue', number: `2026-${randomUUID().slice(0, 6)}`, submittedAt: new Date() }).where(eq(dossiers.id, draftId));
        return result;
      },
    };
    expect(await attachUpload(db.db, racing, owner, draftId, domicile, await pdf('trop tard'))).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await db.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, draftId))).toEqual([]);
    expect(await store.deletePrefix(`dossiers/${draftId}/`)).toBe(0);
  });

  it('submission requires the required file and keeps every attached one, shown by name', async () => {
    const owner = await createUser();
    const draftId = await createDraft(owner, { avecPieces: true });
    const emails = { sendEmail: async () => undefined, origin: 'https://demarches.test', portalName: 'Portail de test', store };
    expect(await submitDossier(db.db, owner, draftId, { baseVersion: 1 }, emails)).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: { domicile: ['Ajoutez « Justificatif de domicile ».'] },
    });

    const kept = await attachUpload(db.db, store, owner, draftId, domicile, await pdf('gardé', 'domicile.pdf'));
    if (!kept.ok) throw new Error(kept.message);
    const other = await attachUpload(db.db, store, owner, draftId, autres, await pdf('autre', 'autre.pdf'));
    if (!other.ok) throw new Error(other.message);

    const submitted = await submitDossier(db.db, owner, draftId, { baseVersion: 1 }, emails);
    expect(submitted).toMatchObject({ ok: true });
    const view = await findSubmittedDossier(db.db, owner, draftId);
    expect(view?.answers.flatMap((s) => s.items)).toContainEqual({ key: 'domicile', label: 'Justificatif de domicile', value: 'domicile.pdf' });
    const rows = await db.db.select({ id: dossierAttachments.id }).from(dossierAttachments).where(eq(dossierAttachments.dossierId, draftId));
    expect(rows.map((r) => r.id).sort()).toEqual([kept.attachment.id, other.attachment.id].sort());

    // Once submitted, the draft functions see nothing: no download, no removal through the draft routes.
    expect(await openDraftAttachment(db.db, store, owner, draftId, kept.attachment.id)).toBeNull();
    expect(await removeDraftAttachment(db.db, store, owner, draftId, kept.attachment.id)).toBeNull();
  });

  it('submission drops a file of a question hidden by the answers', async () => {
    const owner = await createUser();
    const draftId = await createDraft(owner, { avecPieces: true });
    const att = await attachUpload(db.db, store, owner, draftId, domicile, await pdf('plus utile', 'inutile.pdf'));
    if (!att.ok) throw new Error(att.message);
    await db.db.update(dossiers).set({ data: { avecPieces: false, domicile: [att.attachment.id] } }).where(eq(dossiers.id, draftId));
    const emails = { sendEmail: async () => undefined, origin: 'https://demarches.test', portalName: 'Portail de test', store };
    expect(await submitDossier(db.db, owner, draftId, { baseVersion: 1 }, emails)).toMatchObject({ ok: true });
    expect(await db.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, draftId))).toEqual([]);
    expect(await store.head(`dossiers/${draftId}/${att.attachment.id}`)).toBeNull();
    expect((await dataOf(draftId)).data).toEqual({ avecPieces: false });
  });

  it('a copied file has the same content hash as its locker original', async () => {
    const owner = await createUser();
    const draftId = await createDraft(owner);
    const original = await pdf('x'.repeat(200_000), 'scan.pdf');
    const locker = await addLockerDocument(db.db, store, owner, { title: 'Scan', upload: original });
    if (!locker.ok) throw new Error(locker.message);
    const attached = await attachFromLocker(db.db, store, owner, draftId, domicile, locker.document.id);
    if (!attached.ok) throw new Error(attached.message);
    const opened = await openDraftAttachment(db.db, store, owner, draftId, attached.attachment.id);
    const chunks: Buffer[] = [];
    for await (const chunk of opened!.stream) chunks.push(Buffer.from(chunk as Buffer));
    expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')).toBe(original.sha256);
  });
});
