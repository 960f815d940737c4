import type { StepTextsInput } from './schemas';

// Pure: the texts of one step applied to the steps of a definition (unit-tested).

type RawField = Record<string, unknown> & { key: string; type: string };
export type RawStep = Record<string, unknown> & { key: string; fields: RawField[] };

export class OutdatedStepError extends Error {}

/** Pure: the step's title and description, and each field's label, hint and "required" (body for an information text). */
export function applyStepTexts(steps: RawStep[], input: StepTextsInput): RawStep[] {
  const step = steps.find((s) => s.key === input.stepKey);
  if (!step || step.fields.length !== input.fields.length || step.fields.some((f, i) => f.key !== input.fields[i].key)) throw new OutdatedStepError();
  const fields = step.fields.map((field, i) => {
    const row = input.fields[i];
    const next: RawField = { ...field, label: row.label };
    if (row.hint) next.hint = row.hint;
    else delete next.hint;
    if (field.type === 'info') next.body = row.body ?? '';
    else next.required = row.required;
    return next;
  });
  const edited: RawStep = { ...step, title: input.title, fields };
  if (input.description) edited.description = input.description;
  else delete edited.description;
  return steps.map((s) => (s.key === input.stepKey ? edited : s));
}
