import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { lockerDocuments } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { BlobStore } from '@/lib/storage';
import { deleteBlobQuietly, openBlob, type OpenedFile } from './blobs';
import type { CheckedUpload } from './check-upload';
import { STORAGE_DOWN, STORAGE_UNAVAILABLE_MESSAGES, unlessStorageDown } from './storage-outage';
import type { DocumentKind } from './validity';
import { fitsQuota, lockerQuotaMessage, lockStorage, STORAGE_QUOTA_BYTES, storageUsage, type StorageUsage } from './storage-quota';
import { isUuid } from '@/lib/common/uuid';

// The Porte-documents: the citizen's private documents. Every function takes the owner and scopes
// its query by owner in the WHERE clause, so another citizen's id behaves exactly like an unknown
// one. Nothing here takes an agent: no code path gives the back office a locker.

/** 100 Mo per account, shared with the files attached to drafts (storage-quota.ts). */
export const LOCKER_QUOTA_BYTES = STORAGE_QUOTA_BYTES;

export type LockerDocument = {
  id: string;
  title: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: Date;
} & DocumentDetails;

/** What the citizen says of a document: its type and dates ("YYYY-MM-DD"), each may be unknown. */
export type DocumentDetails = { kind: DocumentKind | null; issuedOn: string | null; expiresOn: string | null };

export function isDocumentId(value: string): boolean {
  return isUuid(value);
}

// The DTO: never the storage key.
const columns = {
  id: lockerDocuments.id,
  title: lockerDocuments.title,
  filename: lockerDocuments.filename,
  mimeType: lockerDocuments.mimeType,
  sizeBytes: lockerDocuments.sizeBytes,
  createdAt: lockerDocuments.createdAt,
  kind: sql<DocumentKind | null>`${lockerDocuments.kind}`,
  issuedOn: lockerDocuments.issuedOn,
  expiresOn: lockerDocuments.expiresOn,
};

function owned(ownerId: string, id: string): SQL {
  return and(eq(lockerDocuments.ownerId, ownerId), eq(lockerDocuments.id, id))!;
}

export function lockerKey(ownerId: string, documentId: string): string {
  return `locker/${ownerId}/${documentId}`;
}

/** Newest first. */
export async function listLockerDocuments(db: Executor, ownerId: string): Promise<LockerDocument[]> {
  return db.select(columns).from(lockerDocuments).where(eq(lockerDocuments.ownerId, ownerId)).orderBy(desc(lockerDocuments.createdAt), asc(lockerDocuments.id));
}

/** null when the document does not exist or belongs to someone else: the caller answers 404 either way. */
export async function getLockerDocument(db: Executor, ownerId: string, id: string): Promise<LockerDocument | null> {
  if (!isDocumentId(id)) return null;
  const [row] = await db.select(columns).from(lockerDocuments).where(owned(ownerId, id));
  return row ?? null;
}

export async function lockerUsageBytes(db: Executor, ownerId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | number | null>`coalesce(sum(${lockerDocuments.sizeBytes}), 0)` })
    .from(lockerDocuments)
    .where(eq(lockerDocuments.ownerId, ownerId));
  return Number(row?.total ?? 0);
}

export type AddLockerDocumentResult = { ok: true; document: LockerDocument } | { ok: false; reason: 'quota' | 'storage-unavailable'; message: string };

class QuotaExceeded extends Error {
  constructor(readonly usage: StorageUsage) {
    super('locker quota exceeded');
  }
}

/**
 * Stores a checked upload in the owner's locker. The blob is written first, then the row, in a
 * transaction that locks the owner's account row (lockStorage) so two uploads, to the locker or to
 * drafts, cannot both squeeze under the account's quota. If the blob write fails there is no row;
 * if the row cannot be inserted the blob is deleted (best effort: a blob left under
 * locker/<userId>/ is still removed with the account).
 */
export async function addLockerDocument(
  db: Database,
  store: BlobStore,
  ownerId: string,
  input: { title: string; upload: CheckedUpload; details?: Partial<DocumentDetails> },
): Promise<AddLockerDocumentResult> {
  const { upload } = input;
  // A first look before writing anything; the decisive check is repeated under the lock below.
  const usage = await storageUsage(db, ownerId);
  if (!fitsQuota(usage, upload.sizeBytes)) return { ok: false, reason: 'quota', message: lockerQuotaMessage(usage, upload.sizeBytes) };

  const id = randomUUID();
  const storageKey = lockerKey(ownerId, id);
  const put = await unlessStorageDown(() => store.put(storageKey, upload.bytes, { contentType: upload.mimeType, contentLength: upload.sizeBytes }));
  if (put === STORAGE_DOWN) return { ok: false, reason: 'storage-unavailable', message: STORAGE_UNAVAILABLE_MESSAGES.locker };
  try {
    const document = await db.transaction(async (tx) => {
      if (!(await lockStorage(tx, ownerId))) throw new Error('locker owner not found');
      const usageNow = await storageUsage(tx, ownerId);
      if (!fitsQuota(usageNow, upload.sizeBytes)) throw new QuotaExceeded(usageNow);
      const [row] = await tx
        .insert(lockerDocuments)
        .values({ id, ownerId, title: input.title, filename: upload.filename, mimeType: upload.mimeType, sizeBytes: upload.sizeBytes, sha256: upload.sha256, storageKey, ...input.details })
        .returning(columns);
      // The journal is read by administrators: no title, no file name.
      await recordAudit(tx, { action: 'locker.document_added', actorId: ownerId, targetType: 'locker_document', targetId: id });
      return row;
    });
    return { ok: true, document };
  } catch (error) {
    await deleteBlobQuietly(store, storageKey);
    if (error instanceof QuotaExceeded) return { ok: false, reason: 'quota', message: lockerQuotaMessage(error.usage, upload.sizeBytes) };
    throw error;
  }
}

/** Changes the title and, when given, the type and dates. */
export async function renameLockerDocument(db: Executor, ownerId: string, id: string, title: string, details?: DocumentDetails): Promise<boolean> {
  if (!isDocumentId(id)) return false;
  const updated = await db.update(lockerDocuments).set({ title, ...details }).where(owned(ownerId, id)).returning({ id: lockerDocuments.id });
  return updated.length > 0;
}

/**
 * Deletes the row, then the blob. Copies attached to dossiers live under their own keys and do
 * not change. A blob whose deletion fails is logged (and goes with the account at the latest).
 */
export async function deleteLockerDocument(db: Executor, store: BlobStore, ownerId: string, id: string): Promise<boolean> {
  if (!isDocumentId(id)) return false;
  const [deleted] = await db.delete(lockerDocuments).where(owned(ownerId, id)).returning({ storageKey: lockerDocuments.storageKey });
  if (!deleted) return false;
  await recordAudit(db, { action: 'locker.document_deleted', actorId: ownerId, targetType: 'locker_document', targetId: id });
  await deleteBlobQuietly(store, deleted.storageKey);
  return true;
}

/** The document's content, for the owner only; null when not found, not theirs, or its blob is missing. */
export async function openLockerDocument(db: Executor, store: BlobStore, ownerId: string, id: string): Promise<OpenedFile | null> {
  if (!isDocumentId(id)) return null;
  const [row] = await db
    .select({ ...columns, sha256: lockerDocuments.sha256, storageKey: lockerDocuments.storageKey })
    .from(lockerDocuments)
    .where(owned(ownerId, id));
  if (!row) return null;
  const stream = await openBlob(store, row.storageKey);
  return stream ? { filename: row.filename, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256, stream } : null;
}
