'use server';

import { getAccountContext } from '@/lib/accounts/app-context';
import { confirmEmailChange } from '@/lib/accounts/credentials';
import { confirmSignup } from '@/lib/accounts/registration';
import type { ActionResult } from '@/lib/auth/action';

export type ConfirmedAddress = 'signup' | 'email-change';
export type ConfirmAddressState = ActionResult<ConfirmedAddress>;

/** One link format serves sign-up and login-email change: try the first, then the second. */
export async function confirmAddressAction(_previous: ConfirmAddressState | null, formData: FormData): Promise<ConfirmAddressState> {
  const token = formData.get('token');
  if (typeof token !== 'string') return { ok: false };
  const ctx = await getAccountContext();
  if (await confirmSignup(ctx, token)) return { ok: true, data: 'signup' };
  const change = await confirmEmailChange(ctx, token);
  if (change.ok) return { ok: true, data: 'email-change' };
  return { ok: false };
}
