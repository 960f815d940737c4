'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { requestPasswordReset } from '@/lib/accounts/password-reset';
import { emailOnlySchema } from '@/lib/accounts/schemas';
import { publicAction } from '@/lib/actions/define-action';
import { echoValues } from '@/lib/actions/result';
import { getClientKey } from '@/lib/security/client-key';
import { accountFailure } from '../compte/messages';

/** The answer never says whether the address has an account. */
export const requestPasswordResetAction = publicAction(emailOnlySchema, async (input, formData) => {
  const result = await requestPasswordReset(await getAccountContext(), input.email, await getClientKey());
  if (!result.ok) return { ...accountFailure(result), values: echoValues(formData) };
  // Post/redirect/get: reloading the confirmation does not send another email.
  redirect('/mot-de-passe-oublie?demande=envoyee');
});
