'use server';

import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { confirmPassword, grantRecentAuthentication } from '@/lib/accounts/recent-authentication';
import { confirmPasswordSchema } from '@/lib/accounts/schemas';
import { citizenAction } from '@/lib/auth/action';

export const confirmExportPassword = citizenAction(confirmPasswordSchema, async (input, user) => {
  const { db } = await getAccountContext();
  const check = await confirmPassword(db, user.id, input.currentPassword);
  if (check === 'throttled') return { ok: false, formError: 'Trop d’essais. Réessayez dans une heure.' };
  if (check === 'wrong') return { ok: false, fieldErrors: { currentPassword: ['Le mot de passe est incorrect.'] } };
  await grantRecentAuthentication(user);
  redirect('/compte/export?pret=1');
});
