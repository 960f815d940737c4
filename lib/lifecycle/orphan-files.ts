import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossierAttachments, lockerDocuments } from '@/db/schema';
import type { BlobStore, ListedBlob } from '@/lib/storage';

// Files are written before their row (a row never points at a missing file); a crash or a failed
// transaction in between leaves a file nobody owns, and deleting a row then its file can fail at
// the second step. The sweeper finds those files and deletes them. A file younger than a day is
// left alone: its row may be about to commit (an upload in progress, a long transaction).

/** The key spaces that rows point into (lib/documents/locker.ts, attachments.ts, follow-up.ts). */
export const OWNED_KEY_SPACES = ['locker/', 'dossiers/'] as const;
export const ORPHAN_MIN_AGE_MS = 24 * 3600 * 1000;
const BATCH = 500;

export type OrphanSweep = { scanned: number; deleted: number };

async function findOwnedKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  const [locker, attachments] = await Promise.all([
    db.select({ key: lockerDocuments.storageKey }).from(lockerDocuments).where(inArray(lockerDocuments.storageKey, keys)),
    db.select({ key: dossierAttachments.storageKey }).from(dossierAttachments).where(inArray(dossierAttachments.storageKey, keys)),
  ]);
  return new Set([...locker, ...attachments].map((r) => r.key));
}

async function deleteUnowned(db: Executor, store: BlobStore, candidates: ListedBlob[]): Promise<number> {
  const owned = await findOwnedKeys(db, candidates.map((c) => c.key));
  let deleted = 0;
  for (const { key } of candidates) {
    if (owned.has(key)) continue;
    await store.delete(key);
    deleted++;
  }
  return deleted;
}

/** Deletes stored files older than `minAgeMs` that no row points at; holds one batch of keys at a time. */
export async function sweepOrphanFiles(db: Executor, store: BlobStore, options: { now?: Date; minAgeMs?: number } = {}): Promise<OrphanSweep> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.minAgeMs ?? ORPHAN_MIN_AGE_MS);
  const result: OrphanSweep = { scanned: 0, deleted: 0 };
  for (const space of OWNED_KEY_SPACES) {
    let batch: ListedBlob[] = [];
    for await (const blob of store.list(space)) {
      result.scanned++;
      if (blob.lastModified.getTime() > cutoff) continue;
      batch.push(blob);
      if (batch.length >= BATCH) {
        result.deleted += await deleteUnowned(db, store, batch);
        batch = [];
      }
    }
    if (batch.length > 0) result.deleted += await deleteUnowned(db, store, batch);
  }
  return result;
}
