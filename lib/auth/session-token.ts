import 'server-only';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { getAuthSecret } from '@/lib/security/auth-secret';

// Reading the session cookie directly: one decryption, where Auth.js's auth() runs its whole
// session endpoint (decrypt, callbacks, re-encrypt, response). Guards and the proxy run on every
// request, autosave included, so this matters (see `npm run bench`).

export const SESSION_MAX_AGE_SECONDS = 30 * 60;

/** An active session's cookie is re-issued at most once a minute (an encryption and a Set-Cookie each time). */
export const RENEW_AFTER_SECONDS = 60;

/**
 * Absolute lifetime, counted from the sign-in (`auth_time`, kept by every renewal and re-issue):
 * after it, a fresh sign-in, however active the session. Back-office roles read citizens' files.
 */
export const ABSOLUTE_LIFETIME_SECONDS = { citizen: 12 * 3600, agent: 8 * 3600, admin: 8 * 3600 } as const;

/** The absolute lifetime of a role; an unknown role gets the shortest. */
export function absoluteLifetimeSeconds(role: unknown): number {
  return role === 'citizen' ? ABSOLUTE_LIFETIME_SECONDS.citizen : ABSOLUTE_LIFETIME_SECONDS.agent;
}

/**
 * When the session must end whatever happens (seconds since the epoch), for the given role (the
 * token's, or the database's when known); 0 for a token without a sign-in time (issued before
 * the claim existed): it is over.
 */
export function sessionEndsAt(token: JWT, role: unknown = token.role): number {
  return typeof token.auth_time === 'number' ? token.auth_time + absoluteLifetimeSeconds(role) : 0;
}

export function isWithinAbsoluteLifetime(token: JWT, role: unknown = token.role, now = Date.now()): boolean {
  return sessionEndsAt(token, role) * 1000 > now;
}

/** Auth.js names the cookie after the scheme; the name is also the key-derivation salt. */
const SESSION_COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

// The same cookie comes back on every request until it is renewed (at most once a minute), and
// autosave sends many: decrypting it once per process is enough. Only tokens that decrypted
// are kept, keyed by their full text; expiry is checked again on each hit; revocation does not
// depend on this cache (the guards compare sessionVersion with the database).
const decoded = new Map<string, JWT>();
const DECODED_MAX_ENTRIES = 5000;

function remember(key: string, token: JWT): void {
  if (decoded.size >= DECODED_MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, token);
}

type SessionCookieName = (typeof SESSION_COOKIE_NAMES)[number];

/** The session cookie a request came with, decoded. */
export type SessionCookie = { name: SessionCookieName; token: JWT };

/** The session cookie, decoded, or null when absent, tampered with or expired (idle timeout only). */
export async function decodeSessionCookie(readCookie: (name: string) => string | undefined): Promise<SessionCookie | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const value = readCookie(name);
    if (!value) continue;
    const key = `${name}=${value}`;
    const known = decoded.get(key);
    if (known) {
      if ((known.exp ?? 0) * 1000 > Date.now()) return { name, token: known };
      decoded.delete(key);
      return null;
    }
    try {
      // jose checks `exp` (with 15 s of tolerance) and the authentication tag.
      const token = await decode({ token: value, secret: getAuthSecret(), salt: name });
      if (!token) return null;
      remember(key, token);
      return { name, token };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The session cookie, decoded, or null when absent, tampered with, idle too long, past its absolute
 * lifetime or without the claims a session needs. NOT checked against the database.
 */
export async function readSessionCookie(readCookie: (name: string) => string | undefined): Promise<SessionCookie | null> {
  const cookie = await decodeSessionCookie(readCookie);
  if (!cookie || typeof cookie.token.userId !== 'string' || typeof cookie.token.sessionVersion !== 'number') return null;
  return isWithinAbsoluteLifetime(cookie.token) ? cookie : null;
}

/** The names of the session cookies a request came with, valid or not (to clear them). */
export function presentSessionCookieNames(readCookie: (name: string) => string | undefined): SessionCookieName[] {
  return SESSION_COOKIE_NAMES.filter((name) => !!readCookie(name));
}

/** The decoded session token, or null when absent or refused (see readSessionCookie). */
export async function readSessionToken(readCookie: (name: string) => string | undefined): Promise<JWT | null> {
  return (await readSessionCookie(readCookie))?.token ?? null;
}

export type RenewedCookie = {
  name: SessionCookieName;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number };
};

/**
 * A new cookie for the same session: the claims given (the current ones by default; the sign-in
 * time is always the current cookie's), a fresh idle timeout, but never past the absolute
 * lifetime. Only the server decides the claims: nothing a client sends reaches here.
 */
export async function reissueSessionCookie(cookie: SessionCookie, claims: Pick<JWT, 'sessionVersion'> = {}, now = Date.now()): Promise<RenewedCookie | null> {
  const maxAge = Math.min(SESSION_MAX_AGE_SECONDS, sessionEndsAt(cookie.token) - Math.floor(now / 1000));
  if (maxAge <= 0) return null;
  // encode() sets iat, exp and jti again.
  const { iat: _iat, exp: _exp, jti: _jti, ...current } = cookie.token;
  const token = { ...current, ...claims, auth_time: cookie.token.auth_time };
  const value = await encode({ token, secret: getAuthSecret(), salt: cookie.name, maxAge });
  const secure = cookie.name.startsWith('__Secure-');
  return { name: cookie.name, value, options: { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge } };
}

/**
 * The same session with a fresh expiry, once the cookie is a minute old; null before. Call it only
 * once the session was found valid in the database (getCurrentUser or an equivalent statement).
 */
export async function renewSessionCookie(cookie: SessionCookie, now = Date.now()): Promise<RenewedCookie | null> {
  if (tokenAgeSeconds(cookie.token, now) < RENEW_AFTER_SECONDS) return null;
  return reissueSessionCookie(cookie, {}, now);
}

/** A Set-Cookie that removes a session cookie (the __Secure- one needs the Secure flag to be touched). */
export function clearedSessionCookie(name: SessionCookieName): RenewedCookie {
  return { name, value: '', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: name.startsWith('__Secure-'), maxAge: 0 } };
}

/** Seconds since the token was last issued or renewed. */
export function tokenAgeSeconds(token: JWT, now = Date.now()): number {
  const nowSeconds = Math.floor(now / 1000);
  const exp = token.exp ?? 0;
  // An expiry cut short by the absolute lifetime says nothing of the age: the issue time does.
  if (exp >= sessionEndsAt(token) && typeof token.iat === 'number') return nowSeconds - token.iat;
  return SESSION_MAX_AGE_SECONDS - (exp - nowSeconds);
}

/** What the database says of the session's user (lib/accounts/users.ts findSessionUser). */
export type SessionUserState = { sessionVersion: number; emailVerifiedAt: Date | null; role: string };

/**
 * Whether a decoded token still opens a session: the user exists and is confirmed, nothing has
 * ended their sessions since (sessionVersion), the absolute lifetime of their current role has not
 * passed, and a back-office role was signed in with the second factor (the `mfa` claim, set by the
 * 'second-factor' provider alone: see lib/auth/second-factor/policy.ts). The one rule behind the
 * guards, the proxy's renewal and the live streams.
 */
export function isSessionCurrent(user: SessionUserState | null, token: JWT, now = Date.now()): boolean {
  if (!user || !user.emailVerifiedAt || user.sessionVersion !== token.sessionVersion) return false;
  if (user.role !== 'citizen' && token.mfa !== true) return false;
  return isWithinAbsoluteLifetime(token, user.role, now);
}
