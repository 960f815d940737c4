import { isValidSiret } from '@/lib/relations/siret';
import { defineInputField, isBoundedString, isStorableValue, readText, textCondition, trimString, typeInMessage } from './field-module';
import type { SiretFieldDefinition } from './siret.schema';

/** A SIRET number (14 digits with Luhn keys). Stored as the 14 digits, shown "732 829 320 00074". */
export const siretField = defineInputField<SiretFieldDefinition>({
  type: 'siret',
  label: 'Numéro SIRET',
  editor: 'simple',
  checkCondition: textCondition,
  prefill: {
    sources: ['beneficiary.siret'],
    fit: (_field, value) => {
      const digits = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
      return /^\d{14}$/.test(digits) ? digits : null;
    },
  },
  answer: {
    read: (field, form) => readText(form, field.key).replace(/\s/g, '') || null,
    check: (_field, value) => {
      if (typeof value !== 'string' || !/^\d{14}$/.test(value)) return [{ message: 'Le numéro SIRET doit comporter 14 chiffres, par exemple 421 039 587 00017.' }];
      return isValidSiret(value) ? [] : [{ message: 'Ce numéro SIRET n’existe pas : vérifiez les 14 chiffres.' }];
    },
    requiredProblems: typeInMessage,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: isBoundedString,
    format: (_field, value) =>
      typeof value === 'string' && /^\d{14}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6, 9)} ${value.slice(9)}` : String(value),
  },
});
