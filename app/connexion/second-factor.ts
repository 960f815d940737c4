import 'server-only';
import { AuthError, type CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import type { ActionResult } from '@/lib/actions/result';
import { signIn } from '@/lib/auth/config';
import { RECOVERY_CODES_PATH } from '@/lib/auth/second-factor/pending-sign-in';
import type { SecondFactorMethod } from '@/lib/auth/second-factor/schemas';
import { formatWait } from '@/lib/auth/second-factor/wait-text';
import { afterSignInPath, verificationPath } from './paths';

// Shared by the code, recovery-code and enrolment pages: opens the session through the
// 'second-factor' provider (lib/auth/config.ts), or turns its refusal into the page's message.

const messages: Record<string, string> = {
  'wrong-code': 'Code incorrect. Saisissez le code à 6 chiffres affiché en ce moment par votre application d’authentification.',
  'replayed-code': 'Ce code a déjà été utilisé. Attendez que votre application affiche un nouveau code (toutes les 30 secondes), puis saisissez-le.',
  'wrong-recovery-code': 'Ce code de secours est incorrect ou a déjà été utilisé : chaque code de secours ne sert qu’une fois.',
  'demo-secret':
    'Ce compte utilise une clé de démonstration publiée : il ne peut pas se connecter à un portail en production. Un administrateur doit réinitialiser sa double authentification.',
  unreadable:
    'Votre double authentification ne peut pas être vérifiée sur ce portail. Utilisez un code de secours, ou demandez à un administrateur de la réinitialiser.',
};

// Wrong codes are shown beside the field; the rest concerns the account, above the form.
const FIELD_REASONS = new Set(['wrong-code', 'replayed-code', 'wrong-recovery-code']);

function refusal(code: string, next: string): ActionResult {
  const reason = code.replace(/^second-factor:/, '');
  // The ten minutes are over, or the account changed (password, role, reset): start again.
  if (reason === 'expired') redirect(`/connexion?expiree=1&callbackUrl=${encodeURIComponent(next)}`);
  const throttled = /^throttled-(\d+)$/.exec(reason);
  if (throttled) {
    return { ok: false, formError: `Trop de codes incorrects. Pour protéger votre compte, attendez ${formatWait(Number(throttled[1]))} avant de réessayer.` };
  }
  if (reason in messages && !FIELD_REASONS.has(reason)) return { ok: false, formError: messages[reason] };
  return { ok: false, fieldErrors: { code: [messages[reason] ?? messages['wrong-code']] } };
}

export async function signInWithSecondFactor(method: SecondFactorMethod, code: string, formData: FormData): Promise<ActionResult> {
  const next = afterSignInPath(formData.get('next'));
  // After enrolment the recovery codes come first, once; otherwise the cookie check, then the page asked for.
  const redirectTo = method === 'enrol' ? `${RECOVERY_CODES_PATH}?next=${encodeURIComponent(next)}` : verificationPath(next);
  try {
    await signIn('second-factor', { method, code, redirectTo });
  } catch (error) {
    if (error instanceof AuthError && error.type === 'CredentialsSignin') return refusal((error as CredentialsSignin).code, next);
    throw error;
  }
  return { ok: false, formError: messages['wrong-code'] };
}
