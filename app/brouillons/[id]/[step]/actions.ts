'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import type { StepOutcome } from '@/components/forms/step-form-state';
import { citizenAction } from '@/lib/actions/define-action';
import { getDb } from '@/lib/db';
import { applyStepFiles, fileAnswersOf } from '@/lib/documents/step-files';
import { findDraft, saveDraftAnswers } from '@/lib/dossiers';
import { getBlobStore } from '@/lib/storage';
import type { Answers } from '@/lib/procedures/answers';
import { findStep, isFieldVisible, isInputField, isSameAnswer, pickStorableAnswers, readStepForm, validateStep } from '@/lib/procedures/compile-step';
import type { ProcedureDefinition, Step } from '@/lib/procedures/definition';

const stepFormSchema = z.object({
  dossierId: z.string().max(64),
  stepKey: z.string().max(120),
  baseVersion: z.coerce.number().int().min(0),
  // "Garder mes saisies" after a conflict: save over the version stored now.
  keepVersion: z.coerce.number().int().min(0).optional(),
  shown: z.string().max(10_000).default(''),
  retour: z.string().max(40).optional(),
});

/**
 * "Valider l'étape": what was typed is saved first, valid or not (nothing is lost), then the
 * step is validated with the same compiled schema as in the browser.
 */
export const saveStep = citizenAction<typeof stepFormSchema, StepOutcome>(stepFormSchema, async (input, user, formData) => {
  const db = await getDb();
  const draft = await findDraft(db, user.id, input.dossierId);
  const step = draft ? findStep(draft.definition, input.stepKey) : undefined;
  if (!draft || !step) notFound();

  const typed = readStepForm(draft.definition, step.key, formData);
  // Files first: they do not depend on the draft version, and a refused file is reported with the rest.
  const files = await applyStepFiles(db, getBlobStore(), user.id, draft, step, { ...draft.data, ...typed }, formData);
  const changes = pickStorableAnswers(draft.definition, typed);
  const baseVersion = input.keepVersion ?? input.baseVersion;
  let version = baseVersion;
  let stored: Answers = draft.data;
  if (Object.keys(changes).length) {
    const saved = await saveDraftAnswers(db, user.id, draft.id, { baseVersion, changes });
    if (!saved.ok && saved.reason === 'not-found') notFound();
    if (!saved.ok && saved.reason === 'invalid') return { ok: true, data: { kind: 'refused', version: draft.version, answers: typed, message: saved.message } };
    if (!saved.ok && saved.reason === 'conflict') {
      // Stale, but what is stored already says the same (a resubmitted page): nothing to choose.
      const same = Object.entries(changes).every(([key, value]) => isSameAnswer(value, saved.data[key]));
      if (!same) return { ok: true, data: { kind: 'conflict', version: saved.version, baseVersion, answers: typed, saved: saved.data } };
      version = saved.version;
      stored = saved.data;
    } else if (saved.ok) {
      version = saved.version;
      stored = { ...draft.data, ...changes };
    }
  }
  revalidatePath(`/brouillons/${draft.id}`, 'layout');

  // File answers come from the attachments just read, never from the posted form.
  const answers = { ...stored, ...typed, ...(await fileAnswersOf(db, user.id, draft)) };
  if (files.stay) return { ok: true, data: { kind: 'files', version, answers: typed, fieldErrors: files.errors, notices: files.notices, warnings: files.warnings } };
  const result = validateStep(draft.definition, step.key, answers);
  const fieldErrors = { ...(result.ok ? {} : result.fieldErrors), ...files.errors };
  const unseen = findUnseenQuestions(draft.definition, step, answers, input.shown);
  if (unseen.size) {
    // Questions the citizen has not seen yet are introduced, not reported as errors.
    const seenErrors = Object.fromEntries(Object.entries(fieldErrors).filter(([key]) => !unseen.has(key.split('.')[0])));
    return { ok: true, data: { kind: 'revealed', version, answers: typed, fieldErrors: seenErrors } };
  }
  if (!result.ok || Object.keys(files.errors).length) return { ok: true, data: { kind: 'invalid', version, answers: typed, fieldErrors } };
  redirect(nextPath(draft.id, draft.definition, step, input.retour === 'recapitulatif'));
});

/** Without JavaScript, fields whose condition the posted answers fulfil were not on screen yet. */
function findUnseenQuestions(definition: ProcedureDefinition, step: Step, answers: Answers, shown: string): Set<string> {
  const seen = new Set(shown.split(','));
  return new Set(
    step.fields.filter((f) => isInputField(f) && !seen.has(f.key) && isFieldVisible(f, answers, definition)).map((f) => f.key),
  );
}

function nextPath(dossierId: string, definition: ProcedureDefinition, step: Step, returnToRecap: boolean): string {
  const index = definition.steps.findIndex((s) => s.key === step.key);
  const next = definition.steps[index + 1];
  return `/brouillons/${dossierId}/${returnToRecap || !next ? 'recapitulatif' : next.key}`;
}
