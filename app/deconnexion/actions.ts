'use server';

import { z } from 'zod';
import { getAccountContext } from '@/lib/accounts/app-context';
import { endAllSessions } from '@/lib/accounts/credentials';
import { defineFormPost } from '@/lib/actions/define-action';
import { signOut } from '@/lib/auth/config';
import { getCurrentUser } from '@/lib/auth/guards';

/**
 * "Se déconnecter". Deleting the cookie is not enough: a copy of it (another device, a stolen
 * cookie) would still work until it expires. Bumping the session version refuses every copy.
 * Public: signing out with an expired session still clears the cookie. Whoever is signed in (if
 * anyone) is read only to end their sessions, not to authorize anything.
 */
export const signOutAction = defineFormPost({ role: 'public', schema: z.object({}) }, async () => {
  const user = await getCurrentUser();
  if (user) await endAllSessions(await getAccountContext(), user.id, 'account.signout');
  await signOut({ redirectTo: '/?deconnecte=1' });
});
