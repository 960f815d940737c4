'use server';

import { notFound, redirect } from 'next/navigation';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { deleteDraft } from '@/lib/dossiers/delete-draft';
import { isDossierId } from '@/lib/dossiers/ids';

/** "Oui, supprimer ce brouillon" on the confirmation page: owner-scoped, then back to the list. */
export async function deleteDraftAction(formData: FormData): Promise<void> {
  const id = String(formData.get('id') ?? '');
  // A page-level check does not protect an action: the guard runs here too.
  const user = await requireCitizen(isDossierId(id) ? `/brouillons/${id}/supprimer` : '/brouillons');
  const deleted = await deleteDraft(await getDb(), user.id, id);
  if (!deleted) notFound();
  redirect('/brouillons?supprime=1');
}
