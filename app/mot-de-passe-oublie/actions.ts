'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { requestPasswordReset } from '@/lib/accounts/password-reset';
import { emailOnlySchema } from '@/lib/accounts/schemas';
import { echoValues, getClientKey, invalidInput, parseForm, type ActionResult } from '@/lib/auth/action';

/** The answer never says whether the address has an account. */
export async function requestPasswordResetAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(emailOnlySchema, formData);
  if (!parsed.success) return invalidInput(parsed.error, formData);
  const result = await requestPasswordReset(await getAccountContext(), parsed.data.email, await getClientKey());
  if (!result.ok) return { ok: false, formError: result.formError, values: echoValues(formData) };
  // Post/redirect/get: reloading the confirmation does not send another email.
  redirect('/mot-de-passe-oublie?demande=envoyee');
}
