import type { Answers } from '@/lib/procedures/answers';

// What saving one step of a draft ("Valider l'étape") comes to. Pure types, shared by the use
// case (save-step.ts), the action that words it and the step form that shows it.

/** The outcomes that keep the citizen on the step. Each carries the answers as posted, so the page shows them again, and the draft version to continue from. */
export type StepStay =
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

export type StepSaveOutcome =
  | StepStay
  /** No such draft of this owner, or no such step. */
  | { kind: 'not-found' }
  /** Saved and valid: on to `next`, a step key, or the recap when `next` is null. */
  | { kind: 'done'; dossierId: string; version: number; next: string | null };
