import { describe, expect, it } from 'vitest';
import { applyFieldForm, conditionChoices, conditionFormValue, encodeValueCondition, locateField } from '@/lib/administration/procedures/field-settings';
import type { FieldFormInput } from '@/lib/administration/procedures/schemas';
import { isFieldVisible, readStepForm, validateStep } from '@/lib/procedures/compile-step';
import { parseDefinition, safeParseDefinition } from '@/lib/procedures/definition';

// Conditions on a typed value (issue 11): "égal à" a text, and the comparisons of a number, offered
// by the field settings form; the engine's `compare` holds the same in the browser (isFieldVisible,
// compileStep) and on the server (validateStep runs the same compiled schema).

const raw = (showIf?: unknown) => ({
  beneficiaries: ['self'],
  steps: [
    {
      key: 'foyer',
      title: 'Foyer',
      fields: [
        { key: 'commune', type: 'text', label: 'Commune', required: true },
        { key: 'enfants', type: 'number', label: 'Nombre d’enfants', required: true },
        { key: 'arrivee', type: 'date', label: 'Date d’arrivée' },
        { key: 'precisions', type: 'text', label: 'Précisions', required: true, ...(showIf ? { showIf } : {}) },
      ],
    },
  ],
  statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
});

const form = (condition: string, conditionValue?: string): FieldFormInput => ({
  procedureId: '00000000-0000-4000-8000-000000000000',
  revision: 1,
  fieldKey: 'precisions',
  label: 'Précisions',
  required: true,
  settings: { 'setting-minLength': '', 'setting-maxLength': '500' },
  condition,
  conditionValue,
});

const apply = (condition: string, conditionValue?: string) => applyFieldForm(raw() as never, form(condition, conditionValue)) as unknown as ReturnType<typeof raw>;
const showIfOf = (definition: ReturnType<typeof raw>) => (definition.steps[0].fields[3] as { showIf?: unknown }).showIf;

describe('value conditions in the field settings form', () => {
  it('offers "égal à" for a text, the five comparisons for a number, nothing for a date', () => {
    const earlier = locateField(raw() as never, 'precisions')!.earlier;
    expect(conditionChoices(earlier).map((c) => c.label)).toEqual([
      '« Commune » : égal à la valeur saisie ci-dessous',
      '« Nombre d’enfants » : égal à la valeur saisie ci-dessous',
      '« Nombre d’enfants » : supérieur à la valeur saisie ci-dessous',
      '« Nombre d’enfants » : supérieur ou égal à la valeur saisie ci-dessous',
      '« Nombre d’enfants » : inférieur à la valeur saisie ci-dessous',
      '« Nombre d’enfants » : inférieur ou égal à la valeur saisie ci-dessous',
    ]);
  });

  it('reads a text equal to a typed value, and a number comparison typed the French way', () => {
    expect(showIfOf(apply(encodeValueCondition('commune', 'equals'), '  Lyon '))).toEqual({ field: 'commune', equals: 'Lyon' });
    expect(showIfOf(apply(encodeValueCondition('enfants', 'gt'), '2'))).toEqual({ field: 'enfants', compare: 'gt', value: 2 });
    expect(showIfOf(apply(encodeValueCondition('enfants', 'equals'), '1,5'))).toEqual({ field: 'enfants', equals: 1.5 });
    // What the form writes, the definition accepts.
    expect(safeParseDefinition(apply(encodeValueCondition('enfants', 'lte'), '3')).success).toBe(true);
  });

  it('refuses a missing or malformed value, and a condition on a field not offered', () => {
    expect(() => apply(encodeValueCondition('commune', 'equals'), '')).toThrow(expect.objectContaining({ fieldErrors: { conditionValue: ['Saisissez la valeur que doit avoir « Commune » pour afficher ce champ.'] } }));
    expect(() => apply(encodeValueCondition('enfants', 'gt'), 'deux')).toThrow(expect.objectContaining({ fieldErrors: { conditionValue: ['Saisissez le nombre auquel comparer « Nombre d’enfants », par exemple 2 ou 1,5.'] } }));
    expect(() => apply(encodeValueCondition('arrivee', 'equals'), '2027-01-01')).toThrow(expect.objectContaining({ fieldErrors: { condition: ['Choisissez la condition parmi les champs placés avant celui-ci.'] } }));
    // A comparison on a text is not offered either: forged, it is refused.
    expect(() => apply(encodeValueCondition('commune', 'gt'), '2')).toThrow(expect.objectContaining({ fieldErrors: { condition: expect.any(Array) } }));
  });

  it('shows a stored condition back in the form', () => {
    const earlier = locateField(raw() as never, 'precisions')!.earlier;
    expect(conditionFormValue({ field: 'enfants', compare: 'gte', value: 2.5 }, earlier)).toEqual({ condition: encodeValueCondition('enfants', 'gte'), conditionValue: '2,5' });
    expect(conditionFormValue({ field: 'commune', equals: 'Lyon' }, earlier)).toEqual({ condition: encodeValueCondition('commune', 'equals'), conditionValue: 'Lyon' });
    expect(conditionFormValue({ field: 'commune', in: ['Lyon', 'Vienne'] }, earlier)).toBeUndefined();
  });
});

describe('the engine: a number comparison', () => {
  const definition = parseDefinition(raw({ field: 'enfants', compare: 'gt', value: 2 }));
  const precisions = definition.steps[0].fields[3];

  it('shows the field only when the comparison holds; no answer hides it', () => {
    expect(isFieldVisible(precisions, { enfants: 3 }, definition)).toBe(true);
    expect(isFieldVisible(precisions, { enfants: 2 }, definition)).toBe(false);
    expect(isFieldVisible(precisions, {}, definition)).toBe(false);
    // "abc" typed in the number field is not a number: hidden, the number field reports it.
    expect(isFieldVisible(precisions, { enfants: 'abc' }, definition)).toBe(false);
  });

  it('the compiled schema requires the field only when it shows (posted form → server validation)', () => {
    const posted = (enfants: string) => readStepForm(definition, 'foyer', new URLSearchParams({ commune: 'Lyon', enfants, precisions: '' }));
    expect(validateStep(definition, 'foyer', posted('3'))).toEqual({ ok: false, fieldErrors: { precisions: ['Saisissez « Précisions ».'] } });
    expect(validateStep(definition, 'foyer', posted('2')).ok).toBe(true);
  });

  it('the definition refuses a comparison on a text field', () => {
    const result = safeParseDefinition(raw({ field: 'commune', compare: 'gt', value: 2 }));
    expect(result.success).toBe(false);
  });
});
