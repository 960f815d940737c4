'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { agentAction } from '@/lib/actions/define-action';
import { echoValues, type ActionResult } from '@/lib/actions/result';
import { askCompletionSchema } from '@/lib/completions/schemas';
import { getFollowUpContext } from '@/lib/notifications/app-context';
import { askForCompletion } from '@/lib/processing/ask-completion';

const NOT_FOUND_MESSAGE = 'Ce dossier est introuvable ou ne fait pas partie des démarches qui vous sont confiées.';

/** "Demander un complément": the citizen is notified (portal, live, email per preferences). */
export const askCompletionAction = agentAction(askCompletionSchema, async (input, user, formData): Promise<ActionResult> => {
  const dossierId = String(formData.get('dossierId') ?? '');
  const result = await askForCompletion(await getFollowUpContext(), user, dossierId, input);
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoValues(formData) };
  revalidatePath(`/admin/dossiers/${dossierId}`);
  redirect(`/admin/dossiers/${dossierId}?fait=complement#complements`);
});
