import { z } from 'zod';
import { isValidSiret } from '@/lib/relations/siret';
import { ANSWER_MAX_STRING, type AddressAnswer, type AnswerValue, type Answers } from './answers';
import type { Field, ProcedureDefinition, ShowIf, Step } from './definition';

// The form engine's rules for one step: which fields show, how raw form inputs become the
// canonical answers of lib/procedures/answers.ts, and the zod schema that checks them. The same
// compiled schema runs in react-hook-form (browser) and in the server action, so this module is
// pure and browser-safe.

export type InputField = Exclude<Field, { type: 'info' }>;
export type FormInput = FormData | URLSearchParams | Record<string, string | string[]>;
export type StepValidation = { ok: true; values: Answers } | { ok: false; fieldErrors: Record<string, string[]> };
export type StepState = 'complete' | 'incomplete' | 'empty';

export const ADDRESS_PARTS = ['line1', 'line2', 'postalCode', 'city'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

const PARIS = 'Europe/Paris';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function isInputField(field: Field): field is InputField {
  return field.type !== 'info';
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
    return ADDRESS_PARTS.every((part) => (a[part] ?? '') === (b[part] ?? ''));
  }
  return a === b;
}

/**
 * Whether the drafts store accepts the value as is (lib/dossiers/answer-changes.ts): readStepForm
 * keeps "abc" typed in a number field so that validation can report it, but it cannot be stored.
 */
export function isStorableAnswer(field: InputField, value: AnswerValue): boolean {
  if (field.type === 'file') return false;
  if (value === null) return true;
  if (field.type === 'number') return typeof value === 'number';
  if (typeof value === 'string') return value.length <= ANSWER_MAX_STRING;
  if (Array.isArray(value)) return value.every((v) => v.length <= ANSWER_MAX_STRING);
  if (typeof value === 'object') return Object.values(value).every((v) => typeof v !== 'string' || v.length <= ANSWER_MAX_STRING);
  return true;
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

// ── Dates ───────────────────────────────────────────────────────────────────────────────────

/** Today in Paris as YYYY-MM-DD, whatever the browser's or the server's time zone. */
export function todayInParis(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "27 mars 2026", "1er avril 2026". */
export function formatIsoDate(value: string): string {
  const match = ISO_DATE.exec(value);
  if (!match || !isRealDate(value)) return value;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

// ── Field checks: one list of problems per field, French GOV.UK-style messages ─────────────

type Problem = { part?: AddressPart; message: string };

const quote = (label: string) => `« ${label} »`;

function requiredMessage(field: InputField): string {
  switch (field.type) {
    case 'select':
    case 'radio':
      return `Choisissez une réponse pour ${quote(field.label)}.`;
    case 'checkboxes':
      return `Choisissez au moins une réponse pour ${quote(field.label)}.`;
    case 'yesno':
      return `Choisissez « Oui » ou « Non » pour ${quote(field.label)}.`;
    case 'file':
      return `Ajoutez ${quote(field.label)}.`;
    default:
      return `Saisissez ${quote(field.label)}.`;
  }
}

const FRENCH_PHONE = /^(?:0|\+33|0033)[1-9]\d{8}$/;

export function isFrenchPhone(value: string): boolean {
  return FRENCH_PHONE.test(value.replace(/[\s.\-()]/g, ''));
}

function checkLength(field: { label: string; minLength?: number; maxLength: number }, value: string): Problem[] {
  if (field.minLength !== undefined && value.length < field.minLength) {
    return [{ message: `${quote(field.label)} doit contenir au moins ${field.minLength} caractères (actuellement ${value.length}).` }];
  }
  if (value.length > field.maxLength) {
    return [{ message: `${quote(field.label)} doit contenir ${field.maxLength} caractères au maximum (actuellement ${value.length}).` }];
  }
  return [];
}

function checkDate(field: Extract<Field, { type: 'date' }>, value: string, today: string): Problem[] {
  if (!isRealDate(value)) return [{ message: `${quote(field.label)} doit être une date réelle, par exemple 27/03/2026.` }];
  const min = field.min === 'today' ? today : field.min;
  const max = field.max === 'today' ? today : field.max;
  if (min && value < min) {
    return [{ message: field.min === 'today' ? `${quote(field.label)} doit être aujourd’hui ou dans le futur.` : `${quote(field.label)} doit être le ${formatIsoDate(min)} ou après.` }];
  }
  if (max && value > max) {
    return [{ message: field.max === 'today' ? `${quote(field.label)} doit être aujourd’hui ou dans le passé.` : `${quote(field.label)} doit être le ${formatIsoDate(max)} ou avant.` }];
  }
  return [];
}

function checkNumber(field: Extract<Field, { type: 'number' }>, value: number): Problem[] {
  const format = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
  if (field.integer && !Number.isInteger(value)) return [{ message: `${quote(field.label)} doit être un nombre entier, sans virgule.` }];
  const tooLow = field.min !== undefined && value < field.min;
  const tooHigh = field.max !== undefined && value > field.max;
  if (!tooLow && !tooHigh) return [];
  if (field.min !== undefined && field.max !== undefined) {
    return [{ message: `${quote(field.label)} doit être compris entre ${format(field.min)} et ${format(field.max)}.` }];
  }
  return [{ message: tooLow ? `${quote(field.label)} doit être au moins ${format(field.min!)}.` : `${quote(field.label)} doit être au plus ${format(field.max!)}.` }];
}

function checkAddress(value: unknown): Problem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ part: 'line1', message: 'Saisissez le numéro et la voie.' }];
  const address = value as Partial<Record<AddressPart, unknown>>;
  const text = (part: AddressPart) => (typeof address[part] === 'string' ? (address[part] as string).trim() : '');
  const problems: Problem[] = [];
  if (!text('line1')) problems.push({ part: 'line1', message: 'Saisissez le numéro et la voie.' });
  else if (text('line1').length > 200) problems.push({ part: 'line1', message: 'Le numéro et la voie doivent contenir 200 caractères au maximum.' });
  if (text('line2').length > 200) problems.push({ part: 'line2', message: 'Le complément d’adresse doit contenir 200 caractères au maximum.' });
  if (!text('postalCode')) problems.push({ part: 'postalCode', message: 'Saisissez le code postal.' });
  else if (!/^\d{5}$/.test(text('postalCode'))) problems.push({ part: 'postalCode', message: 'Le code postal doit comporter 5 chiffres, par exemple 69001.' });
  if (!text('city')) problems.push({ part: 'city', message: 'Saisissez la commune.' });
  else if (text('city').length > 100) problems.push({ part: 'city', message: 'La commune doit contenir 100 caractères au maximum.' });
  return problems;
}

