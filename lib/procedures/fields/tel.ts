import { defineInputField, fitString, formatString, isBoundedString, isStorableValue, readString, textCondition, trimString, typeInMessage } from './field-module';
import type { TelFieldDefinition } from './tel.schema';

const FRENCH_PHONE = /^(?:0|\+33|0033)[1-9]\d{8}$/;

export function isFrenchPhone(value: string): boolean {
  return FRENCH_PHONE.test(value.replace(/[\s.\-()]/g, ''));
}

/** A French phone number. Stored as typed (trimmed): "06 12 34 56 78" reads better than digits alone. */
export const telField = defineInputField<TelFieldDefinition>({
  type: 'tel',
  label: 'Numéro de téléphone',
  editor: 'simple',
  checkCondition: textCondition,
  prefill: { sources: ['profile.phone'], fit: fitString },
  answer: {
    read: readString,
    check: (_field, value) =>
      typeof value === 'string' && isFrenchPhone(value) ? [] : [{ message: 'Saisissez un numéro de téléphone français valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.' }],
    requiredProblems: typeInMessage,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: isBoundedString,
    format: formatString,
  },
});
