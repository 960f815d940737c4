import type { AnswerValue } from '../answers';
import { quote, type Problem } from './field-module';

// Shared by the types that offer options (select, radio, checkboxes).

type WithOptions = { label: string; options: { value: string; label: string }[] };

export function checkChoices(field: WithOptions, values: unknown[]): Problem[] {
  const known = new Set(field.options.map((o) => o.value));
  return values.every((v) => typeof v === 'string' && known.has(v)) ? [] : [{ message: `Choisissez une réponse proposée pour ${quote(field.label)}.` }];
}

export function optionLabel(field: WithOptions, value: string): string {
  return field.options.find((o) => o.value === value)?.label ?? value;
}

/** A prefilled value is kept only when it is one of the options (a civility among "Madame", "Monsieur"). */
export const fitOption = (field: WithOptions, value: Exclude<AnswerValue, null>): AnswerValue =>
  typeof value === 'string' && field.options.some((o) => o.value === value) ? value : null;
