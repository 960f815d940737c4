import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '@/db/client';
import { dossierAttachments, dossiers, lockerDocuments } from '@/db/schema';
import { isUuid } from '@/lib/common/uuid';
import { type BlobStore } from '@/lib/storage';
import type { CheckedUpload } from './check-upload';
import { deleteBlobQuietly, openBlob, type OpenedFile } from './blobs';
import { isDocumentId } from './locker';
import { STORAGE_DOWN, STORAGE_UNAVAILABLE_MESSAGES, unlessStorageDown } from './storage-outage';
import { attachmentQuotaMessage, fitsQuota, lockStorage, storageUsage, type StorageUsage } from './storage-quota';

// Pièces justificatives of a draft: files attached to a `file` field of a procedure step, from the
// citizen's computer or copied from their Porte-documents. An attachment is a copy owned by the
// dossier (key dossiers/<dossierId>/<attachmentId>): deleting the locker document never changes it.
// The answer of a file field in `dossiers.data` is the list of its attachment ids; it is rewritten
// from the attachments table in the same transaction as every change, so both always agree.
// Every function is scoped by the dossier's owner and, for changes, by the draft status.

/** Per file field that accepts several files. */
export const MAX_FILES_PER_FIELD = 10;

export type DraftAttachment = { id: string; fieldKey: string; filename: string; mimeType: string; sizeBytes: number };
/** The file field being answered, with the limits its definition sets. */
export type FileFieldRef = { key: string; label: string; multiple: boolean; accept: string[]; maxSizeMb: number };

export type AttachResult =
  | { ok: true; attachment: DraftAttachment; replacedIds: string[] }
  | { ok: false; reason: 'not-found' | 'locker-not-found' | 'too-many' | 'not-accepted' | 'quota' | 'storage-unavailable'; message: string };

const typeLabels: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** The field's own limits (a definition may be stricter than the portal: "PDF only", "5 Mo"). */
function refusalByField(field: FileFieldRef, file: { filename: string; mimeType: string; sizeBytes: number }): string | null {
  if (!field.accept.includes(file.mimeType)) {
    const formats = field.accept.map((t) => typeLabels[t] ?? t).join(' ou ');
    return `« ${file.filename} » n’est pas accepté pour « ${field.label} » : format ${formats} uniquement.`;
  }
  if (file.sizeBytes > field.maxSizeMb * 1024 * 1024) {
    return `« ${file.filename} » dépasse la taille maximale de ${field.maxSizeMb} Mo pour « ${field.label} ».`;
  }
  return null;
}

export const ATTACH_MESSAGES = {
  'not-found': 'Ce brouillon est introuvable ou a déjà été envoyé.',
  'locker-not-found': 'Ce document n’est plus dans votre porte-documents : choisissez-en un autre.',
  'storage-unavailable': STORAGE_UNAVAILABLE_MESSAGES.draft,
  'too-many': `Vous avez déjà joint ${MAX_FILES_PER_FIELD} fichiers à cette question : retirez-en un pour en ajouter un autre.`,
} as const;

const attachmentColumns = {
  id: dossierAttachments.id,
  fieldKey: dossierAttachments.fieldKey,
  filename: dossierAttachments.filename,
  mimeType: dossierAttachments.mimeType,
  sizeBytes: dossierAttachments.sizeBytes,
};

export function attachmentKey(dossierId: string, attachmentId: string): string {
  return `dossiers/${dossierId}/${attachmentId}`;
}

function ownedDraft(ownerId: string, dossierId: string) {
  return and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft'))!;
}

/** The supporting files of one of the citizen's drafts, in the order they were attached. */
export async function listDraftAttachments(db: Executor, ownerId: string, dossierId: string): Promise<DraftAttachment[]> {
  if (!isUuid(dossierId)) return [];
  const rows = await db
    .select(attachmentColumns)
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(ownedDraft(ownerId, dossierId), eq(dossierAttachments.kind, 'supporting')))
    .orderBy(asc(dossierAttachments.createdAt), asc(dossierAttachments.id));
  return rows.map((r) => ({ ...r, fieldKey: r.fieldKey ?? '' }));
}

