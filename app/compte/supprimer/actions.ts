'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { deleteAccount } from '@/lib/accounts/deletion';
import { deleteAccountSchema } from '@/lib/accounts/schemas';
import { citizenAction } from '@/lib/auth/action';
import { signOut } from '@/lib/auth/config';
import { getBlobStore } from '@/lib/storage';

export const deleteOwnAccount = citizenAction(deleteAccountSchema, async (input, user) => {
  const result = await deleteAccount(await getAccountContext(), getBlobStore(), user.id, input.currentPassword);
  if (!result.ok) return { ...result, values: { confirm: 'on' } };
  // The account no longer exists, so the cookie is refused anyway; clearing it keeps the browser tidy.
  await signOut({ redirect: false });
  redirect('/compte-supprime');
});
