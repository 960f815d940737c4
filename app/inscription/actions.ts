'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { registerAccount, resendConfirmation } from '@/lib/accounts/registration';
import { emailOnlySchema, signUpSchema } from '@/lib/accounts/schemas';
import { publicAction } from '@/lib/actions/define-action';
import { echoValues } from '@/lib/actions/result';
import { getClientKey } from '@/lib/security/client-key';
import { accountFailure } from '../compte/messages';
import { rememberSignupEmail } from './signup-email-cookie';

export const signUpAction = publicAction(signUpSchema, async (input, formData) => {
  const result = await registerAccount(await getAccountContext(), input, await getClientKey());
  if (!result.ok) return { ...accountFailure(result), values: echoValues(formData) };
  await rememberSignupEmail(input.email);
  redirect('/inscription/verifiez-vos-courriels');
});

/** "Renvoyer le lien": the same answer whether the address has an unconfirmed account or not. */
export const resendConfirmationAction = publicAction(emailOnlySchema, async (input, formData) => {
  const result = await resendConfirmation(await getAccountContext(), input.email, await getClientKey());
  if (!result.ok) return { ...accountFailure(result), values: echoValues(formData) };
  return { ok: true, message: 'Si cette adresse attend une confirmation, un nouveau lien vient de lui être envoyé. Il est valable 24 heures.' };
});
