'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineFormPost } from '@/lib/actions/define-action';
import { clearRecoveryCodesToShow } from '@/lib/auth/second-factor/pending-sign-in';
import { afterSignInPath } from '../paths';

/** "I have kept them": the codes are not shown again, on to the page asked for. */
export const acknowledgeRecoveryCodesAction = defineFormPost({ role: 'public', schema: z.object({ next: z.unknown().optional() }) }, async ({ next }) => {
  await clearRecoveryCodesToShow();
  redirect(afterSignInPath(next));
});
