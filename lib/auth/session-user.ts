import 'server-only';
import type { JWT } from 'next-auth/jwt';
import { findSessionUser } from '@/lib/accounts/users';
import { getDb } from '@/lib/db';
import { isSessionCurrent } from './session-token';

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

/**
 * The user a decoded session token belongs to, if the database still accepts that session (one
 * primary-key read); null otherwise. Guards, the proxy (before renewing) and the session endpoint
 * all go through here.
 */
export async function findValidSessionUser(token: JWT): Promise<SessionUser | null> {
  if (typeof token.userId !== 'string') return null;
  const user = await findSessionUser(await getDb(), token.userId);
  return user && isSessionCurrent(user, token) ? user : null;
}
