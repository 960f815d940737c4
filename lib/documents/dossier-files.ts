import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '@/db/client';
import { lockerDocuments } from '@/db/schema';
import type { BlobStore } from '@/lib/storage';
import { deleteBlobQuietly, openBlob } from './blobs';
import { attachmentKey } from './attachments';
import { isDocumentId } from './locker';
import { screenUpload } from './screen-upload';
import { STORAGE_DOWN, unlessStorageDown } from './storage-outage';
import { fitsQuota, lockStorage, STORAGE_QUOTA_BYTES, storageUsage, type StorageUsage } from './storage-quota';
import { formatFileSize } from './format';

// Files sent on a SUBMITTED dossier after its filing: the citizen's answers to a request for
// documents, and files joined to messages (both sides). Same rules as every upload (content
// checks, antivirus: screenUpload), a copy owned by the dossier under dossiers/<id>/<attachmentId>
// (copy-on-attach for a Porte-documents document), stored BEFORE the caller's transaction writes
// the rows; the caller discards the staged blobs when that transaction refuses or fails.

/** A file stored under the dossier's prefix, whose row the caller writes in its transaction. */
export type StagedFile = { attachmentId: string; storageKey: string; filename: string; mimeType: string; sizeBytes: number; sha256: string };
export type StageResult = { ok: true; file: StagedFile } | { ok: false; message: string };

export const DOSSIER_FILE_MESSAGES = {
  storage: 'Le dépôt de fichiers est momentanément indisponible : rien n’a été envoyé. Réessayez dans quelques minutes.',
  locker: 'Ce document n’est plus dans votre porte-documents : choisissez-en un autre.',
} as const;

async function put(store: BlobStore, dossierId: string, file: Omit<StagedFile, 'attachmentId' | 'storageKey'>, body: Buffer | Readable): Promise<StageResult> {
  const attachmentId = randomUUID();
  const storageKey = attachmentKey(dossierId, attachmentId);
  const stored = await unlessStorageDown(() => store.put(storageKey, body, { contentType: file.mimeType, contentLength: file.sizeBytes }));
  if (stored === STORAGE_DOWN) return { ok: false, message: DOSSIER_FILE_MESSAGES.storage };
  if (stored.sha256 !== file.sha256) {
    await deleteBlobQuietly(store, storageKey);
    throw new Error(`copy of ${storageKey} does not match its source`);
  }
  return { ok: true, file: { ...file, attachmentId, storageKey } };
}

/** A file from the computer: checked, scanned, then stored for the dossier. */
export async function stageUpload(store: BlobStore, dossierId: string, upload: File): Promise<StageResult> {
  const checked = await screenUpload(upload);
  if (!checked.ok) return checked;
  return put(store, dossierId, { filename: checked.filename, mimeType: checked.mimeType, sizeBytes: checked.sizeBytes, sha256: checked.sha256 }, checked.bytes);
}

/** A copy of one of the owner's Porte-documents documents (another owner's id: "not in your locker"). */
export async function stageLockerCopy(db: Executor, store: BlobStore, ownerId: string, dossierId: string, lockerDocumentId: string): Promise<StageResult> {
  if (!isDocumentId(lockerDocumentId)) return { ok: false, message: DOSSIER_FILE_MESSAGES.locker };
  const [source] = await db
    .select({ filename: lockerDocuments.filename, mimeType: lockerDocuments.mimeType, sizeBytes: lockerDocuments.sizeBytes, sha256: lockerDocuments.sha256, storageKey: lockerDocuments.storageKey })
    .from(lockerDocuments)
    .where(and(eq(lockerDocuments.ownerId, ownerId), eq(lockerDocuments.id, lockerDocumentId)));
  if (!source) return { ok: false, message: DOSSIER_FILE_MESSAGES.locker };
  const body = await unlessStorageDown(() => openBlob(store, source.storageKey));
  if (body === STORAGE_DOWN) return { ok: false, message: DOSSIER_FILE_MESSAGES.storage };
  if (!body) return { ok: false, message: DOSSIER_FILE_MESSAGES.locker };
  const { storageKey: _source, ...file } = source;
  return put(store, dossierId, file, body);
}

export async function discardStaged(store: BlobStore, files: StagedFile[]): Promise<void> {
  for (const file of files) await deleteBlobQuietly(store, file.storageKey);
}

/**
 * Inside the caller's transaction, the account's storage lock first (the order every storage change
 * takes), then the quota check: null when the files fit, else the usage for the refusal.
 */
export async function lockAndCheckQuota(tx: Transaction, ownerId: string, addedBytes: number): Promise<StorageUsage | null> {
  await lockStorage(tx, ownerId);
  const usage = await storageUsage(tx, ownerId);
  return fitsQuota(usage, addedBytes) ? null : usage;
}

export function sentFileQuotaMessage(usage: StorageUsage, addedBytes: number): string {
  const left = Math.max(0, STORAGE_QUOTA_BYTES - usage.usedBytes);
  return `Vos fichiers (${formatFileSize(addedBytes)}) n’ont pas été envoyés : votre espace de stockage est presque plein (il reste ${formatFileSize(left)}). Supprimez des documents de votre porte-documents ou retirez des fichiers de vos brouillons, puis réessayez.`;
}

/** The owner's Porte-documents documents, for the "from your Porte-documents" choice (no storage key). */
export async function listLockerChoices(db: Executor, ownerId: string): Promise<{ id: string; title: string; filename: string }[]> {
  return db
    .select({ id: lockerDocuments.id, title: lockerDocuments.title, filename: lockerDocuments.filename })
    .from(lockerDocuments)
    .where(eq(lockerDocuments.ownerId, ownerId))
    .orderBy(asc(lockerDocuments.title), asc(lockerDocuments.id));
}
