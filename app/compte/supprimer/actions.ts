'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { deleteAccount } from '@/lib/accounts/deletion';
import { deleteAccountSchema } from '@/lib/accounts/schemas';
import { citizenAction } from '@/lib/actions/define-action';
import { signOut } from '@/lib/auth/config';
import { getBlobStore } from '@/lib/storage';
import { accountFailure, WRONG_PASSWORD } from '../messages';

export const deleteOwnAccount = citizenAction(deleteAccountSchema, async (input, user) => {
  const result = await deleteAccount(await getAccountContext(), getBlobStore(), user.id, input.currentPassword);
  if (!result.ok) return { ...accountFailure(result, { wrongPassword: WRONG_PASSWORD }), values: { confirm: 'on' } };
  // The account no longer exists, so the cookie is refused anyway; clearing it keeps the browser tidy.
  await signOut({ redirect: false });
  redirect('/compte-supprime');
});
