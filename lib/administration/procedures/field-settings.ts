import { fieldModules, fieldTypeLabel, type FieldType } from '@/lib/procedures/fields';
import { fieldEditors } from '@/lib/procedures/fields/schemas';
import type { EditorSetting, ShowIf } from '@/lib/procedures/fields/schema-parts';
import { ruleOperators, type RuleOperator } from '@/lib/procedures/definition';
import type { PrefillSource } from '@/lib/procedures/prefill-sources';
import type { FieldFormInput } from './schemas';
import { optionValue } from './step-texts-edit';

// Pure: one field's settings form (label, hint, required, its type's own settings, prefill,
// condition, cross-field rule) applied to a definition, and the choices that form offers. The
// type's settings come from its editor description (lib/procedures/fields/<type>.schema.ts), so
// this module never switches on the type. The whole definition is validated afterwards.

type RawField = Record<string, unknown> & { key: string; type: FieldType; label: string };
type RawStep = Record<string, unknown> & { key: string; title: string; fields: RawField[] };
type RawDefinition = Record<string, unknown> & { steps: RawStep[]; rules?: { field: string; operator: string; other: string }[] };

export class FieldFormError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>, readonly formError?: string) {
    super('field form');
  }
}

export const prefillSourceLabels: Record<PrefillSource, string> = {
  'profile.civility': 'Civilité du demandeur',
  'profile.lastName': 'Nom du demandeur',
  'profile.birthName': 'Nom de naissance du demandeur',
  'profile.usageName': 'Nom d’usage du demandeur',
  'profile.firstNames': 'Prénoms du demandeur',
  'profile.birthDate': 'Date de naissance du demandeur',
  'profile.birthPlace': 'Lieu de naissance du demandeur',
  'profile.address': 'Adresse du demandeur',
  'profile.phone': 'Téléphone du demandeur',
  'profile.email': 'Adresse de courriel du demandeur',
  'beneficiary.lastName': 'Nom du bénéficiaire',
  'beneficiary.birthName': 'Nom de naissance du bénéficiaire',
  'beneficiary.firstNames': 'Prénoms du bénéficiaire',
  'beneficiary.birthDate': 'Date de naissance du bénéficiaire',
  'beneficiary.birthPlace': 'Lieu de naissance du bénéficiaire',
  'beneficiary.address': 'Adresse du bénéficiaire',
  'beneficiary.legalName': 'Raison sociale de l’organisation bénéficiaire',
  'beneficiary.siret': 'SIRET de l’organisation bénéficiaire',
};

export const ruleOperatorLabels: Record<'date' | 'number', Record<RuleOperator, string>> = {
  date: { gt: 'après', gte: 'le même jour ou après', lt: 'avant', lte: 'le même jour ou avant' },
  number: { gt: 'supérieur à', gte: 'supérieur ou égal à', lt: 'inférieur à', lte: 'inférieur ou égal à' },
};

export type Choice = { value: string; label: string };

/** The field and the fields before it (earlier steps, then earlier in its step): what a condition or a rule may look at. */
export function locateField(definition: RawDefinition, fieldKey: string): { step: RawStep; field: RawField; earlier: RawField[] } | null {
  const earlier: RawField[] = [];
  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (field.key === fieldKey) return { step, field, earlier };
      earlier.push(field);
    }
  }
  return null;
}

/** A condition's value as a select option: `<field key>::<JSON value>`. */
export const encodeCondition = (field: string, value: unknown) => `${field}::${JSON.stringify(value)}`;

/** A condition on a value typed beside the select: `<field key>::valeur:<operator>` (JSON never starts with "valeur:"). */
export const encodeValueCondition = (field: string, operator: ValueOperator) => `${field}::valeur:${operator}`;

export const valueOperators = ['equals', 'gt', 'gte', 'lt', 'lte'] as const;
export type ValueOperator = (typeof valueOperators)[number];

const valueOperatorLabels: Record<ValueOperator, string> = {
  equals: 'égal à',
  gt: 'supérieur à',
  gte: 'supérieur ou égal à',
  lt: 'inférieur à',
  lte: 'inférieur ou égal à',
};

/**
 * The kind of typed value a condition on this field may compare with, asked of the type's own
 * condition check (never a switch on the type): a number (with comparisons), a text, or none.
 * Dates and choices are left out: a date typed here would have to be AAAA-MM-JJ to ever match, and
 * choices are offered value by value.
 */
function valueConditionKind(field: RawField): 'number' | 'text' | null {
  const fieldModule = fieldModules[field.type];
  if (!fieldModule || fieldModule.answer === null || fieldModule.ordering === 'date' || Array.isArray(field.options)) return null;
  const accepts = (condition: ShowIf) => fieldModule.checkCondition(field as never, condition) === null;
  if (accepts({ field: field.key, compare: 'gt', value: 0 }) && accepts({ field: field.key, equals: 0 })) return 'number';
  if (accepts({ field: field.key, equals: 'x' })) return 'text';
  return null;
}

