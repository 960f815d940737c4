'use server';

import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { markAllNotificationsRead } from '@/lib/notifications/queries';

export async function markAllReadAction(): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect('/connexion?callbackUrl=/notifications');
  await markAllNotificationsRead(await getDb(), user.id);
  redirect('/notifications?lu=1');
}