function checkChoices(field: Extract<Field, { type: 'select' | 'radio' | 'checkboxes' }>, values: unknown[]): Problem[] {
  const known = new Set(field.options.map((o) => o.value));
  return values.every((v) => typeof v === 'string' && known.has(v)) ? [] : [{ message: `Choisissez une réponse proposée pour ${quote(field.label)}.` }];
}

/** The problems of a non-empty value. */
function checkValue(field: InputField, value: unknown, today: string): Problem[] {
  const invalid = [{ message: `La réponse à ${quote(field.label)} n’est pas valide.` }];
  switch (field.type) {
    case 'text':
    case 'textarea':
      return typeof value === 'string' ? checkLength(field, value) : invalid;
    case 'email':
      return typeof value === 'string' && z.email().safeParse(value).success && value.length <= 254
        ? []
        : [{ message: 'Saisissez une adresse de courriel valide, par exemple nom@exemple.fr.' }];
    case 'tel':
      return typeof value === 'string' && isFrenchPhone(value) ? [] : [{ message: 'Saisissez un numéro de téléphone français valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.' }];
    case 'date':
      return typeof value === 'string' ? checkDate(field, value, today) : invalid;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? checkNumber(field, value) : [{ message: `${quote(field.label)} doit être un nombre, par exemple 2.` }];
    case 'select':
    case 'radio':
      return typeof value === 'string' ? checkChoices(field, [value]) : invalid;
    case 'checkboxes':
      return Array.isArray(value) ? checkChoices(field, value) : invalid;
    case 'yesno':
      return typeof value === 'boolean' ? [] : [{ message: `Choisissez « Oui » ou « Non » pour ${quote(field.label)}.` }];
    case 'siret':
      if (typeof value !== 'string' || !/^\d{14}$/.test(value)) return [{ message: 'Le numéro SIRET doit comporter 14 chiffres, par exemple 421 039 587 00017.' }];
      return isValidSiret(value) ? [] : [{ message: 'Ce numéro SIRET n’existe pas : vérifiez les 14 chiffres.' }];
    case 'address':
      return checkAddress(value);
    case 'file':
      // Attachment ids, written only by lib/documents/attachments.ts (never by autosave); in the
      // browser a file chosen but not yet sent counts as a pending answer (components/forms/file-values.ts).
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [] : invalid;
  }
}

function trimmedValue(field: InputField, value: AnswerValue): AnswerValue {
  if (typeof value === 'string') return value.trim();
  if (field.type === 'address' && value && typeof value === 'object' && !Array.isArray(value)) {
    const address = value as AddressAnswer;
    const line2 = address.line2?.trim();
    return { line1: address.line1.trim(), ...(line2 ? { line2 } : {}), postalCode: address.postalCode.trim(), city: address.city.trim() };
  }
  return value;
}

// ── The compiled schema ─────────────────────────────────────────────────────────────────────

/**
 * The zod schema of one step. Input: canonical answers (this step's, possibly with the rest of
 * the draft); output: the step's visible, non-empty values. Hidden fields are neither required
 * nor returned. `answers` gives the values of earlier steps that conditions may look at.
 * Errors are reported at the field key, or at `<key>.<part>` for the parts of an address.
 */
