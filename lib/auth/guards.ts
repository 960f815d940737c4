import 'server-only';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { cookies } from 'next/headers';
import { clearedSessionCookie, presentSessionCookieNames, readSessionCookie, readSessionToken, reissueSessionCookie, renewSessionCookie } from './session-token';
import { findValidSessionUser } from './session-user';
import type { Role } from '@/db/schema';

export type CurrentUser = {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  sessionVersion: number;
};

export type SessionClaims = { userId: string; sessionVersion: number };

/**
 * What the session cookie claims, NOT yet checked against the database. Only for a query that
 * checks `sessionVersion` itself, in its own WHERE clause (autosave: one statement per save);
 * everything else calls getCurrentUser.
 */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const store = await cookies();
  const token = await readSessionToken((name) => store.get(name)?.value);
  if (!token?.userId || typeof token.sessionVersion !== 'number') return null;
  return { userId: token.userId, sessionVersion: token.sessionVersion };
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
 * Re-issues this device's cookie with the session version the server has just set (after a
 * password change or "sign out everywhere", which end every session): only the others end. The
 * version comes from the database, never from the client; the sign-in time is kept.
 */
export async function reissueCurrentSession(userId: string, sessionVersion: number): Promise<void> {
  const store = await cookies();
  const cookie = await readSessionCookie((name) => store.get(name)?.value);
  if (!cookie || cookie.token.userId !== userId) return;
  const reissued = await reissueSessionCookie(cookie, { sessionVersion });
  if (reissued) store.set(reissued.name, reissued.value, reissued.options);
}

/** Removes the session cookies the request came with (a route handler answering a refused session). */
export async function clearSessionCookies(): Promise<void> {
  const store = await cookies();
  for (const name of presentSessionCookieNames((n) => store.get(n)?.value)) {
    const cleared = clearedSessionCookie(name);
    store.set(cleared.name, cleared.value, cleared.options);
  }
}

/**
 * The signed-in user, or null. The JWT alone is not trusted: its sessionVersion must match the
 * database, so sign-out, a password or email change and deletion end every other session at once;
 * and a session ends for good at its absolute lifetime (12 h, 8 h for back-office roles).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const store = await cookies();
  const token = await readSessionToken((name) => store.get(name)?.value);
  if (!token) return null;
  const user = await findValidSessionUser(token);
  if (!user) return null;
  const name = [user.firstNames, user.usageName ?? user.birthName].filter(Boolean).join(' ');
  return { id: user.id, email: user.email, role: user.role, displayName: name || user.email, sessionVersion: user.sessionVersion };
});

// Browsers drop tabs and newlines from URLs: "/\t/evil.example" would become "//evil.example".
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
// A half of a surrogate pair cannot be percent-encoded (encodeURIComponent throws).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Longer is no path of this site: a crafted value only bloats the sign-in URL and Location headers.
const MAX_CALLBACK_LENGTH = 2000;
const CALLBACK_BASE = 'http://callback.invalid';

/**
 * Only same-site paths: a callback URL never sends the citizen to another site. The result is the
 * canonical form the URL parser gives (dot segments resolved, non-ASCII and spaces percent-encoded,
 * existing escapes kept), so it can go into a Location header as it is.
 */
export function safeCallbackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > MAX_CALLBACK_LENGTH || !value.startsWith('/')) return fallback;
  if (CONTROL_CHARACTER.test(value) || LONE_SURROGATE.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, CALLBACK_BASE);
  } catch {
    return fallback;
  }
  // "//evil.example" and "/\\evil.example" name another site (browsers read a backslash as a slash).
  if (url.origin !== CALLBACK_BASE) return fallback;
  // Resolving dot segments can bring "//" back: "/.//evil.example" has the path "//evil.example".
  const path = url.pathname + url.search + url.hash;
  if (path.startsWith('//') || path.length > MAX_CALLBACK_LENGTH) return fallback;
  return path;
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
