import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { getEnv } from '@/lib/env';
import { getAuthSecret } from '@/lib/security/auth-secret';

// Between the password and the second factor a back-office user has NO session: only this
// cookie, encrypted (JWE, key derived from AUTH_SECRET with its own salt, so it can never pass
// for a session cookie), HttpOnly, limited to /connexion, ten minutes. It proves the password
// step and carries, during enrolment, the secret being set up. It opens nothing by itself: the
// second step still needs a code, its sessionVersion must still match (a password change, a reset
// of the second factor or a role change voids it), and it is cleared once used.

export const PENDING_SIGN_IN_SECONDS = 10 * 60;

export type PendingSignIn = {
  userId: string;
  sessionVersion: number;
  email: string;
  /** 'code': enrolled, a code is expected. 'enrol': not enrolled yet, `enrolSecret` is on offer. */
  stage: 'code' | 'enrol';
  /** Base32; only while enrolling. */
  enrolSecret?: string;
};

type CookieOptions = { httpOnly: true; sameSite: 'lax'; secure: boolean; path: string; maxAge: number };

function secureCookies(): boolean {
  return getEnv().publicOrigin.startsWith('https://');
}

function cookieName(base: string): string {
  return secureCookies() ? `__Secure-${base}` : base;
}

function cookieOptions(path: string, maxAge: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: secureCookies(), path, maxAge };
}

const PENDING = 'portail.connexion-en-cours';
const CODES = 'portail.codes-de-secours';
/** Where the recovery codes are shown once, right after enrolment. */
export const RECOVERY_CODES_PATH = '/connexion/codes-de-secours';

async function seal(salt: string, payload: Record<string, unknown>, maxAge: number): Promise<string> {
  return encode({ token: payload, secret: getAuthSecret(), salt, maxAge });
}

async function unseal(salt: string, value: string | undefined): Promise<Record<string, unknown> | null> {
  if (!value) return null;
  try {
    // jose checks the authentication tag and `exp`.
    return (await decode({ token: value, secret: getAuthSecret(), salt })) as Record<string, unknown> | null;
  } catch {
    return null;
  }
}

export async function encodePendingSignIn(pending: PendingSignIn): Promise<string> {
  const { userId, sessionVersion, email, stage, enrolSecret } = pending;
  return seal(PENDING, { sub: userId, sv: sessionVersion, email, stage, ...(enrolSecret ? { secret: enrolSecret } : {}) }, PENDING_SIGN_IN_SECONDS);
}

export async function decodePendingSignIn(value: string | undefined): Promise<PendingSignIn | null> {
  const token = await unseal(PENDING, value);
  if (!token || typeof token.sub !== 'string' || typeof token.sv !== 'number' || typeof token.email !== 'string') return null;
  if (token.stage === 'code') return { userId: token.sub, sessionVersion: token.sv, email: token.email, stage: 'code' };
  if (token.stage === 'enrol' && typeof token.secret === 'string') {
    return { userId: token.sub, sessionVersion: token.sv, email: token.email, stage: 'enrol', enrolSecret: token.secret };
  }
  return null;
}

export async function setPendingSignIn(pending: PendingSignIn): Promise<void> {
  (await cookies()).set(cookieName(PENDING), await encodePendingSignIn(pending), cookieOptions('/connexion', PENDING_SIGN_IN_SECONDS));
}

/** The pending sign-in of this browser, or null when absent, altered or older than ten minutes. */
export async function readPendingSignIn(): Promise<PendingSignIn | null> {
  return decodePendingSignIn((await cookies()).get(cookieName(PENDING))?.value);
}

export async function clearPendingSignIn(): Promise<void> {
  (await cookies()).set(cookieName(PENDING), '', cookieOptions('/connexion', 0));
}

/** The new recovery codes, for the one page that shows them (same protection, same ten minutes). */
export async function setRecoveryCodesToShow(userId: string, codes: string[]): Promise<void> {
  const value = await seal(CODES, { sub: userId, codes }, PENDING_SIGN_IN_SECONDS);
  (await cookies()).set(cookieName(CODES), value, cookieOptions(RECOVERY_CODES_PATH, PENDING_SIGN_IN_SECONDS));
}

export async function readRecoveryCodesToShow(userId: string): Promise<string[] | null> {
  const token = await unseal(CODES, (await cookies()).get(cookieName(CODES))?.value);
  if (!token || token.sub !== userId || !Array.isArray(token.codes)) return null;
  return token.codes.filter((code): code is string => typeof code === 'string');
}

export async function clearRecoveryCodesToShow(): Promise<void> {
  (await cookies()).set(cookieName(CODES), '', cookieOptions(RECOVERY_CODES_PATH, 0));
}