export function compileStep(definition: ProcedureDefinition, stepKey: string, answers: Answers = {}): z.ZodType<Answers, Record<string, unknown>> {
  const fields = getStepOrThrow(definition, stepKey).fields.filter(isInputField);
  return z.record(z.string(), z.unknown()).transform((input, ctx) => {
    const merged = { ...answers, ...input } as Answers;
    const today = todayInParis();
    const values: Answers = {};
    for (const field of fields) {
      if (!isFieldVisible(field, merged, definition)) continue;
      const value = input[field.key] as AnswerValue | undefined;
      const empty = isAnswerEmpty(value);
      const problems = empty ? (field.required ? requiredProblems(field) : []) : checkValue(field, value, today);
      for (const problem of problems) {
        ctx.addIssue({ code: 'custom', path: problem.part ? [field.key, problem.part] : [field.key], message: problem.message, input: value });
      }
      if (!empty && problems.length === 0) values[field.key] = trimmedValue(field, value!);
    }
    return values;
  });
}

function requiredProblems(field: InputField): Problem[] {
  // An empty required address is reported part by part, beside each input.
  return field.type === 'address' ? checkAddress({}) : [{ message: requiredMessage(field) }];
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

function readAll(form: FormInput, name: string): string[] {
  if (form instanceof FormData || form instanceof URLSearchParams) {
    return form.getAll(name).filter((v): v is string => typeof v === 'string');
  }
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function readText(form: FormInput, name: string): string {
  // Browsers send CRLF line breaks; lengths are counted on LF, as in the textarea itself.
  return (readAll(form, name)[0] ?? '').replace(/\r\n?/g, '\n').trim();
}

function readNumber(raw: string): number | string | null {
  if (!raw) return null;
  const normalized = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  // Not a number: kept as typed, so that validation reports it instead of silently dropping it.
  return /^[-+]?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : raw;
}

function readAddress(form: FormInput, key: string): AddressAnswer | null {
  const [line1, line2, postalCode, city] = ADDRESS_PARTS.map((part) => readText(form, `${key}.${part}`));
  if (!line1 && !line2 && !postalCode && !city) return null;
  return { line1, ...(line2 ? { line2 } : {}), postalCode: postalCode.replace(/\s/g, ''), city };
}

function readField(field: InputField, form: FormInput): AnswerValue {
  const raw = () => readText(form, field.key);
  switch (field.type) {
    case 'number':
      return readNumber(raw());
    case 'yesno':
      return raw() === 'oui' ? true : raw() === 'non' ? false : null;
    case 'checkboxes': {
      const ticked = readAll(form, field.key).filter((v) => v !== '');
      return ticked.length ? ticked : null;
    }
    case 'address':
      return readAddress(form, field.key);
    case 'siret':
      return raw().replace(/\s/g, '') || null;
    default:
      return raw() || null;
  }
}

/**
 * The canonical answers of a step's form, hidden fields included (what was typed is kept).
 * File fields have no input of their own here: they are left out, never cleared.
 */
export function readStepForm(definition: ProcedureDefinition, stepKey: string, form: FormInput): Answers {
  const answers: Answers = {};
  for (const field of getStepOrThrow(definition, stepKey).fields) {
    if (!isInputField(field) || field.type === 'file') continue;
    answers[field.key] = readField(field, form);
  }
  return answers;
}

// ── Display ─────────────────────────────────────────────────────────────────────────────────

function optionLabel(field: Field, value: string): string {
  return ('options' in field ? field.options.find((o) => o.value === value)?.label : undefined) ?? value;
}

/** An answer as the citizen reads it; "" when empty. Addresses come on several lines (\n). */
export function formatAnswer(field: Field, value: AnswerValue | undefined, fileNames?: Record<string, string>): string {
  if (isAnswerEmpty(value) || field.type === 'info') return '';
  switch (field.type) {
    case 'date':
      return typeof value === 'string' ? formatIsoDate(value) : String(value);
    case 'yesno':
      return value === true ? 'Oui' : value === false ? 'Non' : String(value);
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat('fr-FR').format(value) : String(value);
    case 'select':
    case 'radio':
      return optionLabel(field, String(value));
    case 'checkboxes':
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v)).join(', ') : String(value);
    case 'address': {
      const address = value as AddressAnswer;
      return [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' ')].filter(Boolean).join('\n');
    }
    case 'siret':
      return typeof value === 'string' && /^\d{14}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6, 9)} ${value.slice(9)}` : String(value);
    case 'file': {
      if (!Array.isArray(value)) return '';
      // File names when the caller knows them (one per line), else a count.
      const names = fileNames ? value.map((id) => fileNames[id]).filter(Boolean) : [];
      if (names.length === value.length) return names.join('\n');
      return value.length === 1 ? '1 fichier' : `${value.length} fichiers`;
    }
    default:
      return String(value);
  }
}