/** id → file name of the supporting files of one of the citizen's dossiers (draft or submitted), for display. */
export async function attachmentFilenames(db: Executor, ownerId: string, dossierId: string): Promise<Record<string, string>> {
  if (!isUuid(dossierId)) return {};
  const rows = await db
    .select({ id: dossierAttachments.id, filename: dossierAttachments.filename })
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossierAttachments.kind, 'supporting')));
  return Object.fromEntries(rows.map((r) => [r.id, r.filename]));
}

class AttachRefused extends Error {
  constructor(readonly reason: 'not-found' | 'too-many') {
    super(reason);
  }
}

class QuotaExceeded extends Error {
  constructor(readonly usage: StorageUsage) {
    super('storage quota exceeded');
  }
}

/** Rewrites data[fieldKey] from the attachments table: the ids in attachment order, or no answer. */
async function syncFieldAnswer(tx: Transaction, ownerId: string, dossierId: string, fieldKey: string): Promise<void> {
  const rows = await tx
    .select({ id: dossierAttachments.id })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.fieldKey, fieldKey), eq(dossierAttachments.kind, 'supporting')))
    .orderBy(asc(dossierAttachments.createdAt), asc(dossierAttachments.id));
  const ids = rows.map((r) => r.id);
  // No version bump: the answer of a file field is never written by autosave, so an open page's
  // pending autosave cannot overwrite it (jsonb || merges keys) and must not turn into a conflict.
  await tx
    .update(dossiers)
    .set({
      data: ids.length
        ? sql`jsonb_set(${dossiers.data}, ARRAY[${fieldKey}]::text[], ${JSON.stringify(ids)}::jsonb)`
        : sql`${dossiers.data} - ${fieldKey}::text`,
      updatedAt: sql`now()`,
    })
    .where(ownedDraft(ownerId, dossierId));
}

async function lockDraft(tx: Transaction, ownerId: string, dossierId: string): Promise<void> {
  const [row] = await tx.select({ id: dossiers.id }).from(dossiers).where(ownedDraft(ownerId, dossierId)).for('update');
  if (!row) throw new AttachRefused('not-found');
}

