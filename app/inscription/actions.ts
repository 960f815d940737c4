'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { registerAccount, resendConfirmation } from '@/lib/accounts/registration';
import { emailOnlySchema, signUpSchema } from '@/lib/accounts/schemas';
import { echoValues, getClientKey, invalidInput, parseForm, type ActionResult } from '@/lib/auth/action';
import { rememberSignupEmail } from './signup-email-cookie';

export async function signUpAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(signUpSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error, formData);
  const result = await registerAccount(await getAccountContext(), parsed.data, await getClientKey());
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors, formError: result.formError, values: echoValues(formData) };
  await rememberSignupEmail(parsed.data.email);
  redirect('/inscription/verifiez-vos-courriels');
}

/** "Renvoyer le lien": the same answer whether the address has an unconfirmed account or not. */
export async function resendConfirmationAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(emailOnlySchema, formData);
  if (!parsed.success) return invalidInput(parsed.error, formData);
  const result = await resendConfirmation(await getAccountContext(), parsed.data.email, await getClientKey());
  if (!result.ok) return { ok: false, formError: result.formError, values: echoValues(formData) };
  return { ok: true, message: 'Si cette adresse attend une confirmation, un nouveau lien vient de lui être envoyé. Il est valable 24 heures.' };
}
