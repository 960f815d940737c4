import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
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
