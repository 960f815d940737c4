// How second-factor codes are written, without node:crypto: the sign-in forms check the format in
// the browser with these (through schemas.ts); bundling totp.ts or recovery-codes.ts there would
// ship a crypto polyfill of more than 200 KB gz to the code pages (decision 019).

export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_LENGTH = 16;

/** What people type: "123 456", "123-456". Only digits count. */
export function normalizeTotpCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** Case, spaces and dashes do not matter: "ABCD EFGH-jkmn pqrs" is the same code. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

export function looksLikeRecoveryCode(input: string): boolean {
  return new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`).test(normalizeRecoveryCode(input));
}
