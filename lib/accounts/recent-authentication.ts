import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import type { Executor } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { verifyPassword } from '@/lib/security/password';
import { consumeRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { getAuthSecret } from '@/lib/security/auth-secret';
import { getEnv } from '@/lib/env';
import { findUserById } from './users';

// "Confirmez votre mot de passe" before a sensitive download (the data export): a session cookie
// left open on a shared computer is not enough to carry away everything the portal holds. A correct
// password grants a short-lived, signed cookie bound to the user and their session version (so a
// sign-out everywhere or a password change voids it) and limited to the export's path.

export const RECENT_AUTH_SECONDS = 5 * 60;
const COOKIE = 'portail-reauth';
const COOKIE_PATH = '/compte/export';

type Subject = { id: string; sessionVersion: number };

function sign(payload: string): string {
  return createHmac('sha256', `${getAuthSecret()}:recent-authentication`).update(payload).digest('base64url');
}

export function encodeGrant(user: Subject, issuedAtMs: number): string {
  const payload = `${user.id}.${user.sessionVersion}.${issuedAtMs}`;
  return `${payload}.${sign(payload)}`;
}

/** Whether `value` is a grant for this user and session, issued within the last five minutes. */
export function isGrantValid(value: string | undefined, user: Subject, nowMs = Date.now()): boolean {
  const parts = value?.split('.') ?? [];
  if (parts.length !== 4) return false;
  const [id, version, issued, signature] = parts;
  const expected = Buffer.from(sign(`${id}.${version}.${issued}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  const age = nowMs - Number(issued);
  return id === user.id && Number(version) === user.sessionVersion && age >= 0 && age <= RECENT_AUTH_SECONDS * 1000;
}

export type PasswordCheck = 'ok' | 'wrong' | 'throttled';

/** Checks the current password, rate-limited per account (shared with the deletion's check). */
export async function confirmPassword(db: Executor, userId: string, password: string): Promise<PasswordCheck> {
  const limit = await consumeRateLimit(db, rateLimitKey('reauth', userId), 10, 3600);
  if (!limit.allowed) return 'throttled';
  const user = await findUserById(db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    await recordAudit(db, { action: 'account.reauth_failed', actorId: userId, targetType: 'user', targetId: userId });
    return 'wrong';
  }
  return 'ok';
}

export async function grantRecentAuthentication(user: Subject): Promise<void> {
  const store = await cookies();
  store.set(COOKIE, encodeGrant(user, Date.now()), {
    httpOnly: true,
    sameSite: 'strict',
    secure: getEnv().publicOrigin.startsWith('https://'),
    path: COOKIE_PATH,
    maxAge: RECENT_AUTH_SECONDS,
  });
}

export async function hasRecentAuthentication(user: Subject): Promise<boolean> {
  return isGrantValid((await cookies()).get(COOKIE)?.value, user);
}
