import { defineInputField, formatString, invalidAnswer, isBoundedString, isStorableValue, readString, textCondition, trimString, typeInMessage } from './field-module';
import { checkLength } from './text-like';
import type { TextareaFieldDefinition } from './textarea.schema';

/** A longer text, on several lines. Stored as a string (LF line breaks). */
export const textareaField = defineInputField<TextareaFieldDefinition>({
  type: 'textarea',
  label: 'Texte long',
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