/**
 * "Show this field only if": each value of each earlier yes/no or choice field, then the typed
 * value conditions of earlier text and number fields ("égal à" for a text, the comparisons for a number).
 */
export function conditionChoices(earlier: RawField[]): Choice[] {
  const choices: Choice[] = [];
  for (const field of earlier) {
    if (field.type === 'yesno') {
      choices.push({ value: encodeCondition(field.key, true), label: `« ${field.label} » : Oui` });
      choices.push({ value: encodeCondition(field.key, false), label: `« ${field.label} » : Non` });
    } else if (Array.isArray(field.options)) {
      for (const option of field.options as { value: string; label: string }[]) {
        choices.push({ value: encodeCondition(field.key, option.value), label: `« ${field.label} » : ${option.label}` });
      }
    } else {
      const kind = valueConditionKind(field);
      const operators = kind === 'number' ? valueOperators : kind === 'text' ? (['equals'] as const) : [];
      for (const operator of operators) {
        choices.push({ value: encodeValueCondition(field.key, operator), label: `« ${field.label} » : ${valueOperatorLabels[operator]} la valeur saisie ci-dessous` });
      }
    }
  }
  return choices;
}

/** A stored condition as the form shows it: the select's choice, and the typed value if any. Undefined: JSON-only (`in` lists). */
export function conditionFormValue(showIf: ShowIf | undefined, earlier: RawField[]): { condition: string; conditionValue: string } | undefined {
  if (!showIf || 'in' in showIf) return undefined;
  const choices = conditionChoices(earlier).map((c) => c.value);
  if ('compare' in showIf) {
    const value = encodeValueCondition(showIf.field, showIf.compare);
    return choices.includes(value) ? { condition: value, conditionValue: formatNumber(showIf.value) } : undefined;
  }
  const exact = encodeCondition(showIf.field, showIf.equals);
  if (choices.includes(exact)) return { condition: exact, conditionValue: '' };
  const typed = encodeValueCondition(showIf.field, 'equals');
  if (!choices.includes(typed) || typeof showIf.equals === 'boolean') return undefined;
  return { condition: typed, conditionValue: typeof showIf.equals === 'number' ? formatNumber(showIf.equals) : showIf.equals };
}

const formatNumber = (n: number) => String(n).replace('.', ',');

