import type { ActionFailure } from '@/lib/actions/result';

// The account pages' words for the reasons the account use cases give (lib/accounts). The e2e
// specs check these sentences: change them only on purpose.

export const THROTTLED_MESSAGE = 'Trop d’essais. Réessayez dans une heure.';
/** The current password, asked again before a deletion or an export. */
export const WRONG_PASSWORD = 'Le mot de passe est incorrect.';
export const TOO_MANY_REQUESTS_MESSAGE = 'Trop de demandes en peu de temps. Réessayez dans une heure.';

type AccountReason = { reason: 'throttled' | 'too-many-requests' | 'same-email' | 'wrong-password' } | { reason: 'weak-password'; message: string };

/**
 * A refusal as a form shows it. `passwordField` names the control of the new password
 * (`password` on sign-up, `newPassword` on the password page); `wrongPassword` is the sentence
 * of the page that asks for the current one.
 */
export function accountFailure(
  outcome: AccountReason,
  words: { passwordField?: string; wrongPassword?: string } = {},
): ActionFailure {
  switch (outcome.reason) {
    case 'throttled':
      return { ok: false, formError: THROTTLED_MESSAGE };
    case 'too-many-requests':
      return { ok: false, formError: TOO_MANY_REQUESTS_MESSAGE };
    case 'same-email':
      return { ok: false, fieldErrors: { newEmail: ['C’est déjà votre adresse de connexion.'] } };
    case 'wrong-password':
      return { ok: false, fieldErrors: { currentPassword: [words.wrongPassword ?? 'Le mot de passe actuel est incorrect.'] } };
    case 'weak-password':
      return { ok: false, fieldErrors: { [words.passwordField ?? 'password']: [outcome.message] } };
  }
}

/** A use case's outcome as the form shows it: success unchanged, a refusal in words. */
export function accountResult<O extends { ok: true } | ({ ok: false } & AccountReason)>(
  outcome: O,
  words: { passwordField?: string; wrongPassword?: string } = {},
): Exclude<O, { ok: false }> | ActionFailure {
  return outcome.ok ? (outcome as Exclude<O, { ok: false }>) : accountFailure(outcome as AccountReason, words);
}
