import { createHash, randomInt } from 'node:crypto';
import { looksLikeRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_ALPHABET, RECOVERY_CODE_LENGTH } from './code-format';

export { looksLikeRecoveryCode, normalizeRecoveryCode };

// Ten single-use codes, shown once at enrolment, for the day the phone is lost. Each has 16
// characters from an alphabet without look-alikes (no 0/o, 1/l/i): about 79 bits, so a SHA-256
// is enough to store them (no slow hash needed: nobody can try 2^79 guesses, online or offline).

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = RECOVERY_CODE_ALPHABET;
const LENGTH = RECOVERY_CODE_LENGTH;

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


export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(input)).digest('hex');
}
