import { chooseMessage, defineInputField, invalidAnswer, isBoundedString, isStorableValue, optionCondition, readString, trimString } from './field-module';
import { checkChoices, fitOption, optionLabel } from './choice';
import type { RadioFieldDefinition } from './radio.schema';

/** One answer among radio buttons. Stored as the option's value. */
export const radioField = defineInputField<RadioFieldDefinition>({
  type: 'radio',
  label: 'Choix unique (boutons radio)',
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
