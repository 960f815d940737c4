import { defineInputField, invalidAnswer, isBoundedString, isStorableValue, optionCondition, quote, readAll, trimString } from './field-module';
import { checkChoices, optionLabel } from './choice';
import type { CheckboxesFieldDefinition } from './checkboxes.schema';

/** Any number of options, as checkboxes. Stored as the list of ticked values. */

const MAX_CHOICES = 100;

export const checkboxesField = defineInputField<CheckboxesFieldDefinition>({
  type: 'checkboxes',
  label: 'Choix multiples (cases à cocher)',
  editor: 'with-options',
  checkCondition: optionCondition,
  prefill: null,
  answer: {
    read: (field, form) => {
      const ticked = readAll(form, field.key).filter((v) => v !== '');
      return ticked.length ? ticked : null;
    },
    check: (field, value) => (Array.isArray(value) ? checkChoices(field, value) : invalidAnswer(field)),
    requiredProblems: (field) => [{ message: `Choisissez au moins une réponse pour ${quote(field.label)}.` }],
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: (value) => Array.isArray(value) && value.length <= MAX_CHOICES && value.every(isBoundedString),
    format: (field, value) => (Array.isArray(value) ? value.map((v) => optionLabel(field, v)).join(', ') : String(value)),
  },
});
