import type { AnswerValue, Answers } from '@/lib/procedures/answers';
import { isFieldVisible } from '@/lib/procedures/step-rules';
import type { ProcedureDefinition } from '@/lib/procedures/definition';

// What a submission keeps: the answers of fields the citizen could see, nothing else.
// Pure module.

/**
 * Removes answers of hidden fields and of keys the definition does not know. Visibility follows
 * chains (a field shown only by a hidden field is hidden too), so no stale answer survives.
 */
export function stripHiddenAnswers(definition: ProcedureDefinition, data: Answers): Answers {
  const visible: Answers = {};
  for (const field of definition.steps.flatMap((step) => step.fields)) {
    if (field.type === 'info' || !(field.key in data) || !isFieldVisible(field, data, definition)) continue;
    visible[field.key] = data[field.key];
  }
  return visible;
}

/**
 * The frozen answers: the validated values of each step (trimmed, coerced by the compiled
 * schemas) over the visible answers, without empty values (an empty field is absent).
 */
export function freezeAnswers(visible: Answers, validated: Record<string, unknown>[]): Answers {
  const frozen: Answers = {};
  const merged: Record<string, unknown> = Object.assign({}, ...validated);
  for (const [key, raw] of Object.entries(visible)) {
    const value = (key in merged ? merged[key] : raw) as AnswerValue | undefined;
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    frozen[key] = value;
  }
  return frozen;
}
