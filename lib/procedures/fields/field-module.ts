import { ANSWER_MAX_STRING, type AnswerValue } from '../answers';
import type { PrefillSource } from '../prefill-sources';
import type { ShowIf } from './schema-parts';

// What a field type is made of. Each type is one module of this folder (<type>.ts, and the
// definition schema in <type>.schema.ts), listed once in ./index.ts and ./schemas.ts.
// definition.ts, compileStep, prefill, the autosave checks, the recap, the receipt, the back
// office and the editor go through the registry instead of switching on the type.
// Pure, browser-safe: the step form runs compileStep in the browser (no server-only import here,
// and no definition schema: those stay in <type>.schema.ts, out of the step page's bundle).

/** What every field definition has. */
export type FieldBase = { type: string; key: string; label: string; hint?: string; showIf?: ShowIf };
/** What every field that takes an answer has. */
export type InputFieldBase = FieldBase & { required: boolean; prefill?: PrefillSource };

export type FormInput = FormData | URLSearchParams | Record<string, string | string[]>;

/** One problem of an answer; `part` names a part of a composite answer (an address line). */
export type Problem = { part?: string; message: string };

/**
 * How the procedure editor's structured form adds the type: `simple` (label, hint, required; its
 * other settings are edited afterwards, fields/<type>.schema.ts says which) or `with-options`
 * (and one option per line, at least one being needed).
 */
export type EditorSupport = 'simple' | 'with-options';

/** A field type that takes no answer (an information text). */
export type FieldModule<F extends FieldBase> = {
  readonly type: F['type'];
  /** The type's name in the procedure editor. */
  readonly label: string;
  readonly editor: EditorSupport;
  /**
   * How two answers of the type compare, for cross-field rules ("Date de fin" after "Date de
   * début"): dates as YYYY-MM-DD strings, numbers as numbers; absent: the type has no order.
   */
  readonly ordering?: 'date' | 'number';
  /** Why `showIf` may not compare this field with the condition's value(s), or null when it may. */
  checkCondition(target: F, condition: ShowIf): string | null;
  /** Prefill sources that fit the type, and how a source's value is fitted; null: never prefilled. */
  readonly prefill: PrefillSupport<F> | null;
  /** How its answer is read, checked, stored and shown; null: it takes no answer. */
  readonly answer: AnswerSupport<F> | null;
};

/** A field type that takes an answer. */
export type InputFieldModule<F extends InputFieldBase> = FieldModule<F> & { readonly answer: AnswerSupport<F> };

export type PrefillSupport<F> = {
  readonly sources: readonly PrefillSource[];
  /** The source's value if the field can show it (a civility among a select's options), else null. */
  fit(field: F, value: Exclude<AnswerValue, null>): AnswerValue;
};

export type AnswerSupport<F> = {
  /** Raw form inputs → the canonical answer (lib/procedures/answers.ts); undefined: no input of its own. */
  read(field: F, form: FormInput): AnswerValue | undefined;
  /** The problems of a non-empty answer (French, GOV.UK style). This is what compileStep checks. */
  check(field: F, value: unknown, today: string): Problem[];
  /** The problems of an empty answer to a required field. */
  requiredProblems(field: F): Problem[];
  /** A valid answer as it is stored (trimmed). */
  clean(field: F, value: AnswerValue): AnswerValue;
  /** Whether the drafts store accepts the value as it is (readStepForm may keep "abc" typed in a number field). */
  isStorable(field: F, value: AnswerValue): boolean;
  /** Whether an autosave may write the value (its canonical shape, within limits); null: autosave never writes it. */
  readonly isCanonical: ((value: unknown) => boolean) | null;
  /** The answer as the citizen and the agent read it: recap, "vérifiez vos réponses", receipt (PDF), back office. */
  format(field: F, value: AnswerValue, fileNames?: Record<string, string>): string;
};

/**
 * A field type's module, checked against its definition (F, from its <type>.schema.ts): a piece
 * missing or of the wrong shape does not compile.
 */
