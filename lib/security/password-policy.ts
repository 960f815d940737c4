import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

// The 10,000 most common passwords (lower-cased, 4+ characters) from the @zxcvbn-ts/language-common
// list (MIT licence), plus common French ones, one a line. Shipped with the code: no network look-up.
// Read from disk, relative to the working directory like db/migrations (db/client.ts): the root of
// the repository under `next dev`, `next start`, tsx and vitest; the standalone folder under
// `node .next/standalone/server.js`, which changes into its own folder and gets a copy of the file
// from scripts/standalone.mjs (scripts/runtime-files.mjs lists it).
export const COMMON_PASSWORDS_FILE = 'lib/security/common-passwords.txt';

let commonPasswords: Set<string> | undefined;

/** Read once, on the first check. */
function loadCommonPasswords(): Set<string> {
  const text = readFileSync(path.resolve(/*turbopackIgnore: true*/ process.cwd(), COMMON_PASSWORDS_FILE), 'utf8');
  return new Set(text.split('\n').filter((line) => line !== ''));
}

function isCommon(candidate: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(candidate);
}

/** "soleil2026!" or "Password123456" are a common password with a predictable tail. */
function stripPredictableTail(password: string): string {
  return password.replace(/[\d\s!?.*#@$%&_+=-]+$/u, '');
}

export type PasswordContext = { email?: string; names?: (string | null | undefined)[] };

/** Returns the French error message for the first rule broken, or null when the password is acceptable. */
export function checkPassword(password: string, context: PasswordContext = {}): string | null {
  // Counted in characters (code points), so accented letters and emoji count as one each.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  if (length > PASSWORD_MAX_LENGTH) return `Le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères.`;
  const lower = password.toLowerCase().normalize('NFC');
  if (new Set(lower).size <= 2) return 'Ce mot de passe est trop facile à deviner : évitez les caractères répétés.';
  const base = stripPredictableTail(lower);
  if (isCommon(lower) || (base.length >= 4 && isCommon(base))) {
    return 'Ce mot de passe fait partie des plus courants : choisissez-en un autre, par exemple une phrase de plusieurs mots.';
  }
  const personal = [context.email?.split('@')[0], ...(context.names ?? [])]
    .filter((value): value is string => !!value && value.length >= 4)
    .map((value) => value.toLowerCase());
  if (personal.some((value) => base === value || lower === value)) {
    return 'Le mot de passe ne doit pas reprendre votre adresse de courriel ou votre nom.';
  }
  return null;
}
