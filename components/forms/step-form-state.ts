import type { ActionResult } from '@/lib/actions/result';
import type { Answers } from '@/lib/procedures/answers';

// What the step action answers when it does not move on to the next page. `ok: false` only comes
// from citizenAction itself (session expired, tampered form); every outcome here carries the
// answers as posted, so the page shows them again, and the draft version to continue from.
export type StepOutcome =
  /** Saved, but the step does not validate yet. */
  | { kind: 'invalid'; version: number; answers: Answers; fieldErrors: Record<string, string[]> }
  /** Saved, but an answer revealed questions the citizen has not seen yet (no JavaScript); errors of the others. */
  | { kind: 'revealed'; version: number; answers: Answers; fieldErrors: Record<string, string[]> }
  /** Not saved: the draft changed elsewhere since `baseVersion`; `version` and `saved` are what is stored now. */
  | { kind: 'conflict'; version: number; baseVersion: number; answers: Answers; saved: Answers }
  /** Not saved: the drafts store refused the values. */
  | { kind: 'refused'; version: number; answers: Answers; message: string }
  /** Saved; a file was attached or removed ("Joindre", "Retirer"), or an attached document is too old: the page stays on the step. */
  | { kind: 'files'; version: number; answers: Answers; fieldErrors: Record<string, string[]>; notices: string[]; warnings?: string[] };

export type StepFormState = ActionResult<StepOutcome> | null;
export type StepFormAction = (previous: StepFormState, formData: FormData) => Promise<StepFormState>;

/** Form fields of the step page that are not answers. */
export const STEP_FORM_FIELDS = { dossierId: 'dossierId', stepKey: 'stepKey', baseVersion: 'baseVersion', keepVersion: 'keepVersion', shown: 'shown', retour: 'retour' } as const;
