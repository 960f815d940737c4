import type { AddressAnswer } from '../answers';
import { defineInputField, isBoundedString, isStorableValue, noCondition, readText, type FormInput, type Problem } from './field-module';
import type { AddressFieldDefinition } from './address.schema';

// A French postal address: one answer in four parts, each with its own input and its own error
// ("<key>.<part>"). Stored as an AddressAnswer.

export const ADDRESS_PARTS = ['line1', 'line2', 'postalCode', 'city'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

const ADDRESS_KEYS = new Set<string>(ADDRESS_PARTS);

function readAddress(form: FormInput, key: string): AddressAnswer | null {
  const [line1, line2, postalCode, city] = ADDRESS_PARTS.map((part) => readText(form, `${key}.${part}`));
  if (!line1 && !line2 && !postalCode && !city) return null;
  return { line1, ...(line2 ? { line2 } : {}), postalCode: postalCode.replace(/\s/g, ''), city };
}

function checkAddress(value: unknown): Problem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ part: 'line1', message: 'Saisissez le numéro et la voie.' }];
  const address = value as Partial<Record<AddressPart, unknown>>;
  const text = (part: AddressPart) => (typeof address[part] === 'string' ? (address[part] as string).trim() : '');
  const problems: Problem[] = [];
  if (!text('line1')) problems.push({ part: 'line1', message: 'Saisissez le numéro et la voie.' });
  else if (text('line1').length > 200) problems.push({ part: 'line1', message: 'Le numéro et la voie doivent contenir 200 caractères au maximum.' });
  if (text('line2').length > 200) problems.push({ part: 'line2', message: 'Le complément d’adresse doit contenir 200 caractères au maximum.' });
  if (!text('postalCode')) problems.push({ part: 'postalCode', message: 'Saisissez le code postal.' });
  else if (!/^\d{5}$/.test(text('postalCode'))) problems.push({ part: 'postalCode', message: 'Le code postal doit comporter 5 chiffres, par exemple 69001.' });
  if (!text('city')) problems.push({ part: 'city', message: 'Saisissez la commune.' });
  else if (text('city').length > 100) problems.push({ part: 'city', message: 'La commune doit contenir 100 caractères au maximum.' });
  return problems;
}

function isAddress(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (entries.some(([key, v]) => !ADDRESS_KEYS.has(key) || !isBoundedString(v))) return false;
  const address = value as Record<string, unknown>;
  return typeof address.line1 === 'string' && typeof address.postalCode === 'string' && typeof address.city === 'string';
}

export const addressField = defineInputField<AddressFieldDefinition>({
  type: 'address',
  label: 'Adresse postale',
  editor: 'simple',
  checkCondition: noCondition,
  prefill: {
    sources: ['profile.address', 'beneficiary.address'],
    fit: (_field, value) => (typeof value === 'object' && !Array.isArray(value) ? value : null),
  },
  answer: {
    read: (field, form) => readAddress(form, field.key),
    check: (_field, value) => checkAddress(value),
    // An empty required address is reported part by part, beside each input.
    requiredProblems: () => checkAddress({}),
    clean: (_field, value) => {
      if (typeof value === 'string') return value.trim();
      if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
      const line2 = value.line2?.trim();
      return { line1: value.line1.trim(), ...(line2 ? { line2 } : {}), postalCode: value.postalCode.trim(), city: value.city.trim() };
    },
    isStorable: isStorableValue,
    isCanonical: isAddress,
    format: (_field, value) => {
      const address = value as AddressAnswer;
      return [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' ')].filter(Boolean).join('\n');
    },
  },
});
