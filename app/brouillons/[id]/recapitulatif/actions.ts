'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { completeStepLinkId } from '@/components/forms/answers-review';
import { citizenAction } from '@/lib/actions/define-action';
import { getDb } from '@/lib/db';
import { findDraft, submitDossier } from '@/lib/dossiers';
import { formatIsoDate } from '@/lib/procedures/compile-step';

const submitSchema = z.object({
  dossierId: z.string().max(64),
  baseVersion: z.coerce.number().int().min(0),
  certification: z.literal('oui', { error: 'Cochez la case pour certifier sur l’honneur l’exactitude des informations fournies.' }),
});

/**
 * "Déposer ma demande". Submitting twice from the same version files once (submitDossier), so
 * a double click without JavaScript lands on the same confirmation.
 */
export const submitDraft = citizenAction(submitSchema, async (input, user) => {
  const db = await getDb();
  const result = await submitDossier(db, user.id, input.dossierId, { baseVersion: input.baseVersion });
  if (result.ok) redirect(`/demandes/${result.dossierId}?depot=1`);
  if (result.reason === 'closed') {
    return { ok: false, formError: `Cette démarche est close et le dernier jour pour déposer une demande commencée était le ${formatIsoDate(result.lastDay)} : votre demande ne peut plus être déposée.` };
  }
  if (result.reason !== 'invalid') {
    if (result.reason === 'not-found') notFound();
    revalidatePath(`/brouillons/${input.dossierId}/recapitulatif`);
    return {
      ok: false,
      formError: 'Ce brouillon a été modifié ailleurs (autre onglet ou autre appareil) depuis l’affichage de cette page : vérifiez à nouveau vos réponses ci-dessus, puis déposez votre demande.',
    };
  }
  revalidatePath(`/brouillons/${input.dossierId}/recapitulatif`);
  const draft = await findDraft(db, user.id, input.dossierId);
  const title = draft?.definition.steps.find((s) => s.key === result.stepKey)?.title ?? result.stepKey;
  return {
    ok: false,
    formError: 'Votre demande ne peut pas encore être déposée.',
    fieldErrors: { [completeStepLinkId(result.stepKey)]: [`L’étape « ${title} » est à compléter.`] },
  };
});
