import type { Answers } from '@/lib/procedures/answers';
import { formatAnswer, isInputField, isSameAnswer } from '@/lib/procedures/step-rules';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import type { ConflictRow } from './conflict-panel';

/** The questions whose answer differs between my values and the stored ones, both formatted. */
export function conflictRows(definition: ProcedureDefinition, mine: Answers, saved: Answers): ConflictRow[] {
  return definition.steps
    .flatMap((step) => step.fields)
    .filter(isInputField)
    // File answers are written only by attaching or removing, never by a save that can conflict.
    .filter((field) => field.type !== 'file' && field.key in mine && !isSameAnswer(mine[field.key], saved[field.key]))
    .map((field) => ({ key: field.key, label: field.label, mine: formatAnswer(field, mine[field.key]), saved: formatAnswer(field, saved[field.key]) }));
}
