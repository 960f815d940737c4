import { createHash, randomInt } from 'node:crypto';

// Ten single-use codes, shown once at enrolment, for the day the phone is lost. Each has 16
// characters from an alphabet without look-alikes (no 0/o, 1/l/i): about 79 bits, so a SHA-256
// is enough to store them (no slow hash needed: nobody can try 2^79 guesses, online or offline).

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 16;

/** "abcd-efgh-jkmn-pqrs": what the page shows and the person copies. */
export function generateRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateRecoveryCode());
  return [...codes];
}

/** Case, spaces and dashes do not matter: "ABCD EFGH-jkmn pqrs" is the same code. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

export function looksLikeRecoveryCode(input: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(normalizeRecoveryCode(input));
}

export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(input)).digest('hex');
}
