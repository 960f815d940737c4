'use server';

import { notFound, redirect } from 'next/navigation';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { deleteDraft } from '@/lib/dossiers/delete-draft';
import { isDossierId } from '@/lib/dossiers/ids';
import { getBlobStore } from '@/lib/storage';

/** "Oui, supprimer ce brouillon" on the confirmation page: owner-scoped, then back to the list. */
export async function deleteDraftAction(formData: FormData): Promise<void> {
  const id = String(formData.get('id') ?? '');
  // A page-level check does not protect an action: the guard runs here too.
  const user = await requireCitizen(isDossierId(id) ? `/brouillons/${id}/supprimer` : '/brouillons');
  const deleted = await deleteDraft(await getDb(), user.id, id);
  if (!deleted) notFound();
  // After the commit (the attachment rows went with the draft): a file left behind is an orphan, never a reason to fail.
  try {
    await getBlobStore().deletePrefix(`dossiers/${id}/`);
  } catch (error) {
    console.error(`[brouillons] files of deleted draft ${id} not removed: ${error instanceof Error ? error.message : String(error)}`);
  }
  redirect('/brouillons?supprime=1');
}
