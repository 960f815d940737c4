import 'server-only';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { findSessionUser } from '@/lib/accounts/users';
import { cookies } from 'next/headers';
import { sessionSatisfiesSecondFactor } from './second-factor/policy';
import { readSessionCookie, readSessionToken, renewSessionCookie } from './session-token';

export type CurrentUser = {
  id: string;
  email: string;
  role: 'citizen' | 'agent' | 'admin';
  displayName: string;
  sessionVersion: number;
};

export type SessionClaims = { userId: string; sessionVersion: number; secondFactor: boolean };

/**
 * What the session cookie claims, NOT yet checked against the database. Only for a query that
 * checks `sessionVersion` itself, in its own WHERE clause (autosave: one statement per save);
 * everything else calls getCurrentUser.
 */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const store = await cookies();
  const token = await readSessionToken((name) => store.get(name)?.value);
  if (!token?.userId || typeof token.sessionVersion !== 'number') return null;
  return { userId: token.userId, sessionVersion: token.sessionVersion, secondFactor: token.mfa === true };
}

/**
 * Re-issues the session cookie of an active user, at most once a minute, where the proxy does not
 * run (the autosave endpoint, kept out of it for speed: see proxy.ts). Call it only once the
 * session was found valid.
 */
export async function renewSessionIfDue(): Promise<void> {
  const store = await cookies();
  const cookie = await readSessionCookie((name) => store.get(name)?.value);
  const renewed = cookie && (await renewSessionCookie(cookie));
  if (renewed) store.set(renewed.name, renewed.value, renewed.options);
}

/**
 * The signed-in user, or null. The JWT alone is not trusted: its sessionVersion must match the
 * database, so sign-out, a password or email change and deletion end every other session at once.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const claims = await readSessionClaims();
  if (!claims) return null;
  const user = await findSessionUser(await getDb(), claims.userId);
  if (!user || !user.emailVerifiedAt || user.sessionVersion !== claims.sessionVersion) return null;
  // An agent or administrator without the second factor in this session is not signed in at all.
  if (!sessionSatisfiesSecondFactor(user.role, claims.secondFactor)) return null;
  const name = [user.firstNames, user.usageName ?? user.birthName].filter(Boolean).join(' ');
  return { id: user.id, email: user.email, role: user.role, displayName: name || user.email, sessionVersion: user.sessionVersion };
});

// Browsers drop tabs and newlines from URLs: "/\t/evil.example" would become "//evil.example".
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Only same-site paths: a callback URL never sends the citizen to another site. */
export function safeCallbackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (CONTROL_CHARACTER.test(value)) return fallback;
  return value;
}

/** Pages of the personal space: anonymous visitors go to the sign-in page and come back. */
export async function requireCitizen(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(safeCallbackPath(returnTo))}`);
  return user;
}

export async function requireAgent(returnTo = '/admin'): Promise<CurrentUser> {
  const user = await requireCitizen(returnTo);
  // The back office does not exist for citizens: 404, like anything that is not theirs.
  if (user.role !== 'agent' && user.role !== 'admin') notFound();
  return user;
}

export async function requireAdmin(returnTo = '/admin'): Promise<CurrentUser> {
  const user = await requireCitizen(returnTo);
  if (user.role !== 'admin') notFound();
  return user;
}
