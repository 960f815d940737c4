'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { changePassword } from '@/lib/accounts/credentials';
import { changePasswordSchema } from '@/lib/accounts/schemas';
import { citizenAction } from '@/lib/auth/action';
import { updateSession } from '@/lib/auth/config';

// The lib bumps the session version (every session ends); re-issuing this device's cookie with the
// new version keeps the person who just changed the password signed in. Redirect rather than
// return: auth() reads the request's own (now outdated) cookie, so the next render needs a new request.
export const changeOwnPassword = citizenAction(changePasswordSchema, async (input, user) => {
  const result = await changePassword(await getAccountContext(), user.id, input.currentPassword, input.newPassword);
  if (!result.ok) return result;
  if (result.sessionVersion !== undefined) await updateSession({ sessionVersion: result.sessionVersion });
  redirect('/compte/mot-de-passe?modifie=1');
});
