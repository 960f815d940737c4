import { choiceFieldTypes, type NewFieldInput, type StepTextsInput } from './schemas';

// Pure: one step's form applied to the steps of a definition (unit-tested). The whole definition
// is validated afterwards: a removed field that a condition still uses is reported there.

type RawField = Record<string, unknown> & { key: string; type: string };
export type RawStep = Record<string, unknown> & { key: string; fields: RawField[] };

/** The form does not match the stored step, or asks for something the step cannot take. */
export class StepEditError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>, readonly formError?: string) {
    super('step edit');
  }
}

export const OUTDATED_STEP_MESSAGE = 'Cette étape a changé depuis l’affichage de cette page (champs ajoutés, retirés ou déplacés) : rechargez la page.';

/** "Allergies alimentaires" → "allergies-alimentaires": option values stay readable in exports. */
export function optionValue(label: string, index: number): string {
  const value = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return value || `option-${index + 1}`;
}

/** "Date de fin du séjour" → "dateDeFinDuSejour", made unique among `taken` (field keys are dossier data keys). */
export function fieldKeyFrom(label: string, taken: Set<string>): string {
  const words = optionValue(label, 0).split('-').filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('').slice(0, 40);
  if (!/^[a-z]/.test(base)) base = `champ${base.charAt(0).toUpperCase()}${base.slice(1)}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  return key;
}

/** A new field of the type: options for the choice types, the label as the text of an information. */
export function buildField(input: Omit<NewFieldInput, 'key'> & { key: string }): RawField {
  if (input.type === 'info') return { key: input.key, type: input.type, label: input.label, body: input.hint || input.label };
  const field: RawField = { key: input.key, type: input.type, label: input.label, required: input.required };
  if (input.hint) field.hint = input.hint;
  if (choiceFieldTypes.includes(input.type)) field.options = input.options.map((label, i) => ({ value: optionValue(label, i), label }));
  return field;
}

/**
 * The step's title and description; each field's label, hint and "required" (body of an
 * information text), position and removal; and the field to add, placed last.
 */
export function applyStepTexts(steps: RawStep[], input: StepTextsInput): RawStep[] {
  const step = steps.find((s) => s.key === input.stepKey);
  if (!step || step.fields.length !== input.fields.length || step.fields.some((f, i) => f.key !== input.fields[i].key)) {
    throw new StepEditError({}, OUTDATED_STEP_MESSAGE);
  }
  const taken = new Set(steps.flatMap((s) => s.fields.map((f) => f.key)));
  if (input.newField?.key && taken.has(input.newField.key)) {
    throw new StepEditError({ 'new-field-key': ['Un champ de cette démarche porte déjà cette clé : choisissez-en une autre.'] });
  }
  const fields = step.fields
    .map((field, index) => ({ field, index, row: input.fields[index] }))
    .filter(({ row }) => !row.remove)
    .sort((a, b) => a.row.position - b.row.position || a.index - b.index)
    .map(({ field, row }) => {
      const next: RawField = { ...field, label: row.label };
      if (row.hint) next.hint = row.hint;
      else delete next.hint;
      if (field.type === 'info') next.body = row.body ?? '';
      else next.required = row.required;
      return next;
    });
  if (input.newField) fields.push(buildField({ ...input.newField, key: input.newField.key ?? fieldKeyFrom(input.newField.label, taken) }));
  const edited: RawStep = { ...step, title: input.title, fields };
  if (input.description) edited.description = input.description;
  else delete edited.description;
  return steps.map((s) => (s.key === input.stepKey ? edited : s));
}
