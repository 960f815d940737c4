import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { BlobStore } from '@/lib/storage';
import { dossiers } from '@/db/schema';
import { isDossierId } from './ids';
import { forgetDraft } from './draft-cache';

/** Deletes one of the citizen's drafts (never a submitted dossier); false when there is none to delete. */
export async function deleteDraft(db: Executor, ownerId: string, dossierId: string): Promise<boolean> {
  if (!isDossierId(dossierId)) return false;
  const deleted = await db
    .delete(dossiers)
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft')))
    .returning({ id: dossiers.id });
  forgetDraft(ownerId, dossierId);
  return deleted.length > 0;
}

/** Removes the files of deleted drafts. After the commit: a file left behind is an orphan to clean up, never a reason to undo the deletion. */
export async function removeDraftFiles(store: Pick<BlobStore, 'deletePrefix'>, dossierIds: readonly string[], area: string): Promise<void> {
  for (const id of dossierIds) {
    try {
      await store.deletePrefix(`dossiers/${id}/`);
    } catch (error) {
      console.error(`[${area}] files of deleted draft ${id} not removed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export type DiscardDraftOutcome = { ok: true } | { ok: false; reason: 'not-found' };

/** "Supprimer ce brouillon": the draft and its attachment rows go in one statement, then its files. */
export async function discardDraft(db: Executor, store: Pick<BlobStore, 'deletePrefix'>, ownerId: string, dossierId: string): Promise<DiscardDraftOutcome> {
  if (!(await deleteDraft(db, ownerId, dossierId))) return { ok: false, reason: 'not-found' };
  await removeDraftFiles(store, [dossierId], 'brouillons');
  return { ok: true };
}
