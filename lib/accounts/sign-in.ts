import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { clearSignInFailures, getSignInWait, recordSignInFailure } from '@/lib/auth/rate-limit';
import { findUserByEmail } from './users';

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; role: 'citizen' | 'agent' | 'admin'; sessionVersion: number } }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; waitSeconds: number }
  | { ok: false; reason: 'unconfirmed' };

// Verifying against a real hash when the address is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | undefined;

export async function authenticate(db: Database, email: string, password: string): Promise<AuthenticateResult> {
  const waitSeconds = await getSignInWait(db, email);
  if (waitSeconds > 0) {
    await recordAudit(db, { action: 'account.signin_throttled', meta: { waitSeconds } });
    return { ok: false, reason: 'throttled', waitSeconds };
  }
  const user = await findUserByEmail(db, email);
  dummyHash ??= hashPassword('not-a-real-password-used-for-timing');
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid) {
    const delay = await recordSignInFailure(db, email);
    await recordAudit(db, { action: 'account.signin_failed', actorId: user?.id ?? null, meta: { knownAccount: !!user } });
    return delay > 0 ? { ok: false, reason: 'throttled', waitSeconds: delay } : { ok: false, reason: 'invalid' };
  }
  // The right password proves ownership: saying the address is unconfirmed reveals nothing new.
  if (!user.emailVerifiedAt) return { ok: false, reason: 'unconfirmed' };
  await clearSignInFailures(db, email);
  await recordAudit(db, { action: 'account.signin', actorId: user.id, targetType: 'user', targetId: user.id });
  return { ok: true, user: { id: user.id, email: user.email, role: user.role, sessionVersion: user.sessionVersion } };
}