async function storeAndRecord(
  db: Database,
  store: BlobStore,
  ownerId: string,
  dossierId: string,
  field: FileFieldRef,
  file: { filename: string; mimeType: string; sizeBytes: number; sha256: string; body: Buffer | Readable; fromLocker: boolean },
): Promise<AttachResult> {
  const refusal = refusalByField(field, file);
  if (refusal) return { ok: false, reason: 'not-accepted', message: refusal };
  const overQuota = (usage: StorageUsage) => ({ ok: false, reason: 'quota', message: attachmentQuotaMessage(usage, file, file.fromLocker) }) as const;
  // Checked before anything is written under the dossier's prefix, and again under lock below.
  const [draft] = await db.select({ id: dossiers.id }).from(dossiers).where(ownedDraft(ownerId, dossierId));
  if (!draft) return { ok: false, reason: 'not-found', message: ATTACH_MESSAGES['not-found'] };
  // The file a single-file question replaces is freed by the same change.
  const usage = await storageUsage(db, ownerId);
  if (!fitsQuota(usage, file.sizeBytes, field.multiple ? 0 : await fieldBytes(db, dossierId, field.key))) {
    if (!Buffer.isBuffer(file.body)) file.body.destroy();
    return overQuota(usage);
  }
  const id = randomUUID();
  const storageKey = attachmentKey(dossierId, id);
  // Blob first, row second: a failed write leaves no row; a failed insert removes the blob below.
  // Storage down: no row is written, and the step's answers are still saved by the caller.
  const put = await unlessStorageDown(() => store.put(storageKey, file.body, { contentType: file.mimeType, contentLength: file.sizeBytes }));
  if (put === STORAGE_DOWN) {
    if (!Buffer.isBuffer(file.body)) file.body.destroy();
    return { ok: false, reason: 'storage-unavailable', message: ATTACH_MESSAGES['storage-unavailable'] };
  }
  if (put.sha256 !== file.sha256) {
    await deleteBlobQuietly(store, storageKey);
    throw new Error(`copy of ${storageKey} does not match its source`);
  }
  let replaced: { id: string; storageKey: string }[] = [];
  try {
    const row = await db.transaction(async (tx) => {
      // The account first, then the draft: the order every storage change takes (lockStorage).
      if (!(await lockStorage(tx, ownerId))) throw new AttachRefused('not-found');
      await lockDraft(tx, ownerId, dossierId);
      const existing = await tx
        .select({ id: dossierAttachments.id, storageKey: dossierAttachments.storageKey, sizeBytes: dossierAttachments.sizeBytes })
        .from(dossierAttachments)
        .where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.fieldKey, field.key), eq(dossierAttachments.kind, 'supporting')));
      if (field.multiple && existing.length >= MAX_FILES_PER_FIELD) throw new AttachRefused('too-many');
      const usageNow = await storageUsage(tx, ownerId);
      const freed = field.multiple ? 0 : existing.reduce((sum, e) => sum + e.sizeBytes, 0);
      if (!fitsQuota(usageNow, file.sizeBytes, freed)) throw new QuotaExceeded(usageNow);
      if (!field.multiple && existing.length > 0) {
        // A single-file question: the new file replaces the one attached before.
        await tx.delete(dossierAttachments).where(and(eq(dossierAttachments.dossierId, dossierId), inArray(dossierAttachments.id, existing.map((e) => e.id))));
        replaced = existing.map(({ id, storageKey }) => ({ id, storageKey }));
      }
      const [inserted] = await tx
        .insert(dossierAttachments)
        .values({
          id,
          dossierId,
          kind: 'supporting',
          fieldKey: field.key,
          filename: file.filename,
          mimeType: file.mimeType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          storageKey,
          uploadedBy: ownerId,
        })
        .returning(attachmentColumns);
      await syncFieldAnswer(tx, ownerId, dossierId, field.key);
      return inserted;
    });
    for (const old of replaced) await deleteBlobQuietly(store, old.storageKey);
    return { ok: true, attachment: { ...row, fieldKey: row.fieldKey ?? field.key }, replacedIds: replaced.map((r) => r.id) };
  } catch (error) {
    await deleteBlobQuietly(store, storageKey);
    if (error instanceof AttachRefused) return { ok: false, reason: error.reason, message: ATTACH_MESSAGES[error.reason] };
    if (error instanceof QuotaExceeded) return overQuota(error.usage);
    throw error;
  }
}

async function fieldBytes(db: Executor, dossierId: string, fieldKey: string): Promise<number> {
  const rows = await db
    .select({ sizeBytes: dossierAttachments.sizeBytes })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.fieldKey, fieldKey), eq(dossierAttachments.kind, 'supporting')));
  return rows.reduce((sum, r) => sum + r.sizeBytes, 0);
}

/** Attaches a file from the citizen's computer (already checked by screenUpload) to a file field of their draft. */
export async function attachUpload(db: Database, store: BlobStore, ownerId: string, dossierId: string, field: FileFieldRef, upload: CheckedUpload): Promise<AttachResult> {
  if (!isUuid(dossierId)) return { ok: false, reason: 'not-found', message: ATTACH_MESSAGES['not-found'] };
  return storeAndRecord(db, store, ownerId, dossierId, field, { ...upload, body: upload.bytes, fromLocker: false });
}

/**
 * Attaches a copy of one of the citizen's locker documents. The locker row is read with the same
 * owner: another citizen's document id is "not in your locker", like a deleted one.
 */
