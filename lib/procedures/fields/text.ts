import { defineInputField, formatString, invalidAnswer, isBoundedString, isStorableValue, readString, textCondition, trimString, typeInMessage } from './field-module';
import { checkLength } from './text-like';
import type { TextFieldDefinition } from './text.schema';

/** A short text on one line. Stored as a string. */
export const textField = defineInputField<TextFieldDefinition>({
  type: 'text',
  label: 'Texte court',
  editor: 'simple',
  checkCondition: textCondition,
  prefill: {
    sources: [
      'profile.civility', 'profile.lastName', 'profile.birthName', 'profile.usageName', 'profile.firstNames', 'profile.birthPlace',
      'beneficiary.lastName', 'beneficiary.birthName', 'beneficiary.firstNames', 'beneficiary.birthPlace', 'beneficiary.legalName',
    ],
    fit: (field, value) => (typeof value === 'string' ? value.slice(0, field.maxLength) : null),
  },
  answer: {
    read: readString,
    check: (field, value) => (typeof value === 'string' ? checkLength(field, value) : invalidAnswer(field)),
    requiredProblems: typeInMessage,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: isBoundedString,
    format: formatString,
  },
});
