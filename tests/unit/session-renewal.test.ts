import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { getAuthSecret, renewSessionCookie, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/session-token';

const NAME = 'authjs.session-token';
const claims = { sub: 'u1', userId: 'u1', role: 'citizen', sessionVersion: 3 };

async function cookieIssued(secondsAgo: number, name: typeof NAME | '__Secure-authjs.session-token' = NAME) {
  const value = await encode({ token: claims, secret: getAuthSecret(), salt: name, maxAge: SESSION_MAX_AGE_SECONDS - secondsAgo });
  return { name, token: (await decode({ token: value, secret: getAuthSecret(), salt: name }))! };
}

describe('renewSessionCookie', () => {
  it('leaves a cookie younger than a minute alone', async () => {
    expect(await renewSessionCookie(await cookieIssued(10))).toBeNull();
  });

  it('re-issues an older one with the same claims and a full 30 minutes', async () => {
    const renewed = await renewSessionCookie(await cookieIssued(25 * 60));
    expect(renewed).toMatchObject({ name: NAME, options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false, maxAge: SESSION_MAX_AGE_SECONDS } });
    const token = await decode({ token: renewed!.value, secret: getAuthSecret(), salt: NAME });
    expect(token).toMatchObject(claims);
    expect(token!.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(SESSION_MAX_AGE_SECONDS - 5);
  });

  it('keeps the Secure flag of the HTTPS cookie', async () => {
    const renewed = await renewSessionCookie(await cookieIssued(120, '__Secure-authjs.session-token'));
    expect(renewed?.options.secure).toBe(true);
  });
});
