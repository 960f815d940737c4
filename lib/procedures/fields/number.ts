import { defineInputField, numberCondition, quote, readText, typeInMessage, type Problem } from './field-module';
import type { NumberFieldDefinition } from './number.schema';

// A number, typed the French way ("1 234,5"). Stored as a number.


function readNumber(raw: string): number | string | null {
  if (!raw) return null;
  const normalized = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  // Not a number: kept as typed, so that validation reports it instead of silently dropping it.
  return /^[-+]?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : raw;
}

const format = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

function checkNumber(field: NumberFieldDefinition, value: number): Problem[] {
  if (field.integer && !Number.isInteger(value)) return [{ message: `${quote(field.label)} doit être un nombre entier, sans virgule.` }];
  const tooLow = field.min !== undefined && value < field.min;
  const tooHigh = field.max !== undefined && value > field.max;
  if (!tooLow && !tooHigh) return [];
  if (field.min !== undefined && field.max !== undefined) {
    return [{ message: `${quote(field.label)} doit être compris entre ${format(field.min)} et ${format(field.max)}.` }];
  }
  return [{ message: tooLow ? `${quote(field.label)} doit être au moins ${format(field.min!)}.` : `${quote(field.label)} doit être au plus ${format(field.max!)}.` }];
}

export const numberField = defineInputField<NumberFieldDefinition>({
  type: 'number',
  label: 'Nombre',
  editor: 'simple',
  ordering: 'number',
  checkCondition: numberCondition,
  prefill: null,
  answer: {
    read: (field, form) => readNumber(readText(form, field.key)),
    check: (field, value) =>
      typeof value === 'number' && Number.isFinite(value) ? checkNumber(field, value) : [{ message: `${quote(field.label)} doit être un nombre, par exemple 2.` }],
    requiredProblems: typeInMessage,
    clean: (_field, value) => value,
    // "abc" typed in a number field is read as is, for validation to report it, but never stored.
    isStorable: (_field, value) => value === null || typeof value === 'number',
    isCanonical: (value) => typeof value === 'number' && Number.isFinite(value),
    format: (_field, value) => (typeof value === 'number' ? format(value) : String(value)),
  },
});
