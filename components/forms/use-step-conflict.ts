'use client';

import { useState } from 'react';
import type { Answers } from '@/lib/procedures/answers';
import type { StepOutcome } from './step-form-state';
import type { AutosaveHandle } from './use-autosave';

export type StepConflict = { version: number; saved: Answers; mine: Answers };

/**
 * The conflict to show, from the autosave or from the step action, until the citizen chooses;
 * with JavaScript, choosing does not reload: `settle` hides the action's conflict.
 */
export function useStepConflict(status: AutosaveHandle['status'], outcome: StepOutcome | undefined) {
  const [settledOutcome, setSettledOutcome] = useState<StepOutcome | null>(null);
  const conflict: StepConflict | null =
    status.kind === 'conflict'
      ? status
      : outcome?.kind === 'conflict' && outcome !== settledOutcome
        ? { version: outcome.version, saved: outcome.saved, mine: outcome.answers }
        : null;
  return { conflict, settle: () => setSettledOutcome(outcome ?? null) };
}