/** The condition the form says, or a French problem (for `condition` or `conditionValue`). */
function readCondition(earlier: RawField[], condition: string, typed: string | undefined): { showIf: ShowIf } | { field: 'condition' | 'conditionValue'; problem: string } {
  if (!conditionChoices(earlier).some((c) => c.value === condition)) return { field: 'condition', problem: 'Choisissez la condition parmi les champs placés avant celui-ci.' };
  const at = condition.indexOf('::');
  const key = condition.slice(0, at);
  const rest = condition.slice(at + 2);
  if (!rest.startsWith('valeur:')) return { showIf: { field: key, equals: JSON.parse(rest) } };
  const operator = rest.slice('valeur:'.length) as ValueOperator;
  const target = earlier.find((f) => f.key === key)!;
  const text = (typed ?? '').trim();
  if (valueConditionKind(target) === 'text') {
    if (!text) return { field: 'conditionValue', problem: `Saisissez la valeur que doit avoir « ${target.label} » pour afficher ce champ.` };
    return { showIf: { field: key, equals: text } };
  }
  const number = Number(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  if (!text || !Number.isFinite(number)) return { field: 'conditionValue', problem: `Saisissez le nombre auquel comparer « ${target.label} », par exemple 2 ou 1,5.` };
  return { showIf: operator === 'equals' ? { field: key, equals: number } : { field: key, compare: operator, value: number } };
}

/** The earlier fields a rule of this field may compare it with: those of the same kind (two dates, two numbers). */
export function ruleChoices(field: RawField, earlier: RawField[]): Choice[] {
  const ordering = fieldModules[field.type]?.ordering;
  if (!ordering) return [];
  return earlier.filter((f) => fieldModules[f.type]?.ordering === ordering).map((f) => ({ value: f.key, label: `« ${f.label} » (${fieldTypeLabel(f.type)})` }));
}

export function prefillChoices(type: FieldType): Choice[] {
  return (fieldModules[type].prefill?.sources ?? []).map((source) => ({ value: source, label: prefillSourceLabels[source] }));
}

/** A setting as the form shows it. */
export function settingFormValue(setting: EditorSetting, value: unknown): string | string[] {
  if (setting.kind === 'options') return Array.isArray(value) ? (value as { label: string }[]).map((o) => o.label).join('\n') : '';
  if (setting.kind === 'choices') return Array.isArray(value) ? (value as string[]) : [];
  if (setting.kind === 'boolean') return value === true ? 'on' : '';
  return value === undefined || value === null ? '' : String(value);
}

const inputName = (setting: EditorSetting) => `setting-${setting.name}`;

/** A setting typed in the form, as the definition stores it (undefined: unset), or a French problem. */
function readSetting(setting: EditorSetting, raw: unknown, before: unknown): { value: unknown } | { problem: string } {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const text = (list[0] ?? '').trim();
  switch (setting.kind) {
    case 'boolean':
      return { value: text === 'on' || text === 'true' };
    case 'choices': {
      const known = new Set((setting.choices ?? []).map((c) => c.value));
      if (list.some((v) => !known.has(v))) return { problem: `${setting.label} : valeur inconnue.` };
      return list.length ? { value: list } : { problem: `${setting.label} : cochez au moins une case.` };
    }
    case 'options': {
      const labels = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      if (!labels.length) return { problem: 'Saisissez au moins une option, une par ligne.' };
      if (labels.length > 100) return { problem: '100 options au maximum.' };
      // An option keeps its stored value when its label is unchanged: answers already given stay readable.
      const previous = Array.isArray(before) ? (before as { value: string; label: string }[]) : [];
      return { value: labels.map((label, i) => ({ value: previous.find((o) => o.label === label)?.value ?? optionValue(label, i), label })) };
    }
    case 'integer':
    case 'decimal': {
      if (!text) return { value: undefined };
      const number = Number(text.replace(/\s/g, '').replace(',', '.'));
      if (!Number.isFinite(number) || (setting.kind === 'integer' && !Number.isInteger(number))) {
        return { problem: `${setting.label} : saisissez un nombre${setting.kind === 'integer' ? ' entier' : ''}.` };
      }
      return { value: number };
    }
    case 'date-bound':
      if (!text) return { value: undefined };
      return /^\d{4}-\d{2}-\d{2}$/.test(text) || text === 'today' ? { value: text } : { problem: `${setting.label} : date au format AAAA-MM-JJ, ou « today ».` };
    case 'long-text':
      return { value: text };
  }
}

/** The definition with the field's settings, condition and rule as the form says. */
export function applyFieldForm(definition: RawDefinition, input: FieldFormInput): RawDefinition {
  const located = locateField(definition, input.fieldKey);
  if (!located) throw new FieldFormError({}, 'Ce champ n’existe plus dans la version de travail : rechargez la page.');
  const { field, earlier } = located;
  const next: RawField = { ...field, label: input.label };
  const errors: Record<string, string[]> = {};
  setOrDelete(next, 'hint', input.hint);
  const isInput = fieldModules[field.type].answer !== null;
  if (isInput) next.required = input.required;

  for (const setting of fieldEditors[field.type].settings) {
    const read = readSetting(setting, input.settings[inputName(setting)], field[setting.name]);
    if ('problem' in read) errors[inputName(setting)] = [read.problem];
    else setOrDelete(next, setting.name, read.value);
  }

  const sources = fieldModules[field.type].prefill?.sources ?? [];
  if (input.prefill && !sources.includes(input.prefill as PrefillSource)) errors.prefill = ['Choisissez une source de pré-remplissage de la liste.'];
  else if (isInput) setOrDelete(next, 'prefill', input.prefill);

  if (input.condition) {
    const read = readCondition(earlier, input.condition, input.conditionValue);
    if ('problem' in read) errors[read.field] = [read.problem];
    else next.showIf = read.showIf;
  } else delete next.showIf;

  let rules = (definition.rules ?? []).filter((r) => r.field !== field.key);
  if (input.ruleOperator || input.ruleOther) {
    if (!ruleOperators.includes(input.ruleOperator as RuleOperator)) errors.ruleOperator = ['Choisissez la comparaison.'];
    if (!ruleChoices(field, earlier).some((c) => c.value === input.ruleOther)) errors.ruleOther = ['Choisissez le champ auquel comparer, parmi ceux placés avant celui-ci.'];
    if (!errors.ruleOperator && !errors.ruleOther) rules = [...rules, { field: field.key, operator: input.ruleOperator!, other: input.ruleOther! }];
  }
  if (Object.keys(errors).length) throw new FieldFormError(errors);

  const steps = definition.steps.map((s) => ({ ...s, fields: s.fields.map((f) => (f.key === field.key ? next : f)) }));
  const result: RawDefinition = { ...definition, steps };
  if (rules.length) result.rules = rules;
  else delete result.rules;
  return result;
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown) {
  if (value === undefined || value === '') delete target[key];
  else target[key] = value;
}
