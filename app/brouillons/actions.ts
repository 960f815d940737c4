'use server';

import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { defineFormPost, signInPath } from '@/lib/actions/define-action';
import { getDb } from '@/lib/db';
import { discardDraft } from '@/lib/dossiers/delete-draft';
import { isDossierId } from '@/lib/dossiers/ids';
import { getBlobStore } from '@/lib/storage';

const deleteDraftSchema = z.object({ id: z.unknown().optional().transform((v) => (typeof v === 'string' ? v : '')) });

/** "Oui, supprimer ce brouillon" on the confirmation page: owner-scoped, then back to the list. */
export const deleteDraftAction = defineFormPost(
  { role: 'citizen', schema: deleteDraftSchema, signedOut: ({ id }) => signInPath(isDossierId(id) ? `/brouillons/${id}/supprimer` : '/brouillons') },
  async ({ id }, user) => {
    const outcome = await discardDraft(await getDb(), getBlobStore(), user.id, id);
    if (!outcome.ok) notFound();
    redirect('/brouillons?supprime=1');
  },
);