export async function attachFromLocker(
  db: Database,
  store: BlobStore,
  ownerId: string,
  dossierId: string,
  field: FileFieldRef,
  lockerDocumentId: string,
): Promise<AttachResult> {
  if (!isUuid(dossierId)) return { ok: false, reason: 'not-found', message: ATTACH_MESSAGES['not-found'] };
  const notInLocker = { ok: false, reason: 'locker-not-found', message: ATTACH_MESSAGES['locker-not-found'] } as const;
  if (!isDocumentId(lockerDocumentId)) return notInLocker;
  const [source] = await db
    .select({
      filename: lockerDocuments.filename,
      mimeType: lockerDocuments.mimeType,
      sizeBytes: lockerDocuments.sizeBytes,
      sha256: lockerDocuments.sha256,
      storageKey: lockerDocuments.storageKey,
    })
    .from(lockerDocuments)
    .where(and(eq(lockerDocuments.ownerId, ownerId), eq(lockerDocuments.id, lockerDocumentId)));
  if (!source) return notInLocker;
  const refusal = refusalByField(field, source);
  if (refusal) return { ok: false, reason: 'not-accepted', message: refusal };
  const [draft] = await db.select({ id: dossiers.id }).from(dossiers).where(ownedDraft(ownerId, dossierId));
  if (!draft) return { ok: false, reason: 'not-found', message: ATTACH_MESSAGES['not-found'] };
  const body = await unlessStorageDown(() => openBlob(store, source.storageKey));
  if (body === STORAGE_DOWN) return { ok: false, reason: 'storage-unavailable', message: ATTACH_MESSAGES['storage-unavailable'] };
  if (!body) return notInLocker;
  return storeAndRecord(db, store, ownerId, dossierId, field, { ...source, body, fromLocker: true });
}

/** Removes one attachment from the citizen's draft: its file name, or null when there is no such attachment on that draft. */
export async function removeDraftAttachment(db: Database, store: BlobStore, ownerId: string, dossierId: string, attachmentId: string): Promise<string | null> {
  if (!isUuid(dossierId) || !isDocumentId(attachmentId)) return null;
  const removed = await db.transaction(async (tx) => {
    const [draft] = await tx.select({ id: dossiers.id }).from(dossiers).where(ownedDraft(ownerId, dossierId)).for('update');
    if (!draft) return null;
    const [row] = await tx
      .delete(dossierAttachments)
      .where(and(eq(dossierAttachments.id, attachmentId), eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.kind, 'supporting')))
      .returning({ fieldKey: dossierAttachments.fieldKey, storageKey: dossierAttachments.storageKey, filename: dossierAttachments.filename });
    if (!row) return null;
    if (row.fieldKey) await syncFieldAnswer(tx, ownerId, dossierId, row.fieldKey);
    return row;
  });
  if (!removed) return null;
  // After the commit: a blob left behind is an orphan under the dossier's prefix, never a dangling row.
  await deleteBlobQuietly(store, removed.storageKey);
  return removed.filename;
}

/** One attachment of one of the citizen's drafts, for download; null for anything else. */
export async function openDraftAttachment(db: Executor, store: BlobStore, ownerId: string, dossierId: string, attachmentId: string): Promise<OpenedFile | null> {
  if (!isUuid(dossierId) || !isDocumentId(attachmentId)) return null;
  const [row] = await db
    .select({
      filename: dossierAttachments.filename,
      mimeType: dossierAttachments.mimeType,
      sizeBytes: dossierAttachments.sizeBytes,
      sha256: dossierAttachments.sha256,
      storageKey: dossierAttachments.storageKey,
    })
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(eq(dossierAttachments.id, attachmentId), eq(dossierAttachments.kind, 'supporting'), ownedDraft(ownerId, dossierId)));
  if (!row) return null;
  const stream = await openBlob(store, row.storageKey);
  return stream ? { filename: row.filename, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256, stream } : null;
}
