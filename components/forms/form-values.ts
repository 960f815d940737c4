import type { AddressPart, InputField } from '@/lib/procedures/step-rules';
import type { PrefillSource } from '@/lib/procedures/definition';

// What the inputs show (canonical answers → FormValue is each type's view: ./fields), and the
// names and ids the renderers use. The reverse direction is readStepForm
// (lib/procedures/compile-step.ts), shared with the server.

export type FormValue = string | string[] | Partial<Record<AddressPart, string>>;

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

export function autocompleteOf(field: { prefill?: PrefillSource }): string | undefined {
  return field.prefill ? autocompleteOfSource[field.prefill] : undefined;
}

export function isOwnAddress(field: InputField): boolean {
  return field.prefill === 'profile.address';
}
