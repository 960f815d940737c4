'use server';

import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import type { StepOutcome } from '@/components/forms/step-form-state';
import { adminAction, defineFormPost } from '@/lib/actions/define-action';
import { getDb } from '@/lib/db';
import { getProcedureForEditing } from '@/lib/administration/procedures/get-procedure-for-editing';
import { checkPreviewStep } from '@/lib/administration/procedures/preview';
import { procedureIdSchema } from '@/lib/administration/procedures/schemas';
import { clearPreviewAnswers, previewPath, readPreviewAnswers, writePreviewAnswers } from './preview-answers';

// The step form posts its usual hidden fields; in the preview `dossierId` carries the procedure's id.
const previewStepSchema = z.object({
  dossierId: procedureIdSchema,
  stepKey: z.string().max(120),
  shown: z.string().max(10_000).default(''),
  retour: z.string().max(40).optional(),
});

/**
 * "Valider l'étape" in the preview: the same compiled schema as on a draft, then the next step.
 * Nothing is written to the database: the answers stay in this browser's session cookie.
 */
export const validatePreviewStepAction = adminAction<typeof previewStepSchema, StepOutcome>(previewStepSchema, async (input, user, formData) => {
  const procedure = await getProcedureForEditing(await getDb(), user, input.dossierId);
  if (!procedure) notFound();
  const { definition, revision } = procedure.working;
  const kept = await readPreviewAnswers(procedure.id, revision, definition);
  const checked = checkPreviewStep(definition, kept, { stepKey: input.stepKey, shown: input.shown, returnToRecap: input.retour === 'recapitulatif' }, formData);
  if (!checked) notFound();
  await writePreviewAnswers(procedure.id, revision, checked.answers);
  const { outcome } = checked;
  if (outcome.kind === 'done') redirect(`${previewPath(procedure.id)}/${outcome.next ?? 'recapitulatif'}`);
  if (outcome.kind === 'not-found') notFound();
  return { ok: true, data: outcome };
});

const resetSchema = z.object({ procedureId: procedureIdSchema });

/** "Recommencer l'aperçu": forget the answers typed, back to the first step with the fictitious prefill only. */
export const resetPreviewAction = defineFormPost({ role: 'admin', schema: resetSchema }, async (input, user) => {
  const procedure = await getProcedureForEditing(await getDb(), user, input.procedureId);
  if (!procedure) notFound();
  await clearPreviewAnswers(procedure.id);
  redirect(previewPath(procedure.id));
});
