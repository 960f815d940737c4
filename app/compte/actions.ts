'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getAccountContext } from '@/lib/accounts/app-context';
import { updateProfile } from '@/lib/accounts/profile';
import { profileSchema } from '@/lib/accounts/schemas';
import { endOtherSessions } from '@/lib/accounts/sessions';
import { citizenAction } from '@/lib/actions/define-action';
import { reissueCurrentSession } from '@/lib/auth/guards';

export const saveProfile = citizenAction(profileSchema, async (input, user) => {
  const ctx = await getAccountContext();
  await updateProfile(ctx.db, user.id, input);
  revalidatePath('/compte');
  return { ok: true, message: 'Vos informations ont été enregistrées.' };
});

/**
 * Ends every session, then re-issues this device's cookie (server-side) with the new version: only
 * the others end. A redirect, not a returned state: the guards read the request's own (now
 * outdated) cookie, so the page must be rendered by a new request that carries the re-issued one.
 */
export const signOutEverywhere = citizenAction(z.object({}), async (_input, user) => {
  const ctx = await getAccountContext();
  const sessionVersion = await endOtherSessions(ctx, user.id);
  if (sessionVersion !== null) await reissueCurrentSession(user.id, sessionVersion);
  redirect('/compte?sessions=fermees');
});
