import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { DeviceClaim } from '@/lib/security/device-cookie';
import { hashPassword, verifyPassword } from '@/lib/security/password';
import { ACCOUNT_FAILURES, CLIENT_FAILURES, DEVICE_FAILURES, clearFailures, getFailureWait, recordFailure, type FailureCounter } from '@/lib/security/rate-limit';
import { findUserByEmail } from './users';
import type { Role } from '@/db/schema';

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; waitSeconds: number }
  | { ok: false; reason: 'unconfirmed' };

/** Who is trying: the client's address key (lib/security/client-key.ts) and the device cookie's verified claims. */
export type SignInClient = { clientKey?: string; devices?: DeviceClaim[] };

// Verifying against a real hash when the address is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | undefined;

/**
 * Which failure counters an attempt is checked against and adds to (decision 010): a browser that
 * signed in to this account before counts on its own device counter only; any other client counts
 * on the account's counter for unknown clients and on its address's counter.
 */
function countersFor(email: string, client: SignInClient, device: DeviceClaim | undefined): FailureCounter[] {
  if (device) return [{ policy: DEVICE_FAILURES, subject: device.nonce }];
  const counters: FailureCounter[] = [{ policy: ACCOUNT_FAILURES, subject: email }];
  if (client.clientKey) counters.push({ policy: CLIENT_FAILURES, subject: client.clientKey });
  return counters;
}

export async function authenticate(db: Database, email: string, password: string, client: SignInClient = {}): Promise<AuthenticateResult> {
  const user = await findUserByEmail(db, email);
  const device = user ? client.devices?.find((claim) => claim.userId === user.id) : undefined;
  const counters = countersFor(email, client, device);
  const waitSeconds = await getFailureWait(db, counters);
  if (waitSeconds > 0) {
    await recordAudit(db, { action: 'account.signin_throttled', meta: { waitSeconds, knownDevice: !!device } });
    return { ok: false, reason: 'throttled', waitSeconds };
  }
  dummyHash ??= hashPassword('not-a-real-password-used-for-timing');
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid) {
    let delay = 0;
    for (const counter of counters) delay = Math.max(delay, await recordFailure(db, counter));
    await recordAudit(db, { action: 'account.signin_failed', actorId: user?.id ?? null, meta: { knownAccount: !!user, knownDevice: !!device } });
    return delay > 0 ? { ok: false, reason: 'throttled', waitSeconds: delay } : { ok: false, reason: 'invalid' };
  }
  // The right password proves ownership: saying the address is unconfirmed reveals nothing new.
  if (!user.emailVerifiedAt) return { ok: false, reason: 'unconfirmed' };
  // The address counter is not cleared: one success must not reopen the door to a sprayer.
  await clearFailures(db, counters[0]);
  await recordAudit(db, { action: 'account.signin', actorId: user.id, targetType: 'user', targetId: user.id, meta: { knownDevice: !!device } });
  return { ok: true, user: { id: user.id, email: user.email, role: user.role, sessionVersion: user.sessionVersion } };
}
