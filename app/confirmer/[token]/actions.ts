'use server';

import { z } from 'zod';
import { getAccountContext } from '@/lib/accounts/app-context';
import { confirmEmailChange } from '@/lib/accounts/credentials';
import { confirmSignup } from '@/lib/accounts/registration';
import { defineAction } from '@/lib/actions/define-action';
import type { ActionResult } from '@/lib/actions/result';

export type ConfirmedAddress = 'signup' | 'email-change';
export type ConfirmAddressState = ActionResult<ConfirmedAddress>;

// Any token is read; a wrong one is simply refused, with nothing to echo (it is a secret).
const confirmSchema = z.object({ token: z.unknown().optional() });

/** One link format serves sign-up and login-email change: try the first, then the second. */
export const confirmAddressAction = defineAction({ role: 'public', schema: confirmSchema, echo: false }, async ({ token }): Promise<ConfirmAddressState> => {
  if (typeof token !== 'string') return { ok: false };
  const ctx = await getAccountContext();
  if (await confirmSignup(ctx, token)) return { ok: true, data: 'signup' };
  const change = await confirmEmailChange(ctx, token);
  if (change.ok) return { ok: true, data: 'email-change' };
  return { ok: false };
});
