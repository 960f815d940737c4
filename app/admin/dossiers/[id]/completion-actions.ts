'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { agentAction, defineFormPost, signInPath } from '@/lib/actions/define-action';
import { echoValues, type ActionResult } from '@/lib/actions/result';
import { askCompletionSchema } from '@/lib/completions/schemas';
import { getFollowUpContext } from '@/lib/notifications/app-context';
import { askForCompletion } from '@/lib/processing/ask-completion';
import { withdrawCompletionRequest } from '@/lib/processing/withdraw-completion';
import { UUID_PATTERN } from '@/lib/common/uuid';

const NOT_FOUND_MESSAGE = 'Ce dossier est introuvable ou ne fait pas partie des démarches qui vous sont confiées.';

/** "Demander un complément": the citizen is notified (portal, live, email per preferences). */
export const askCompletionAction = agentAction(askCompletionSchema, async (input, user, formData): Promise<ActionResult> => {
  const dossierId = String(formData.get('dossierId') ?? '');
  const result = await askForCompletion(await getFollowUpContext(), user, dossierId, input);
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoValues(formData) };
  revalidatePath(`/admin/dossiers/${dossierId}`);
  redirect(`/admin/dossiers/${dossierId}?fait=complement#complements`);
});

const withdrawSchema = z.object({ dossierId: z.string().regex(UUID_PATTERN), requestId: z.string().regex(UUID_PATTERN) });

/**
 * "Retirer la demande" (a plain form post): the citizen is notified. Out of scope or unknown: the
 * page's own 404; answered or withdrawn meanwhile: back to the dossier, which says so.
 */
export const withdrawCompletionAction = defineFormPost(
  { role: 'back-office', schema: withdrawSchema, signedOut: (input) => signInPath(`/admin/dossiers/${input.dossierId}`) },
  async (input, user) => {
    const result = await withdrawCompletionRequest(await getFollowUpContext(), user!, input.dossierId, input.requestId);
    if (!result.ok && result.reason === 'not-found') redirect(`/admin/dossiers/${input.dossierId}`);
    revalidatePath(`/admin/dossiers/${input.dossierId}`);
    redirect(`/admin/dossiers/${input.dossierId}?fait=${result.ok ? 'complement-retire' : 'complement-clos'}#complements`);
  },
);
