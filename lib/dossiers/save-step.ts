import 'server-only';
import type { Database } from '@/db/client';
import { applyStepFiles, fileAnswersOf } from '@/lib/documents/step-files';
import type { Answers } from '@/lib/procedures/answers';
import { findStep, isFieldVisible, isInputField, isSameAnswer, pickStorableAnswers, readStepForm, validateStep } from '@/lib/procedures/compile-step';
import type { ProcedureDefinition, Step } from '@/lib/procedures/definition';
import type { BlobStore } from '@/lib/storage';
import { findDraft } from './find-draft';
import { saveDraftAnswers } from './save-draft-answers';
import type { StepSaveOutcome } from './step-outcome';

export type SaveStepInput = {
  dossierId: string;
  stepKey: string;
  /** The draft version the page was rendered from. */
  baseVersion: number;
  /** "Garder mes saisies" after a conflict: save over the version stored now. */
  keepVersion?: number;
  /** The input fields the page showed, comma-separated (the others were hidden by their condition). */
  shown: string;
  /** Came from the recap's change link: go back there once the step is valid. */
  returnToRecap: boolean;
};

/**
 * "Valider l'étape": what was typed is saved first, valid or not (nothing is lost), then the
 * step is validated with the same compiled schema as in the browser. `form` is the posted step
 * form: answers and file actions ("Joindre", "Retirer").
 */
export async function saveStep(db: Database, store: BlobStore, ownerId: string, input: SaveStepInput, form: FormData): Promise<StepSaveOutcome> {
  const draft = await findDraft(db, ownerId, input.dossierId);
  const step = draft ? findStep(draft.definition, input.stepKey) : undefined;
  if (!draft || !step) return { kind: 'not-found' };

  const typed = readStepForm(draft.definition, step.key, form);
  // Files first: they do not depend on the draft version, and a refused file is reported with the rest.
  const files = await applyStepFiles(db, store, ownerId, draft, step, { ...draft.data, ...typed }, form);
  const changes = pickStorableAnswers(draft.definition, typed);
  const baseVersion = input.keepVersion ?? input.baseVersion;
  let version = baseVersion;
  let stored: Answers = draft.data;
  if (Object.keys(changes).length) {
    const saved = await saveDraftAnswers(db, ownerId, draft.id, { baseVersion, changes });
    if (!saved.ok && saved.reason === 'not-found') return { kind: 'not-found' };
    if (!saved.ok && saved.reason === 'invalid') return { kind: 'refused', version: draft.version, answers: typed, message: saved.message };
    if (!saved.ok && saved.reason === 'conflict') {
      // Stale, but what is stored already says the same (a resubmitted page): nothing to choose.
      const same = Object.entries(changes).every(([key, value]) => isSameAnswer(value, saved.data[key]));
      if (!same) return { kind: 'conflict', version: saved.version, baseVersion, answers: typed, saved: saved.data };
      version = saved.version;
      stored = saved.data;
    } else if (saved.ok) {
      version = saved.version;
      stored = { ...draft.data, ...changes };
    }
  }

  // File answers come from the attachments just read, never from the posted form.
  const answers = { ...stored, ...typed, ...(await fileAnswersOf(db, ownerId, draft)) };
  if (files.stay) return { kind: 'files', version, answers: typed, fieldErrors: files.errors, notices: files.notices, warnings: files.warnings };
  const result = validateStep(draft.definition, step.key, answers);
  const fieldErrors = { ...(result.ok ? {} : result.fieldErrors), ...files.errors };
  const unseen = findUnseenQuestions(draft.definition, step, answers, input.shown);
  if (unseen.size) {
    // Questions the citizen has not seen yet are introduced, not reported as errors.
    const seenErrors = Object.fromEntries(Object.entries(fieldErrors).filter(([key]) => !unseen.has(key.split('.')[0])));
    return { kind: 'revealed', version, answers: typed, fieldErrors: seenErrors };
  }
  if (!result.ok || Object.keys(files.errors).length) return { kind: 'invalid', version, answers: typed, fieldErrors };
  return { kind: 'done', dossierId: draft.id, version, next: input.returnToRecap ? null : nextStepKey(draft.definition, step) };
}

/** Without JavaScript, fields whose condition the posted answers fulfil were not on screen yet. */
export function findUnseenQuestions(definition: ProcedureDefinition, step: Step, answers: Answers, shown: string): Set<string> {
  const seen = new Set(shown.split(','));
  return new Set(step.fields.filter((f) => isInputField(f) && !seen.has(f.key) && isFieldVisible(f, answers, definition)).map((f) => f.key));
}

/** The step after this one, or null after the last. */
export function nextStepKey(definition: ProcedureDefinition, step: Step): string | null {
  const index = definition.steps.findIndex((s) => s.key === step.key);
  return definition.steps[index + 1]?.key ?? null;
}
