import type { StepsFormInput } from './schemas';
import { buildField, fieldKeyFrom, optionValue, StepEditError, type RawStep } from './step-texts-edit';

// Pure: the steps form (order, removal, a new step with its first field) applied to the steps of a
// definition (unit-tested). Conditions and rules that a move or a removal breaks are reported by
// the definition's validation, which names them.

export const OUTDATED_STEPS_MESSAGE = 'La liste des étapes a changé depuis l’affichage de cette page : rechargez la page.';

/** The keys of the fields of the steps the form removes. */
export function removedFieldKeys(steps: RawStep[], input: StepsFormInput): string[] {
  const removed = new Set(input.rows.filter((r) => r.remove).map((r) => r.key));
  return steps.filter((s) => removed.has(s.key)).flatMap((s) => s.fields.map((f) => f.key));
}

export function applyStepsForm(steps: RawStep[], input: StepsFormInput): RawStep[] {
  if (steps.length !== input.rows.length || steps.some((s, i) => s.key !== input.rows[i].key)) throw new StepEditError({}, OUTDATED_STEPS_MESSAGE);
  const kept = steps
    .map((step, index) => ({ step, index, row: input.rows[index] }))
    .filter(({ row }) => !row.remove)
    .sort((a, b) => a.row.position - b.row.position || a.index - b.index)
    .map(({ step }) => step);
  if (input.added) {
    const takenSteps = new Set(steps.map((s) => s.key));
    const base = optionValue(input.added.title, steps.length).slice(0, 40).replace(/-+$/, '') || 'etape';
    let key = base === 'recapitulatif' ? 'etape-recapitulatif' : base;
    for (let n = 2; takenSteps.has(key); n++) key = `${base}-${n}`;
    const takenFields = new Set(steps.flatMap((s) => s.fields.map((f) => f.key)));
    const field = buildField({ key: fieldKeyFrom(input.added.fieldLabel, takenFields), type: input.added.fieldType, label: input.added.fieldLabel, required: false, options: [input.added.fieldLabel] });
    kept.push({ key, title: input.added.title, fields: [field] });
  }
  if (!kept.length) throw new StepEditError({}, 'Une démarche contient au moins une étape : ajoutez-en une avant de retirer la dernière.');
  return kept;
}
