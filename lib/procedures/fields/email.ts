// zod/mini: this module runs in the browser with the step form (decision 019); same email rule as classic zod.
import { email } from 'zod/mini';
import { defineInputField, fitString, formatString, isBoundedString, isStorableValue, readString, textCondition, trimString, typeInMessage } from './field-module';
import type { EmailFieldDefinition } from './email.schema';

const emailSchema = email();

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
      typeof value === 'string' && emailSchema.safeParse(value).success && value.length <= 254
        ? []
        : [{ message: 'Saisissez une adresse de courriel valide, par exemple nom@exemple.fr.' }],
    requiredProblems: typeInMessage,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: isBoundedString,
    format: formatString,
  },
});
