'use server';

import { getAccountContext } from '@/lib/accounts/app-context';
import { endAllSessions } from '@/lib/accounts/credentials';
import { signOut } from '@/lib/auth/config';
import { getCurrentUser } from '@/lib/auth/guards';

/**
 * "Se déconnecter". Deleting the cookie is not enough: a copy of it (another device, a stolen
 * cookie) would still work until it expires. Bumping the session version refuses every copy.
 * Takes the form data only to fit `<form action>`.
 */
export async function signOutAction(_formData?: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (user) await endAllSessions(await getAccountContext(), user.id, 'account.signout');
  await signOut({ redirectTo: '/?deconnecte=1' });
}