export function defineInputField<F extends InputFieldBase>(module: InputFieldModule<F>): InputFieldModule<F> {
  return module;
}

export function defineStaticField<F extends FieldBase>(module: Omit<FieldModule<F>, 'answer' | 'prefill'>): FieldModule<F> & { readonly answer: null; readonly prefill: null } {
  return { ...module, answer: null, prefill: null };
}

// ── Shared pieces: most types are made of these ───────────────────────────────────────────

export const quote = (label: string) => `« ${label} »`;

export const invalidAnswer = (field: { label: string }): Problem[] => [{ message: `La réponse à ${quote(field.label)} n’est pas valide.` }];

export const typeInMessage = (field: { label: string }): Problem[] => [{ message: `Saisissez ${quote(field.label)}.` }];
export const chooseMessage = (field: { label: string }): Problem[] => [{ message: `Choisissez une réponse pour ${quote(field.label)}.` }];

export function readAll(form: FormInput, name: string): string[] {
  if (form instanceof FormData || form instanceof URLSearchParams) {
    return form.getAll(name).filter((v): v is string => typeof v === 'string');
  }
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function readText(form: FormInput, name: string): string {
  // Browsers send CRLF line breaks; lengths are counted on LF, as in the textarea itself.
  return (readAll(form, name)[0] ?? '').replace(/\r\n?/g, '\n').trim();
}

/** The typed text, or null when nothing was typed. */
export const readString = (field: { key: string }, form: FormInput): string | null => readText(form, field.key) || null;

export function isBoundedString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ANSWER_MAX_STRING;
}

/** Strings, lists and objects within the size limits of the drafts store. */
export function isStorableValue(_field: unknown, value: AnswerValue): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return value.length <= ANSWER_MAX_STRING;
  if (Array.isArray(value)) return value.every((v) => v.length <= ANSWER_MAX_STRING);
  if (typeof value === 'object') return Object.values(value).every((v) => typeof v !== 'string' || v.length <= ANSWER_MAX_STRING);
  return true;
}

export const trimString = (_field: unknown, value: AnswerValue): AnswerValue => (typeof value === 'string' ? value.trim() : value);

export const formatString = (_field: unknown, value: AnswerValue): string => String(value);

/** A prefilled value the field shows as it is, when it is text. */
export const fitString = (_field: unknown, value: Exclude<AnswerValue, null>): AnswerValue => (typeof value === 'string' ? value : null);

// ── Conditions (`showIf`) on a field of the type ────────────────────────────────────────────

const valuesOf = (condition: ShowIf): unknown[] => ('in' in condition ? condition.in : 'compare' in condition ? [condition.value] : [condition.equals]);

export const noCondition = (target: FieldBase): string => `Le champ « ${target.key} » (${target.type}) ne peut pas servir de condition.`;

export function booleanCondition(target: FieldBase, condition: ShowIf): string | null {
  return !('equals' in condition) || typeof condition.equals !== 'boolean' ? `« ${target.key} » est un oui/non : utilisez « equals: true » ou « equals: false ».` : null;
}

export function numberCondition(target: FieldBase, condition: ShowIf): string | null {
  if ('compare' in condition) return null;
  return !('equals' in condition) || typeof condition.equals !== 'number' ? `« ${target.key} » est un nombre : utilisez « equals » ou « compare » avec un nombre.` : null;
}

export function textCondition(target: FieldBase, condition: ShowIf): string | null {
  return valuesOf(condition).some((v) => typeof v !== 'string') ? `« ${target.key} » attend une valeur texte dans la condition.` : null;
}

export function optionCondition(target: FieldBase & { options: { value: string }[] }, condition: ShowIf): string | null {
  const problem = textCondition(target, condition);
  if (problem) return problem;
  const known = new Set(target.options.map((o) => o.value));
  const unknown = valuesOf(condition).filter((v) => !known.has(v as string));
  return unknown.length ? `Valeur(s) absente(s) des options de « ${target.key} » : ${unknown.join(', ')}.` : null;
}
