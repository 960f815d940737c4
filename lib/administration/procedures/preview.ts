import type { Answers } from '@/lib/procedures/answers';
import { findStep, pickStorableAnswers, readStepForm, validateStep } from '@/lib/procedures/compile-step';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import { computePrefill } from '@/lib/procedures/prefill';
import { FILE_ACTIONS, readFileAnswers } from '@/lib/documents/file-inputs';
import { findUnseenQuestions, nextStepKey } from '@/lib/dossiers/save-step';
import type { StepSaveOutcome } from '@/lib/dossiers/step-outcome';

// The editor's "Aperçu" (decision 024): the working version as a citizen sees it, with a
// fictitious identity, without a draft. No database: the page and the action do the cookie.

/** The fictitious citizen of the preview: every prefill source has a plausible value. */
export const PREVIEW_IDENTITY = {
  profile: {
    civility: 'Mme',
    birthName: 'Exemple',
    firstNames: 'Camille',
    birthDate: '1990-05-14',
    birthPlace: 'Lyon',
    addressLine1: '1 rue de l’Exemple',
    postalCode: '69001',
    city: 'Lyon',
    phone: '06 12 34 56 78',
  },
  email: 'camille.exemple@exemple.fr',
  beneficiary: {
    birthName: 'Exemple',
    firstNames: 'Camille',
    birthDate: '1990-05-14',
    birthPlace: 'Lyon',
    address: { line1: '1 rue de l’Exemple', postalCode: '69001', city: 'Lyon' },
    legalName: 'Association Exemple',
    siret: '42103958700017',
  },
} as const;

/** What a file chosen in the preview counts as: it is never sent anywhere. */
export const PREVIEW_FILE = 'fichier-de-l-apercu';

/** The answers a draft of this definition would start with, for the fictitious citizen. */
export function previewPrefill(definition: ProcedureDefinition): Answers {
  return computePrefill(definition, PREVIEW_IDENTITY);
}

/**
 * The answers kept between the preview's pages (a cookie the browser holds, never the database):
 * only known input fields with values the drafts store would accept, file fields as the placeholder.
 */
export function sanitizePreviewAnswers(definition: ProcedureDefinition, raw: unknown): Answers {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const answers = raw as Answers;
  const kept = pickStorableAnswers(definition, answers);
  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (field.type === 'file' && Array.isArray(answers[field.key]) && (answers[field.key] as unknown[]).every((v) => v === PREVIEW_FILE)) kept[field.key] = [PREVIEW_FILE];
    }
  }
  return kept;
}

export type PreviewStepInput = { stepKey: string; shown: string; returnToRecap: boolean };

/**
 * "Valider l'étape" in the preview: the step's compiled schema, as on a draft, over the answers
 * typed (a chosen file counts as given). Returns the outcome the step form shows, and the answers
 * to keep. "Joindre" and "Retirer" stay on the step: no file is sent in a preview.
 */
export function checkPreviewStep(
  definition: ProcedureDefinition,
  kept: Answers,
  input: PreviewStepInput,
  form: FormData,
): { outcome: StepSaveOutcome; answers: Answers } | null {
  const step = findStep(definition, input.stepKey);
  if (!step) return null;
  const files = Object.fromEntries(Object.entries(readFileAnswers(step.fields, form, {})).map(([key, value]) => [key, value ? [PREVIEW_FILE] : kept[key] ?? null]));
  const typed = readStepForm(definition, step.key, form);
  const answers = { ...kept, ...typed, ...files };
  const stored = sanitizePreviewAnswers(definition, answers);
  if (form.has(FILE_ACTIONS.attach) || form.has(FILE_ACTIONS.remove)) {
    const notices = ['Aperçu : aucun fichier n’est envoyé. Un fichier choisi compte comme joint pour valider l’étape.'];
    return { outcome: { kind: 'files', version: 0, answers: typed, fieldErrors: {}, notices }, answers: stored };
  }
  const result = validateStep(definition, step.key, answers);
  const fieldErrors = result.ok ? {} : result.fieldErrors;
  const unseen = findUnseenQuestions(definition, step, answers, input.shown);
  if (unseen.size) {
    const seenErrors = Object.fromEntries(Object.entries(fieldErrors).filter(([key]) => !unseen.has(key.split('.')[0])));
    return { outcome: { kind: 'revealed', version: 0, answers: typed, fieldErrors: seenErrors }, answers: stored };
  }
  if (!result.ok) return { outcome: { kind: 'invalid', version: 0, answers: typed, fieldErrors }, answers: stored };
  return { outcome: { kind: 'done', dossierId: '', version: 0, next: input.returnToRecap ? null : nextStepKey(definition, step) }, answers: stored };
}
