import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { isSessionCurrent, readSessionCookie, renewSessionCookie, reissueSessionCookie, SESSION_MAX_AGE_SECONDS, tokenAgeSeconds } from '@/lib/auth/session-token';
import { getAuthSecret } from '@/lib/security/auth-secret';

const NAME = 'authjs.session-token';
const HOUR = 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const signedIn = nowSeconds() - 2 * HOUR;
const claims = { sub: 'u1', userId: 'u1', role: 'citizen', sessionVersion: 3, auth_time: signedIn };

async function cookieIssued(secondsAgo: number, name: typeof NAME | '__Secure-authjs.session-token' = NAME, token: Record<string, unknown> = claims) {
  const value = await encode({ token, secret: getAuthSecret(), salt: name, maxAge: SESSION_MAX_AGE_SECONDS - secondsAgo });
  return { name, value, token: (await decode({ token: value, secret: getAuthSecret(), salt: name }))! };
}

describe('renewSessionCookie', () => {
  it('leaves a cookie younger than a minute alone', async () => {
    expect(await renewSessionCookie(await cookieIssued(10))).toBeNull();
  });

  it('re-issues an older one with the same claims, the same sign-in time and a full 30 minutes', async () => {
    const renewed = await renewSessionCookie(await cookieIssued(25 * 60));
    expect(renewed).toMatchObject({ name: NAME, options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false, maxAge: SESSION_MAX_AGE_SECONDS } });
    const token = await decode({ token: renewed!.value, secret: getAuthSecret(), salt: NAME });
    expect(token).toMatchObject(claims);
    expect(token!.auth_time).toBe(signedIn);
    expect(token!.exp! - nowSeconds()).toBeGreaterThan(SESSION_MAX_AGE_SECONDS - 5);
  });

  it('keeps the Secure flag of the HTTPS cookie', async () => {
    const renewed = await renewSessionCookie(await cookieIssued(120, '__Secure-authjs.session-token'));
    expect(renewed?.options.secure).toBe(true);
  });

  it('never extends a session past its absolute lifetime (12 h for a citizen, 8 h for an agent)', async () => {
    const citizen = await cookieIssued(25 * 60, NAME, { ...claims, auth_time: nowSeconds() - (12 * HOUR - 10 * 60) });
    const renewed = await renewSessionCookie(citizen);
    expect(renewed!.options.maxAge).toBeLessThanOrEqual(10 * 60);
    expect(renewed!.options.maxAge).toBeGreaterThan(10 * 60 - 5);
    const token = (await decode({ token: renewed!.value, secret: getAuthSecret(), salt: NAME }))!;
    expect(token.exp! - nowSeconds()).toBeLessThanOrEqual(10 * 60);

    const agent = await cookieIssued(25 * 60, NAME, { ...claims, role: 'agent', auth_time: nowSeconds() - (8 * HOUR - 10 * 60) });
    expect((await renewSessionCookie(agent))!.options.maxAge).toBeLessThanOrEqual(10 * 60);
    // Past the limit, nothing is re-issued at all.
    const over = await cookieIssued(25 * 60, NAME, { ...claims, role: 'agent', auth_time: nowSeconds() - 8 * HOUR - 1 });
    expect(await reissueSessionCookie(over)).toBeNull();
  });

  it('re-issues with a server-given session version, and nothing else changes', async () => {
    const reissued = await reissueSessionCookie(await cookieIssued(5), { sessionVersion: 4 });
    const token = await decode({ token: reissued!.value, secret: getAuthSecret(), salt: NAME });
    expect(token).toMatchObject({ ...claims, sessionVersion: 4, auth_time: signedIn });
  });
});

describe('tokenAgeSeconds', () => {
  it('reads the age from the expiry, or from the issue time when the absolute lifetime cut the expiry short', async () => {
    expect(tokenAgeSeconds((await cookieIssued(20 * 60)).token)).toBeGreaterThanOrEqual(20 * 60);
    // Issued just now, expiring in 10 minutes because the 12 hours end then: a fresh cookie, not a 20-minute-old one.
    const capped = await encode({ token: { ...claims, auth_time: nowSeconds() - 12 * HOUR + 10 * 60 }, secret: getAuthSecret(), salt: NAME, maxAge: 10 * 60 });
    const token = (await decode({ token: capped, secret: getAuthSecret(), salt: NAME }))!;
    expect(tokenAgeSeconds(token)).toBeLessThan(5);
    expect(tokenAgeSeconds(token, Date.now() + 90_000)).toBeGreaterThanOrEqual(90);
  });
});

describe('readSessionCookie', () => {
  it('refuses a cookie past its absolute lifetime or without a sign-in time, even when freshly renewed', async () => {
    const read = async (token: Record<string, unknown>) => {
      const { value } = await cookieIssued(0, NAME, token);
      return readSessionCookie((name) => (name === NAME ? value : undefined));
    };
    expect(await read(claims)).toMatchObject({ name: NAME, token: { userId: 'u1' } });
    expect(await read({ ...claims, auth_time: nowSeconds() - 12 * HOUR - 1 })).toBeNull();
    expect(await read({ ...claims, role: 'admin', auth_time: nowSeconds() - 8 * HOUR - 1 })).toBeNull();
    expect(await read({ ...claims, auth_time: undefined })).toBeNull();
    expect(await read({ ...claims, sessionVersion: undefined })).toBeNull();
  });
});

describe('isSessionCurrent', () => {
  const token = { ...claims };
  const user = { sessionVersion: 3, emailVerifiedAt: new Date(), role: 'citizen' };

  it('accepts the matching version of a confirmed user within the lifetime of the database role', () => {
    expect(isSessionCurrent(user, token)).toBe(true);
    expect(isSessionCurrent(null, token)).toBe(false);
    expect(isSessionCurrent({ ...user, sessionVersion: 4 }, token)).toBe(false);
    expect(isSessionCurrent({ ...user, emailVerifiedAt: null }, token)).toBe(false);
    // Signed in two hours ago: over for nobody yet; 9 hours ago: over for an agent, not a citizen.
    const nine = { ...token, auth_time: nowSeconds() - 9 * HOUR };
    expect(isSessionCurrent(user, nine)).toBe(true);
    expect(isSessionCurrent({ ...user, role: 'agent' }, nine)).toBe(false);
  });
});
