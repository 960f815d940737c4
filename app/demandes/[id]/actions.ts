'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { citizenAction } from '@/lib/actions/define-action';
import { echoValues } from '@/lib/actions/result';
import { getDb } from '@/lib/db';
import { postCitizenMessage } from '@/lib/messages/citizen-reply';
import { citizenMessageSchema } from '@/lib/messages/schemas';
import { isChosenFile } from '@/lib/documents/chosen-file';
import { getBlobStore } from '@/lib/storage';

const NOT_FOUND_MESSAGE = 'Cette demande est introuvable. Revenez à la liste de vos demandes.';

/** The citizen's reply to the administration, with an optional file. Nobody is emailed: agents see it in the dossier, marked unread. */
export const replyAction = citizenAction(citizenMessageSchema, async (input, user, formData) => {
  const dossierId = String(formData.get('dossierId') ?? '');
  const file = formData.get('fichier');
  const attachment = isChosenFile(file) ? { store: getBlobStore(), file } : undefined;
  const result = await postCitizenMessage(await getDb(), user.id, dossierId, input.body, attachment);
  if (!result.ok && result.reason === 'file-refused') return { ok: false, fieldErrors: { fichier: [result.message] }, values: echoValues(formData) };
  if (!result.ok && result.reason === 'quota') return { ok: false, formError: result.message, values: echoValues(formData) };
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoValues(formData) };
  revalidatePath(`/demandes/${dossierId}`);
  redirect(`/demandes/${dossierId}?message=envoye#messages`);
});
