'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { resetPassword } from '@/lib/accounts/password-reset';
import { resetPasswordSchema } from '@/lib/accounts/schemas';
import { defineAction } from '@/lib/actions/define-action';
import type { ActionResult } from '@/lib/actions/result';

export type ResetPasswordState = ActionResult & { linkExpired?: boolean };

// The state goes back to the browser: it never carries the token or the password.
export const resetPasswordAction = defineAction({ role: 'public', schema: resetPasswordSchema }, async (input, _user, formData): Promise<ResetPasswordState> => {
  const token = formData.get('token');
  if (typeof token !== 'string') return { ok: false, linkExpired: true };
  const result = await resetPassword(await getAccountContext(), token, input.password);
  // Post/redirect/get to the sign-in page, which confirms the change: the token leaves the address bar.
  if (result.ok) redirect('/connexion?motdepasse=modifie');
  if (result.reason === 'weak') return { ok: false, fieldErrors: { password: [result.message] } };
  return { ok: false, linkExpired: true };
});
