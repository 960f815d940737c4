'use server';

import { revalidatePath } from 'next/cache';
import { getAccountContext } from '@/lib/accounts/app-context';
import { updatePreferences } from '@/lib/accounts/profile';
import { preferencesSchema } from '@/lib/accounts/schemas';
import { citizenAction } from '@/lib/actions/define-action';

export const savePreferences = citizenAction(preferencesSchema, async (input, user) => {
  const { db } = await getAccountContext();
  await updatePreferences(db, user.id, input);
  revalidatePath('/compte/preferences');
  return { ok: true, message: 'Vos préférences ont été enregistrées.' };
});
