'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { echoValues, type ActionResult } from '@/lib/actions/result';
import { agentAction } from '@/lib/actions/define-action';
import { changeDossierStatus, publishResponse, sendAgentMessage } from '@/lib/processing/process';
import { agentMessageSchema, changeStatusSchema, publishResponseSchema } from '@/lib/processing/schemas';
import { checkUpload } from '@/lib/documents/check-upload';
import { isChosenFile } from '@/lib/documents/chosen-file';
import { getFollowUpContext } from '@/lib/notifications/app-context';
import { getBlobStore } from '@/lib/storage';

// Out of scope, a draft and an unknown id get the same answer (the page itself answers 404).
const NOT_FOUND_MESSAGE = 'Ce dossier est introuvable ou ne fait pas partie des démarches qui vous sont confiées.';

function dossierIdOf(formData: FormData): string {
  return String(formData.get('dossierId') ?? '');
}

function done(dossierId: string, what: 'statut' | 'message' | 'reponse'): never {
  revalidatePath(`/admin/dossiers/${dossierId}`);
  revalidatePath('/admin');
  redirect(`/admin/dossiers/${dossierId}?fait=${what}#actions`);
}

export const changeStatusAction = agentAction(changeStatusSchema, async (input, user, formData): Promise<ActionResult> => {
  const dossierId = dossierIdOf(formData);
  const result = await changeDossierStatus(await getFollowUpContext(), user, dossierId, input);
  if (!result.ok) {
    if (result.reason === 'not-found') return { ok: false, formError: NOT_FOUND_MESSAGE };
    const message = result.reason === 'same-status' ? 'Le dossier a déjà ce statut : choisissez un autre statut.' : 'Choisissez un statut de la liste.';
    return { ok: false, fieldErrors: { status: [message] }, values: echoValues(formData) };
  }
  done(dossierId, 'statut');
});

export const sendMessageAction = agentAction(agentMessageSchema, async (input, user, formData): Promise<ActionResult> => {
  const dossierId = dossierIdOf(formData);
  const file = formData.get('fichier');
  const attachment = isChosenFile(file) ? { store: getBlobStore(), file } : undefined;
  const result = await sendAgentMessage(await getFollowUpContext(), user, dossierId, input.body, attachment);
  if (!result.ok && result.reason === 'file-refused') return { ok: false, fieldErrors: { fichier: [result.message] }, values: echoValues(formData) };
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoValues(formData) };
  done(dossierId, 'message');
});

export const publishResponseAction = agentAction(publishResponseSchema, async (input, user, formData): Promise<ActionResult> => {
  const dossierId = dossierIdOf(formData);
  const checked = await checkUpload(input.file);
  if (!checked.ok) return { ok: false, fieldErrors: { file: [checked.message] }, values: echoValues(formData) };
  const result = await publishResponse({ ...(await getFollowUpContext()), store: getBlobStore() }, user, dossierId, checked, input.note);
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE };
  done(dossierId, 'reponse');
});
