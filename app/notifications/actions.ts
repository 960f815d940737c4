'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineFormPost } from '@/lib/actions/define-action';
import { getDb } from '@/lib/db';
import { markAllNotificationsRead } from '@/lib/notifications/queries';

export const markAllReadAction = defineFormPost(
  { role: 'citizen', schema: z.object({}), signedOut: () => '/connexion?callbackUrl=/notifications' },
  async (_input, user) => {
    await markAllNotificationsRead(await getDb(), user.id);
    redirect('/notifications?lu=1');
  },
);
