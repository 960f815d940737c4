import { defineInputField, isBoundedString, isStorableValue, noCondition, readText, trimString, typeInMessage, type Problem } from './field-module';
import type { IbanFieldDefinition } from './iban.schema';

// A French IBAN: FR, 2 check digits, then 23 letters or digits (bank, branch, account, RIB key).
// Typed with or without spaces, in any case; stored without spaces in capitals; shown by groups
// of four. The check digits are the ISO 13616 key (mod 97), which catches any single mistyped
// character and most swaps.

const FRENCH_IBAN = /^FR\d{2}[0-9A-Z]{23}$/;

export const IBAN_EXAMPLE = 'FR76 3000 6000 0112 3456 7890 189';

/** "fr76 3000 6000…" → "FR763000…". */
export function normalizeIban(typed: string): string {
  return typed.replace(/\s/g, '').toUpperCase();
}

/** ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1. */
export function hasValidIbanKey(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = parseInt(character, 36);
    if (Number.isNaN(value)) return false;
    // Digit by digit: the number has about 30 digits, beyond what a double holds exactly.
    for (const digit of String(value)) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** "FR7630006000011234567890189" → "FR76 3000 6000 0112 3456 7890 189". */
export function groupIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

function checkIban(value: unknown): Problem[] {
  if (typeof value !== 'string' || !FRENCH_IBAN.test(value)) return [{ message: `Saisissez un IBAN français, par exemple ${IBAN_EXAMPLE}.` }];
  return hasValidIbanKey(value) ? [] : [{ message: 'La clé de contrôle de l’IBAN est incorrecte : vérifiez chaque caractère.' }];
}

export const ibanField = defineInputField<IbanFieldDefinition>({
  type: 'iban',
  label: 'IBAN (compte bancaire en France)',
  editor: 'simple',
  checkCondition: noCondition,
  // No profile or beneficiary data holds an IBAN: the citizen types it.
  prefill: null,
  answer: {
    read: (field, form) => normalizeIban(readText(form, field.key)) || null,
    check: (_field, value) => checkIban(value),
    requiredProblems: typeInMessage,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: isBoundedString,
    format: (_field, value) => (typeof value === 'string' && FRENCH_IBAN.test(value) ? groupIban(value) : String(value)),
  },
});
