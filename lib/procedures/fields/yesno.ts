import { booleanCondition, defineInputField, isStorableValue, quote, readText, trimString } from './field-module';
import type { YesnoFieldDefinition } from './yesno.schema';

/** "Oui" or "Non". Stored as a boolean. */

const answerYesOrNo = (field: { label: string }) => [{ message: `Choisissez « Oui » ou « Non » pour ${quote(field.label)}.` }];

export const yesnoField = defineInputField<YesnoFieldDefinition>({
  type: 'yesno',
  label: 'Oui / non',
  editor: 'simple',
  checkCondition: booleanCondition,
  prefill: null,
  answer: {
    read: (field, form) => {
      const raw = readText(form, field.key);
      return raw === 'oui' ? true : raw === 'non' ? false : null;
    },
    check: (field, value) => (typeof value === 'boolean' ? [] : answerYesOrNo(field)),
    requiredProblems: answerYesOrNo,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: (value) => typeof value === 'boolean',
    format: (_field, value) => (value === true ? 'Oui' : value === false ? 'Non' : String(value)),
  },
});
