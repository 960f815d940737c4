import type { AnswerValue, Answers } from './answers';
import type { Field, ProcedureDefinition, ShowIf, Step } from './definition';
import { inputModuleOf, moduleOf, type StaticFieldType } from './fields';
import type { FormInput } from './fields/field-module';

// The form engine's rules for one step that need no zod: which fields show, how raw form inputs
// become the canonical answers of lib/procedures/answers.ts, emptiness, equality and display.
// The step page loads this module at first paint; the compiled zod schema (compile-step.ts) is
// loaded by the browser only when the form is first checked (decision 019). Server code imports
// everything from compile-step.ts, which re-exports this module.

export type InputField = Exclude<Field, { type: StaticFieldType }>;
export type { FormInput };
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

export function getStepOrThrow(definition: ProcedureDefinition, stepKey: string): Step {
  const step = findStep(definition, stepKey);
  if (!step) throw new Error(`Unknown step "${stepKey}"`);
  return step;
}

// ── Visibility ──────────────────────────────────────────────────────────────────────────────

const fieldIndexes = new WeakMap<ProcedureDefinition, Map<string, Field>>();

export function indexFields(definition: ProcedureDefinition): Map<string, Field> {
  let index = fieldIndexes.get(definition);
  if (!index) {
    index = new Map(definition.steps.flatMap((step) => step.fields.map((f) => [f.key, f] as const)));
    fieldIndexes.set(definition, index);
  }
  return index;
}

function conditionHolds(condition: ShowIf, value: AnswerValue | undefined): boolean {
  if ('compare' in condition) return typeof value === 'number' && compareNumbers(condition.compare, value, condition.value);
  const expected: unknown[] = 'in' in condition ? condition.in : [condition.equals];
  // On a checkboxes field, the condition holds when one of the expected boxes is ticked.
  if (Array.isArray(value)) return value.some((v) => expected.includes(v));
  if (value === null || value === undefined) return false;
  return expected.includes(value);
}

function compareNumbers(operator: 'gt' | 'gte' | 'lt' | 'lte', a: number, b: number): boolean {
  if (operator === 'gt') return a > b;
  if (operator === 'gte') return a >= b;
  if (operator === 'lt') return a < b;
  return a <= b;
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
