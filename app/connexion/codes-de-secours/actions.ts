'use server';

import { redirect } from 'next/navigation';
import { clearRecoveryCodesToShow } from '@/lib/auth/second-factor/pending-sign-in';
import { afterSignInPath } from '../paths';

/** "I have kept them": the codes are not shown again, on to the page asked for. */
export async function acknowledgeRecoveryCodesAction(formData: FormData): Promise<void> {
  await clearRecoveryCodesToShow();
  redirect(afterSignInPath(formData.get('next')));
}
