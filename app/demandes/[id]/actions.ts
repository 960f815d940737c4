'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { citizenAction } from '@/lib/actions/define-action';
import { echoValues } from '@/lib/actions/result';
import { getDb } from '@/lib/db';
import { postCitizenMessage } from '@/lib/messages/citizen-reply';
import { citizenMessageSchema } from '@/lib/messages/schemas';

const NOT_FOUND_MESSAGE = 'Cette demande est introuvable. Revenez à la liste de vos demandes.';

/** The citizen's reply to the administration. Nobody is emailed: agents see it in the dossier. */
export const replyAction = citizenAction(citizenMessageSchema, async (input, user, formData) => {
  const dossierId = String(formData.get('dossierId') ?? '');
  const result = await postCitizenMessage(await getDb(), user.id, dossierId, input.body);
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoValues(formData) };
  revalidatePath(`/demandes/${dossierId}`);
  redirect(`/demandes/${dossierId}?message=envoye#messages`);
});
