'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { citizenAction } from '@/lib/actions/define-action';
import { echoValues, type ActionResult } from '@/lib/actions/result';
import { answerCompletionRequest, type AnswerOutcome } from '@/lib/completions/answer-request';
import { answerCompletionSchema, answerInputNames } from '@/lib/completions/schemas';
import { isChosenFile } from '@/lib/documents/chosen-file';
import { getDb } from '@/lib/db';
import { getBlobStore } from '@/lib/storage';

type Failure = Extract<AnswerOutcome, { ok: false }>;

/** The words of each refusal, and where they show (above the form, or beside which control). */
function wordsOf(outcome: Exclude<Failure, { reason: 'withdrawn' }>): Pick<Extract<ActionResult, { ok: false }>, 'formError' | 'fieldErrors'> {
  switch (outcome.reason) {
    case 'not-found':
      return { formError: 'Cette demande de complément est introuvable. Revenez à la liste de vos demandes.' };
    case 'already-answered':
      return { formError: 'Vous avez déjà répondu à cette demande de complément : votre réponse a été transmise à l’administration et ne peut plus être modifiée.' };
    case 'quota':
      return { formError: outcome.message };
    case 'file-refused':
      return { fieldErrors: Object.fromEntries(Object.entries(outcome.errors).map(([itemId, message]) => [answerInputNames(itemId).upload, [message]])) };
    case 'incomplete': {
      const fieldErrors: Record<string, string[]> = {};
      for (const item of outcome.missingItems) {
        fieldErrors[answerInputNames(item.id).upload] = [`Choisissez un fichier sur votre ordinateur ou un document de votre porte-documents pour « ${item.label} ».`];
      }
      for (const item of outcome.bothSources) {
        fieldErrors[answerInputNames(item.id).upload] = [`Pour « ${item.label} », choisissez soit un fichier de votre ordinateur, soit un document de votre porte-documents, pas les deux.`];
      }
      if (outcome.missingMessage) fieldErrors.message = ['Écrivez votre réponse à la correction demandée.'];
      return { fieldErrors };
    }
  }
}

/** "Envoyer le complément": one file per requested document and a message; answered once. */
export const answerCompletionAction = citizenAction(answerCompletionSchema, async (input, user, formData): Promise<ActionResult> => {
  const dossierId = String(formData.get('dossierId') ?? '');
  const outcome = await answerCompletionRequest({ db: await getDb(), store: getBlobStore() }, user.id, dossierId, input.requestId, {
    message: input.message,
    sourceOf: (itemId) => {
      const names = answerInputNames(itemId);
      const upload = formData.get(names.upload);
      const locker = formData.get(names.locker);
      return { upload: isChosenFile(upload) ? upload : null, lockerId: typeof locker === 'string' && locker ? locker : null };
    },
  });
  // Withdrawn meanwhile: the form is gone from the page, so the page itself says why (with or without JavaScript).
  if (!outcome.ok && outcome.reason === 'withdrawn') redirect(`/demandes/${dossierId}?complement=retiree#a-completer`);
  if (!outcome.ok) return { ok: false, ...wordsOf(outcome), values: echoValues(formData) };
  revalidatePath(`/demandes/${dossierId}`);
  redirect(`/demandes/${dossierId}?complement=envoye#a-completer`);
});
