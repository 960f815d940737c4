import 'server-only';
import type { Database } from '@/db/client';
import { getEnv } from '@/lib/env';
import { clearPendingSignIn, readPendingSignIn, setPendingSignIn, setRecoveryCodesToShow } from './pending-sign-in';
import { refusesDemoSecrets } from './policy';
import type { SecondFactorMethod } from './schemas';
import { getSecretBox } from './portal-secret-box';
import { confirmEnrolment, generateTotpSecret, isEnrolled, verifyRecoveryCodeSignIn, verifyTotpSignIn, type SecondFactorResult } from './verify';

// The two halves of a back-office sign-in, as the Auth.js providers call them (lib/auth/config.ts).

export type PasswordVerifiedUser = { id: string; email: string; sessionVersion: number };

/** After a right password: no session yet, a pending sign-in instead. Says which page comes next. */
export async function beginSecondFactor(db: Database, user: PasswordVerifiedUser): Promise<'code' | 'enrol'> {
  const stage = (await isEnrolled(db, user.id)) ? 'code' : 'enrol';
  await setPendingSignIn({
    userId: user.id,
    sessionVersion: user.sessionVersion,
    email: user.email,
    stage,
    ...(stage === 'enrol' ? { enrolSecret: generateTotpSecret() } : {}),
  });
  return stage;
}

/** The second step: checks the code against this browser's pending sign-in; on success clears it. */
export async function completeSecondFactor(db: Database, method: SecondFactorMethod, code: string): Promise<SecondFactorResult> {
  const pending = await readPendingSignIn();
  if (!pending) return { ok: false, reason: 'expired' };
  const env = getEnv();
  const options = { box: getSecretBox(), refuseDemoSecrets: refusesDemoSecrets(env) };
  const verify = method === 'enrol' ? confirmEnrolment : method === 'recovery' ? verifyRecoveryCodeSignIn : verifyTotpSignIn;
  const result = await verify(db, pending, code, options);
  if (result.ok) {
    await clearPendingSignIn();
    if (result.recoveryCodes) await setRecoveryCodesToShow(result.user.id, result.recoveryCodes);
  }
  return result;
}
