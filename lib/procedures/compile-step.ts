// zod/mini, not 'zod': this schema runs in the browser on every form step (decision 019). The
// classic build brings every locale and the method-chaining API (~67 KB gz); the schema below
// only needs a record, a transform and custom issues, so the mini build is the same zod at a
// fraction of the weight. Servers and browsers still run this one schema; the browser loads this
// module only when the form is first checked (components/forms/use-step-resolver.ts).
// Named imports, not a namespace: the bundler then keeps only what is used.
import { pipe, record, string as zodString, transform, unknown as zodUnknown, type ZodMiniType } from 'zod/mini';
import type { AnswerValue, Answers } from './answers';
import type { Field, ProcedureDefinition } from './definition';
import { inputModuleOf, moduleOf } from './fields';
import { formatIsoDate, todayInParis } from './fields/date';
import type { Problem } from './fields/field-module';
import { getStepOrThrow, indexFields, isAnswerEmpty, isFieldVisible, isInputField, listVisibleFields, type InputField, type StepState } from './step-rules';

// The compiled zod schema of a step, and what needs it (validation, a step's state). The rules
// without zod (visibility, reading the form, display) are in step-rules.ts, re-exported here so
// that server code has one module to import.
export * from './step-rules';

export type StepValidation = { ok: true; values: Answers } | { ok: false; fieldErrors: Record<string, string[]> };

// ── The compiled schema ─────────────────────────────────────────────────────────────────────

/**
 * The zod schema of one step. Input: canonical answers (this step's, possibly with the rest of
 * the draft); output: the step's visible, non-empty values. Hidden fields are neither required
 * nor returned. `answers` gives the values of earlier steps that conditions may look at.
 * Errors are reported at the field key, or at `<key>.<part>` for the parts of an address.
 */
export function compileStep(definition: ProcedureDefinition, stepKey: string, answers: Answers = {}): ZodMiniType<Answers, Record<string, unknown>> {
  const fields = getStepOrThrow(definition, stepKey).fields.filter(isInputField);
  return pipe(
    record(zodString(), zodUnknown()),
    transform((input, payload) => {
      const merged = { ...answers, ...input } as Answers;
      const today = todayInParis();
      const values: Answers = {};
      for (const field of fields) {
        if (!isFieldVisible(field, merged, definition)) continue;
        const value = input[field.key] as AnswerValue | undefined;
        const empty = isAnswerEmpty(value);
        const { answer } = inputModuleOf(field);
        const problems: Problem[] = empty ? (field.required ? answer.requiredProblems(field) : []) : answer.check(field, value, today);
        for (const problem of problems) {
          // What classic zod's ctx.addIssue does; zod/mini hands the transform the parse payload itself.
          payload.issues.push({ code: 'custom', path: problem.part ? [field.key, problem.part] : [field.key], message: problem.message, input: value });
        }
        if (!empty && problems.length === 0) values[field.key] = answer.clean(field, value!);
      }
      for (const problem of ruleProblems(definition, fields, values, merged)) {
        payload.issues.push({ code: 'custom', path: [problem.key], message: problem.message, input: values[problem.key] });
      }
      return values;
    }),
  );
}

// ── Cross-field rules ("Date de fin" after "Date de début") ───────────────────────────────────

const numberWords = { gt: 'supérieur à', gte: 'supérieur ou égal à', lt: 'inférieur à', lte: 'inférieur ou égal à' } as const;

function ruleHolds(operator: 'gt' | 'gte' | 'lt' | 'lte', a: string | number, b: string | number): boolean {
  if (operator === 'gt') return a > b;
  if (operator === 'gte') return a >= b;
  if (operator === 'lt') return a < b;
  return a <= b;
}

function ruleMessage(field: Field, other: Field, operator: 'gt' | 'gte' | 'lt' | 'lte', otherValue: string | number, ordering: 'date' | 'number'): string {
  const shown = ordering === 'date' ? formatIsoDate(String(otherValue)) : new Intl.NumberFormat('fr-FR').format(Number(otherValue));
  if (ordering === 'date') {
    const when = operator === 'gte' ? 'le même jour que « X » ou après' : operator === 'lte' ? 'le même jour que « X » ou avant' : `${operator === 'gt' ? 'après' : 'avant'} « X »`;
    return `« ${field.label} » doit être ${when.replace('X', other.label)} (le ${shown}).`;
  }
  return `« ${field.label} » doit être ${numberWords[operator]} « ${other.label} » (${shown}).`;
}

/**
 * The broken rules of the step's valid, visible answers: a rule is checked when both its fields
 * show and have a valid answer (an empty one is the business of "required").
 */
function ruleProblems(definition: ProcedureDefinition, fields: InputField[], values: Answers, merged: Answers): { key: string; message: string }[] {
  if (!definition.rules?.length) return [];
  const index = indexFields(definition);
  const problems: { key: string; message: string }[] = [];
  for (const rule of definition.rules) {
    const field = fields.find((f) => f.key === rule.field);
    const other = index.get(rule.other);
    const ordering = field ? moduleOf(field).ordering : undefined;
    if (!field || !other || !ordering || !(rule.field in values) || !isFieldVisible(other, merged, definition)) continue;
    const a = values[rule.field];
    const b = rule.other in values ? values[rule.other] : merged[rule.other];
    const comparable = (v: unknown): v is string | number => (ordering === 'date' ? typeof v === 'string' && v !== '' : typeof v === 'number');
    if (!comparable(a) || !comparable(b)) continue;
    if (!ruleHolds(rule.operator, a, b)) problems.push({ key: field.key, message: ruleMessage(field, other, rule.operator, b, ordering) });
  }
  return problems;
}

/** Error key of an issue path: "nomEnfant", "adresseEnvoi.postalCode". */
function errorKey(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

export function validateStep(definition: ProcedureDefinition, stepKey: string, answers: Answers): StepValidation {
  const result = compileStep(definition, stepKey, answers).safeParse(answers);
  if (result.success) return { ok: true, values: result.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fieldErrors[errorKey(issue.path)] ??= []).push(issue.message);
  return { ok: false, fieldErrors };
}

/** "Complète" when the step validates; "Non commencée" when none of its visible fields has an answer. */
export function getStepState(definition: ProcedureDefinition, stepKey: string, answers: Answers): StepState {
  if (validateStep(definition, stepKey, answers).ok) return 'complete';
  const started = listVisibleFields(definition, stepKey, answers).some((f) => isInputField(f) && !isAnswerEmpty(answers[f.key]));
  return started ? 'incomplete' : 'empty';
}
