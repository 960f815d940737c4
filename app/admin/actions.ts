'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { echoAllValues, type ActionResult } from '@/lib/actions/result';
import { agentAction } from '@/lib/actions/define-action';
import { changeStatusInBulk } from '@/lib/processing/process';
import { queueHref } from '@/lib/processing/queue-params';
import { bulkStatusSchema, dossierListQuerySchema } from '@/lib/processing/schemas';
import { getFollowUpContext } from '@/lib/notifications/app-context';

const NOT_FOUND_MESSAGE = 'Un des dossiers cochés est introuvable ou ne fait pas partie des démarches qui vous sont confiées. Aucun statut n’a été changé.';

/** Back to the queue as it was filtered (the posted `retour` query string, re-validated). */
function queueAfter(formData: FormData, changed: number): never {
  const back = new URLSearchParams(String(formData.get('retour') ?? ''));
  const query = dossierListQuerySchema.parse(Object.fromEntries(back));
  revalidatePath('/admin');
  redirect(`${queueHref({ ...query, apres: undefined }, { fait: 'lot', nombre: String(changed) })}#resultats`);
}

export const bulkStatusAction = agentAction(bulkStatusSchema, async (input, user, formData): Promise<ActionResult> => {
  const result = await changeStatusInBulk(await getFollowUpContext(), user, input);
  if (result.ok) queueAfter(formData, result.changed);
  const values = echoAllValues(formData);
  switch (result.reason) {
    case 'not-found':
      return { ok: false, formError: NOT_FOUND_MESSAGE, values };
    case 'mixed-procedures':
      return { ok: false, formError: 'Les dossiers cochés doivent tous relever de la démarche choisie. Aucun statut n’a été changé.', values };
    case 'unknown-status':
      return { ok: false, fieldErrors: { status: ['Choisissez un statut de la liste.'] }, values };
    case 'same-status':
      return {
        ok: false,
        fieldErrors: { status: [`Ces dossiers ont déjà ce statut : ${result.numbers.join(', ')}. Décochez-les ou choisissez un autre statut. Aucun statut n’a été changé.`] },
        values,
      };
  }
});
