import { encode } from 'next-auth/jwt';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/session-token';
import { getAuthSecret } from '@/lib/security/auth-secret';

// A stand-in for the request's cookie store of next/headers (cookies() needs a Next request
// context), so that vitest runs the real guards and session helpers against a real database.
// Mock only this: vi.mock('next/headers', () => ({ cookies: async () => jar })).

export const SESSION_COOKIE = 'authjs.session-token';

type Options = { path?: string; maxAge?: number; httpOnly?: boolean; secure?: boolean; sameSite?: string };
export type SetCookie = { name: string; value: string; options: Options };

export class CookieJar {
  private readonly values = new Map<string, string>();
  /** Every cookie the code under test set, in order (what the response would carry). */
  readonly sets: SetCookie[] = [];

  get(name: string) {
    const value = this.values.get(name);
    return value === undefined ? undefined : { name, value };
  }

  has(name: string) {
    return this.values.has(name);
  }

  set(name: string, value: string, options: Options = {}) {
    this.sets.push({ name, value, options });
    if (options.maxAge === 0) this.values.delete(name);
    else this.values.set(name, value);
  }

  delete(name: string) {
    this.set(name, '', { maxAge: 0 });
  }

  /** A new request: these cookies, nothing set yet. */
  reset(cookies: Record<string, string> = {}) {
    this.values.clear();
    this.sets.length = 0;
    for (const [name, value] of Object.entries(cookies)) this.values.set(name, value);
  }
}

export type MintOptions = {
  userId: string;
  role?: 'citizen' | 'agent' | 'admin';
  sessionVersion?: number;
  /** Seconds since the sign-in (the absolute lifetime counts from it); null for a token without it. */
  signedInSecondsAgo?: number | null;
  /** Seconds since the cookie was issued or last renewed. */
  ageSeconds?: number;
  /** Opened with the second factor; by default as the sign-in issues it: back-office roles only. */
  mfa?: boolean;
};

/** A session cookie as the sign-in issues it (same secret and salt), with a chosen age. */
export async function mintSessionCookie({ userId, role = 'citizen', sessionVersion = 1, signedInSecondsAgo = 0, ageSeconds = 0, mfa = role !== 'citizen' }: MintOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  // encode() sets iat to now: the age is told by an expiry that much shorter, as tokenAgeSeconds reads it.
  const token: Record<string, unknown> = { sub: userId, userId, role, sessionVersion, mfa };
  if (signedInSecondsAgo !== null) token.auth_time = now - signedInSecondsAgo;
  return encode({ token, secret: getAuthSecret(), salt: SESSION_COOKIE, maxAge: SESSION_MAX_AGE_SECONDS - ageSeconds });
}
