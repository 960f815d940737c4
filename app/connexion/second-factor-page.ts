import 'server-only';
import { redirect } from 'next/navigation';
import { readPendingSignIn, type PendingSignIn } from '@/lib/auth/second-factor/pending-sign-in';
import { afterSignInPath, SECOND_FACTOR_PAGES, secondFactorPath } from './paths';

/**
 * The pending sign-in a second-factor page is for. Without one (expired, another browser) the
 * sign-in starts again; at the wrong stage, the right page.
 */
export async function requirePendingSignIn(stage: PendingSignIn['stage'], nextParam: unknown): Promise<{ pending: PendingSignIn; next: string }> {
  const next = afterSignInPath(nextParam);
  const pending = await readPendingSignIn();
  if (!pending) redirect(`/connexion?expiree=1&callbackUrl=${encodeURIComponent(next)}`);
  if (pending.stage !== stage) redirect(secondFactorPath(pending.stage === 'enrol' ? SECOND_FACTOR_PAGES.enrol : SECOND_FACTOR_PAGES['second-factor'], next));
  return { pending, next };
}
