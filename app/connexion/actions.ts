'use server';

import { AuthError, type CredentialsSignin } from 'next-auth';
import { signInSchema } from '@/lib/accounts/schemas';
import { defineAction } from '@/lib/actions/define-action';
import { echoValues, type ActionResult } from '@/lib/actions/result';
import { signIn } from '@/lib/auth/config';
import { redirect } from 'next/navigation';
import { SECOND_FACTOR_PAGES, secondFactorPath, verificationPath } from './paths';
import { waitText } from './wait-text';

export type SignInState = ActionResult & { unconfirmed?: boolean };

const INVALID = 'Adresse de courriel ou mot de passe incorrect.';

/** Turns the refusal code set by the credentials provider (lib/auth/config.ts) into the page's message. */
function refusal(code: string, formData: FormData): SignInState {
  const values = echoValues(formData);
  const throttled = /^throttled-(\d+)$/.exec(code);
  if (throttled) {
    return {
      ok: false,
      values,
      formError: `Trop de tentatives de connexion. Pour protéger votre compte, attendez ${waitText(Number(throttled[1]))} avant de réessayer, ou réinitialisez votre mot de passe.`,
    };
  }
  if (code === 'unconfirmed') {
    return {
      ok: false,
      values,
      unconfirmed: true,
      formError: 'Votre adresse n’est pas encore confirmée : ouvrez le lien de confirmation que nous vous avons envoyé par courriel.',
    };
  }
  return { ok: false, values, formError: INVALID };
}

export const signInAction = defineAction({ role: 'public', schema: signInSchema }, async (input, _user, formData): Promise<SignInState> => {
  try {
    // Redirects (NEXT_REDIRECT) through the cookie check, then to the callback path.
    await signIn('credentials', {
      email: input.email,
      password: input.password,
      redirectTo: verificationPath(formData.get('callbackUrl')),
    });
  } catch (error) {
    // In server actions Auth.js runs in raw mode and rethrows the provider's own error, code included.
    if (error instanceof AuthError && error.type === 'CredentialsSignin') {
      const { code } = error as CredentialsSignin;
      // Right password of an agent or administrator: no session yet, the second factor comes next.
      if (code === 'second-factor' || code === 'enrol') redirect(secondFactorPath(SECOND_FACTOR_PAGES[code], formData.get('callbackUrl')));
      return refusal(code, formData);
    }
    throw error;
  }
  return { ok: false, formError: INVALID };
});
