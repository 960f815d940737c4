import { chooseMessage, defineInputField, invalidAnswer, isBoundedString, isStorableValue, optionCondition, readString, trimString } from './field-module';
import { checkChoices, fitOption, optionLabel } from './choice';
import type { SelectFieldDefinition } from './select.schema';

/** One answer from a drop-down list. Stored as the option's value. */
export const selectField = defineInputField<SelectFieldDefinition>({
  type: 'select',
  label: 'Liste déroulante',
  editor: 'with-options',
  checkCondition: optionCondition,
  prefill: { sources: ['profile.civility'], fit: fitOption },
  answer: {
    read: readString,
    check: (field, value) => (typeof value === 'string' ? checkChoices(field, [value]) : invalidAnswer(field)),
    requiredProblems: chooseMessage,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: isBoundedString,
    format: (field, value) => optionLabel(field, String(value)),
  },
});
