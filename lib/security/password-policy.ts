import { COMMON_PASSWORDS_TEXT } from '@/lib/auth/common-passwords';

// CNIL recommendation of 21 July 2022 (délibération n° 2022-100), case of a password used alone
// with a throttling mechanism: at least 12 characters, no composition rules, common passwords refused.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

let commonPasswords: Set<string> | undefined;

function isCommon(candidate: string): boolean {
  commonPasswords ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
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
