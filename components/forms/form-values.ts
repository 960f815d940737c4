import type { AnswerValue } from '@/lib/procedures/answers';
import { ADDRESS_PARTS, type AddressPart, type InputField } from '@/lib/procedures/compile-step';
import type { Field, PrefillSource } from '@/lib/procedures/definition';

// Canonical answers → what the inputs show, and the names and ids the renderer uses.
// The reverse direction is readStepForm (lib/procedures/compile-step.ts), shared with the server.

export type FormValue = string | string[] | Partial<Record<AddressPart, string>>;

export function toFormValue(field: InputField, value: AnswerValue | undefined): FormValue {
  if (value === null || value === undefined) return field.type === 'checkboxes' ? [] : field.type === 'address' ? {} : '';
  switch (field.type) {
    case 'yesno':
      return value === true ? 'oui' : value === false ? 'non' : '';
    case 'checkboxes':
      return Array.isArray(value) ? value : [];
    case 'address':
      return typeof value === 'object' && !Array.isArray(value) ? value : {};
    default:
      return typeof value === 'object' ? '' : String(value);
  }
}

/** [input name, value] pairs, as react-hook-form's setValue wants them (address parts apart). */
export function toInputEntries(field: InputField, value: AnswerValue | undefined): [string, string | string[]][] {
  const shown = toFormValue(field, value);
  if (field.type !== 'address') return [[field.key, shown as string | string[]]];
  const address = shown as Partial<Record<AddressPart, string>>;
  return ADDRESS_PARTS.map((part) => [`${field.key}.${part}`, address[part] ?? '']);
}

/** The field an input belongs to: "adresse.line1" → "adresse". */
export function fieldKeyOfInput(name: string): string {
  return name.split('.')[0];
}

/**
 * The id of the control an error points at. An error key is a field key, or "<key>.<part>" for
 * an address; radio and checkbox groups use the key for their first option.
 */
export function controlIdOf(errorKey: string): string {
  return errorKey.replace('.', '-');
}

/** Error keys of a field in page order: the error summary follows the page. */
export function errorKeysOf(field: Field): string[] {
  return field.type === 'address' ? ADDRESS_PARTS.map((part) => `${field.key}.${part}`) : [field.key];
}

// Only the citizen's own data has an autocomplete purpose (WCAG 1.3.5); a child's name is not theirs.
const autocompleteOfSource: Partial<Record<PrefillSource, string>> = {
  'profile.lastName': 'family-name',
  'profile.birthName': 'family-name',
  'profile.usageName': 'family-name',
  'profile.firstNames': 'given-name',
  'profile.birthDate': 'bday',
  'profile.phone': 'tel',
  'profile.email': 'email',
};

export function autocompleteOf(field: InputField): string | undefined {
  return field.prefill ? autocompleteOfSource[field.prefill] : undefined;
}

export function isOwnAddress(field: InputField): boolean {
  return field.prefill === 'profile.address';
}
