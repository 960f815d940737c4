import 'server-only';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { getEnv } from '@/lib/env';

// Reading the session cookie directly: one decryption, where Auth.js's auth() runs its whole
// session endpoint (decrypt, callbacks, re-encrypt, response). Guards and the proxy run on every
// request, autosave included, so this matters (see `npm run bench`).

export const SESSION_MAX_AGE_SECONDS = 30 * 60;

/** An active session's cookie is re-issued at most once a minute (an encryption and a Set-Cookie each time). */
export const RENEW_AFTER_SECONDS = 60;

/** Auth.js names the cookie after the scheme; the name is also the key-derivation salt. */
const SESSION_COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

export function getAuthSecret(): string {
  // Production requires AUTH_SECRET (checked at start-up); development gets a fixed local secret.
  return getEnv().AUTH_SECRET ?? 'development-only-secret-never-used-in-production-0000';
}

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

/** The session cookie, decoded, or null when absent, tampered with or expired. */
export async function readSessionCookie(readCookie: (name: string) => string | undefined): Promise<SessionCookie | null> {
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

/** The decoded session token, or null when absent, tampered with or expired. */
export async function readSessionToken(readCookie: (name: string) => string | undefined): Promise<JWT | null> {
  return (await readSessionCookie(readCookie))?.token ?? null;
}

export type RenewedCookie = {
  name: SessionCookieName;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number };
};

/**
 * The same session with a fresh expiry, as Auth.js re-issues it, once the cookie is a minute old;
 * null before. For the autosave endpoint, which the proxy skips: typing is activity.
 */
export async function renewSessionCookie(cookie: SessionCookie, now = Date.now()): Promise<RenewedCookie | null> {
  if (tokenAgeSeconds(cookie.token, now) < RENEW_AFTER_SECONDS) return null;
  // encode() sets iat, exp and jti again.
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = cookie.token;
  const value = await encode({ token: claims, secret: getAuthSecret(), salt: cookie.name, maxAge: SESSION_MAX_AGE_SECONDS });
  const secure = cookie.name.startsWith('__Secure-');
  return { name: cookie.name, value, options: { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: SESSION_MAX_AGE_SECONDS } };
}

/** Seconds since the token was last issued or renewed. */
export function tokenAgeSeconds(token: JWT, now = Date.now()): number {
  return SESSION_MAX_AGE_SECONDS - ((token.exp ?? 0) - Math.floor(now / 1000));
}
