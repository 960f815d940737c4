import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '@/db/client';
import { dossierAttachments, dossiers, lockerDocuments, users } from '@/db/schema';
import { formatFileSize } from './format';

// One storage limit per account (docs/decisions/012-storage-quota.md): the Porte-documents plus
// the files attached to the account's drafts. A copy of a locker document attached to a draft is
// a second stored file and counts as such. Files of submitted dossiers do not count: they belong
// to the administration's record and the citizen cannot delete them.

/** 100 Mo per account, announced on the Porte-documents page. */
export const STORAGE_QUOTA_BYTES = 100 * 1024 * 1024;

export type StorageUsage = {
  /** Documents of the Porte-documents. */
  lockerBytes: number;
  /** Files attached to the account's drafts (for them or for their relations). */
  draftBytes: number;
  usedBytes: number;
};

export async function storageUsage(db: Executor, ownerId: string): Promise<StorageUsage> {
  // bigint sums come back as strings on postgres.js and numbers on PGlite.
  const [locker] = await db
    .select({ total: sql<string | number>`coalesce(sum(${lockerDocuments.sizeBytes}), 0)` })
    .from(lockerDocuments)
    .where(eq(lockerDocuments.ownerId, ownerId));
  const [drafts] = await db
    .select({ total: sql<string | number>`coalesce(sum(${dossierAttachments.sizeBytes}), 0)` })
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft')));
  const lockerBytes = Number(locker?.total ?? 0);
  const draftBytes = Number(drafts?.total ?? 0);
  return { lockerBytes, draftBytes, usedBytes: lockerBytes + draftBytes };
}

/**
 * Serialises every change of the account's stored files: the owner's `users` row is locked until
 * the caller's transaction ends, so two uploads re-check the quota one after the other and cannot
 * both squeeze under it. NO KEY UPDATE, not UPDATE: inserts that merely reference the user (foreign
 * keys take KEY SHARE) are not blocked, which keeps other transactions from deadlocking with this one.
 * Returns false when the account does not exist.
 */
export async function lockStorage(tx: Transaction, ownerId: string): Promise<boolean> {
  const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for('no key update');
  return !!owner;
}

/** Whether adding `addedBytes` (and removing `freedBytes`, e.g. a replaced file) stays within the quota. */
export function fitsQuota(usage: StorageUsage, addedBytes: number, freedBytes = 0): boolean {
  return usage.usedBytes - freedBytes + addedBytes <= STORAGE_QUOTA_BYTES;
}

function usageDetail(usage: StorageUsage): string {
  return `${formatFileSize(usage.usedBytes)} utilisés sur ${formatFileSize(STORAGE_QUOTA_BYTES)} : ${formatFileSize(usage.lockerBytes)} dans votre porte-documents et ${formatFileSize(usage.draftBytes)} de fichiers joints à vos brouillons`;
}

/** The refusal shown in the Porte-documents. */
export function lockerQuotaMessage(usage: StorageUsage, addedBytes: number): string {
  const left = Math.max(0, STORAGE_QUOTA_BYTES - usage.usedBytes);
  return `Votre espace de stockage est presque plein : ce fichier (${formatFileSize(addedBytes)}) dépasse la place restante (${formatFileSize(left)}). Vous utilisez ${usageDetail(usage)}. Supprimez des documents dont vous n’avez plus besoin, ou retirez des fichiers de vos brouillons, puis réessayez.`;
}

/** The refusal shown beside a file question of a draft. */
export function attachmentQuotaMessage(usage: StorageUsage, file: { filename: string; sizeBytes: number }, fromLocker: boolean): string {
  const left = Math.max(0, STORAGE_QUOTA_BYTES - usage.usedBytes);
  const copy = fromLocker ? ' La copie jointe à une démarche compte comme un fichier à part.' : '';
  return `« ${file.filename} » (${formatFileSize(file.sizeBytes)}) n’a pas été joint : votre espace de stockage est presque plein (il reste ${formatFileSize(left)}). Vous utilisez ${usageDetail(usage)}.${copy} Retirez des fichiers de vos brouillons ou supprimez des documents de votre porte-documents dont vous n’avez plus besoin, puis réessayez.`;
}
