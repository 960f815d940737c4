'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import type { StepOutcome } from '@/components/forms/step-form-state';
import { citizenAction } from '@/lib/actions/define-action';
import { getDb } from '@/lib/db';
import { saveStep as saveDraftStep } from '@/lib/dossiers/save-step';
import { getBlobStore } from '@/lib/storage';

const stepFormSchema = z.object({
  dossierId: z.string().max(64),
  stepKey: z.string().max(120),
  baseVersion: z.coerce.number().int().min(0),
  // "Garder mes saisies" after a conflict: save over the version stored now.
  keepVersion: z.coerce.number().int().min(0).optional(),
  shown: z.string().max(10_000).default(''),
  retour: z.string().max(40).optional(),
});

/** "Valider l'étape" (lib/dossiers/save-step.ts): on to the next page, or the step again with what to show. */
export const saveStep = citizenAction<typeof stepFormSchema, StepOutcome>(stepFormSchema, async (input, user, formData) => {
  const outcome = await saveDraftStep(await getDb(), getBlobStore(), user.id, { ...input, returnToRecap: input.retour === 'recapitulatif' }, formData);
  if (outcome.kind === 'not-found') notFound();
  // Refused and conflicting answers were not saved: the pages of the draft have nothing new to show.
  if (outcome.kind !== 'refused' && outcome.kind !== 'conflict') revalidatePath(`/brouillons/${input.dossierId}`, 'layout');
  if (outcome.kind === 'done') redirect(`/brouillons/${outcome.dossierId}/${outcome.next ?? 'recapitulatif'}`);
  return { ok: true, data: outcome };
});
