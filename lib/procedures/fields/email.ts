import { defineInputField, fitString, formatString, isBoundedString, isStorableValue, readString, textCondition, trimString, typeInMessage } from './field-module';
import type { EmailFieldDefinition } from './email.schema';

// zod's own email pattern (zod/v4/core regexes.email), written here so that a step page does
// not load zod to know the field types (decision 019); tests/unit/field-email-pattern.test.ts
// fails if zod's rule and this one part ways.
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** An email address. Stored as typed (trimmed). */
export const emailField = defineInputField<EmailFieldDefinition>({
  type: 'email',
  label: 'Adresse de courriel',
  editor: 'simple',
  checkCondition: textCondition,
  prefill: { sources: ['profile.email'], fit: fitString },
  answer: {
    read: readString,
    check: (_field, value) =>
      typeof value === 'string' && EMAIL_PATTERN.test(value) && value.length <= 254
        ? []
        : [{ message: 'Saisissez une adresse de courriel valide, par exemple nom@exemple.fr.' }],
    requiredProblems: typeInMessage,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: isBoundedString,
    format: formatString,
  },
});
