import { defineInputField, formatString, invalidAnswer, isBoundedString, isStorableValue, readString, textCondition, trimString, typeInMessage } from './field-module';
import { checkLength, textLikeDefinition } from './text-like';

/** A longer text, on several lines. Stored as a string (LF line breaks). */
export const textareaField = defineInputField({
  type: 'textarea',
  label: 'Texte long',
  definition: textLikeDefinition('textarea', 5000, 20000),
  editor: 'simple',
  checkCondition: textCondition,
  prefill: null,
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
