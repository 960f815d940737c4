'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { changePassword } from '@/lib/accounts/credentials';
import { changePasswordSchema } from '@/lib/accounts/schemas';
import { citizenAction } from '@/lib/actions/define-action';
import { reissueCurrentSession } from '@/lib/auth/guards';
import { accountFailure } from '../messages';

// The lib bumps the session version (every session ends); re-issuing this device's cookie with the
// new version (server-side, the version read from the database) keeps the person who just changed
// the password signed in. Redirect rather than return: the guards read the request's own (now
// outdated) cookie, so the next render needs a new request.
export const changeOwnPassword = citizenAction(changePasswordSchema, async (input, user) => {
  const result = await changePassword(await getAccountContext(), user.id, input.currentPassword, input.newPassword);
  if (!result.ok) return accountFailure(result, { passwordField: 'newPassword' });
  if (result.sessionVersion !== undefined) await reissueCurrentSession(user.id, result.sessionVersion);
  redirect('/compte/mot-de-passe?modifie=1');
});
