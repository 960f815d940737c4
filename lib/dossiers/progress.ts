import type { Answers } from '@/lib/procedures/answers';
import { getStepState } from '@/lib/procedures/compile-step';
import type { ProcedureDefinition } from '@/lib/procedures/definition';

// How far a draft is: complete steps out of all steps, and where to resume it. Pure module.

export type DraftProgress = { complete: number; total: number; resumeStepKey: string | null };

export function summarizeProgress(definition: ProcedureDefinition, data: Answers): DraftProgress {
  const states = definition.steps.map((step) => ({ key: step.key, state: getStepState(definition, step.key, data) }));
  return {
    complete: states.filter((s) => s.state === 'complete').length,
    total: states.length,
    // The first step that is not complete; none means everything is ready to be checked and sent.
    resumeStepKey: states.find((s) => s.state !== 'complete')?.key ?? null,
  };
}

/** Where "Reprendre" leads: the first unfinished step, or the recap when all are complete. */
export function resumePath(dossierId: string, progress: DraftProgress): string {
  return `/brouillons/${dossierId}/${progress.resumeStepKey ?? 'recapitulatif'}`;
}
