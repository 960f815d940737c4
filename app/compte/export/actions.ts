'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { confirmPassword, grantRecentAuthentication } from '@/lib/accounts/recent-authentication';
import { confirmPasswordSchema } from '@/lib/accounts/schemas';
import { citizenAction } from '@/lib/actions/define-action';
import { accountFailure, WRONG_PASSWORD } from '../messages';

export const confirmExportPassword = citizenAction(confirmPasswordSchema, async (input, user) => {
  const { db } = await getAccountContext();
  const check = await confirmPassword(db, user.id, input.currentPassword);
  if (check === 'throttled') return accountFailure({ reason: 'throttled' });
  if (check === 'wrong') return accountFailure({ reason: 'wrong-password' }, { wrongPassword: WRONG_PASSWORD });
  await grantRecentAuthentication(user);
  redirect('/compte/export?pret=1');
});
