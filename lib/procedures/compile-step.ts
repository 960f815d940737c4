// zod/mini, not 'zod': this module runs in the browser on every form step (decision 019). The
// classic build brings every locale and the method-chaining API (~67 KB gz); the schema below
// only needs a record, a transform and custom issues, so the mini build is the same zod at a
// fraction of the weight. Servers and browsers still run this one schema.
// Named imports, not a namespace: the bundler then keeps only what is used.
import { pipe, record, string as zodString, transform, unknown as zodUnknown, type ZodMiniType } from 'zod/mini';
import type { AnswerValue, Answers } from './answers';
import type { Field, ProcedureDefinition, ShowIf, Step } from './definition';
import { inputModuleOf, moduleOf, type StaticFieldType } from './fields';
import { formatIsoDate, todayInParis } from './fields/date';
import type { FormInput, Problem } from './fields/field-module';

// The form engine's rules for one step: which fields show, how raw form inputs become the
// canonical answers of lib/procedures/answers.ts, and the zod schema that checks them. The same
// compiled schema runs in react-hook-form (browser) and in the server action, so this module is
// pure and browser-safe. What differs from one field type to another is in that type's module
// (lib/procedures/fields): this module only iterates them.

export type InputField = Exclude<Field, { type: StaticFieldType }>;
export type { FormInput };
export type StepValidation = { ok: true; values: Answers } | { ok: false; fieldErrors: Record<string, string[]> };
export type StepState = 'complete' | 'incomplete' | 'empty';

export { ADDRESS_PARTS, type AddressPart } from './fields/address';
export { formatIsoDate, todayInParis } from './fields/date';
export { isFrenchPhone } from './fields/tel';

export function isInputField(field: Field): field is InputField {
  return moduleOf(field).answer !== null;
}

export function findStep(definition: ProcedureDefinition, stepKey: string): Step | undefined {
  return definition.steps.find((step) => step.key === stepKey);
}

function getStepOrThrow(definition: ProcedureDefinition, stepKey: string): Step {
  const step = findStep(definition, stepKey);
  if (!step) throw new Error(`Unknown step "${stepKey}"`);
  return step;
}

// ── Visibility ──────────────────────────────────────────────────────────────────────────────

const fieldIndexes = new WeakMap<ProcedureDefinition, Map<string, Field>>();

function indexFields(definition: ProcedureDefinition): Map<string, Field> {
  let index = fieldIndexes.get(definition);
  if (!index) {
    index = new Map(definition.steps.flatMap((step) => step.fields.map((f) => [f.key, f] as const)));
    fieldIndexes.set(definition, index);
  }
  return index;
}

function conditionHolds(condition: ShowIf, value: AnswerValue | undefined): boolean {
  const expected: unknown[] = 'in' in condition ? condition.in : [condition.equals];
  // On a checkboxes field, the condition holds when one of the expected boxes is ticked.
  if (Array.isArray(value)) return value.some((v) => expected.includes(v));
  if (value === null || value === undefined) return false;
  return expected.includes(value);
}

/**
 * Whether a field shows, given the answers. With the definition, a chain is followed: a field
 * whose controlling field is hidden is hidden too (its stale answer must not reveal anything).
 */
export function isFieldVisible(field: Field, answers: Answers, definition?: ProcedureDefinition): boolean {
  const index = definition ? indexFields(definition) : undefined;
  const seen = new Set<string>();
  let current: Field | undefined = field;
  while (current?.showIf) {
    // The definition schema allows two fields of one step to depend on each other: never loop.
    if (seen.has(current.key)) return false;
    seen.add(current.key);
    if (!conditionHolds(current.showIf, answers[current.showIf.field])) return false;
    current = index?.get(current.showIf.field);
  }
  return true;
}

export function listVisibleFields(definition: ProcedureDefinition, stepKey: string, answers: Answers): Field[] {
  return getStepOrThrow(definition, stepKey).fields.filter((f) => isFieldVisible(f, answers, definition));
}

// ── Emptiness and equality of canonical values ─────────────────────────────────────────────

export function isAnswerEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every((part) => isAnswerEmpty(part));
  return false;
}

/** Two answers are the same when they would display the same (null, absent and empty alike). */
export function isSameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (isAnswerEmpty(a) && isAnswerEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    // Composite answers (an address): the same parts, an absent part being empty.
    const parts = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof typeof a>;
    return [...parts].every((part) => (a[part] ?? '') === (b[part] ?? ''));
  }
  return a === b;
}

/**
 * Whether the drafts store accepts the value as is (lib/dossiers/answer-changes.ts): readStepForm
 * keeps "abc" typed in a number field so that validation can report it, but it cannot be stored.
 */
export function isStorableAnswer(field: InputField, value: AnswerValue): boolean {
  return inputModuleOf(field).answer.isStorable(field, value);
}

/** The answers the drafts store accepts as they are, among known input fields (see isStorableAnswer). */
export function pickStorableAnswers(definition: ProcedureDefinition, answers: Answers): Answers {
  const index = indexFields(definition);
  return Object.fromEntries(
    Object.entries(answers).filter(([key, value]) => {
      const field = index.get(key);
      return !!field && isInputField(field) && isStorableAnswer(field, value);
    }),
  );
}

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

// ── Raw form inputs → canonical answers ─────────────────────────────────────────────────────

/**
 * The canonical answers of a step's form, hidden fields included (what was typed is kept).
 * File fields have no input of their own here: they are left out, never cleared.
 */
export function readStepForm(definition: ProcedureDefinition, stepKey: string, form: FormInput): Answers {
  const answers: Answers = {};
  for (const field of getStepOrThrow(definition, stepKey).fields) {
    if (!isInputField(field)) continue;
    // A file field has no input of its own here (undefined): its answer is left as it is.
    const value = inputModuleOf(field).answer.read(field, form);
    if (value !== undefined) answers[field.key] = value;
  }
  return answers;
}

// ── Display ─────────────────────────────────────────────────────────────────────────────────

/** An answer as the citizen reads it; "" when empty. Addresses come on several lines (\n). */
export function formatAnswer(field: Field, value: AnswerValue | undefined, fileNames?: Record<string, string>): string {
  if (isAnswerEmpty(value) || !isInputField(field)) return '';
  return inputModuleOf(field).answer.format(field, value!, fileNames);
}
