import { describe, expect, it } from 'vitest';
import { createRawToken, hashToken, isWellFormedToken } from '@/lib/security/tokens';
import { CLIENT_FAILURES, DEVICE_FAILURES, delayAfterFailures } from '@/lib/security/rate-limit';
import { TOKEN_LIFETIME_SECONDS } from '@/lib/accounts/email-tokens';

describe('emailed tokens', () => {
  it('are 256-bit random, URL-safe, and never repeat', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => createRawToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(isWellFormedToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as a SHA-256 that does not reveal them', () => {
    const token = createRawToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
  });

  it('refuses malformed tokens before any database look-up', () => {
    for (const bad of ['', 'abc', `${createRawToken()}x`, "' or 1=1 --", '../../etc/passwd', 'a'.repeat(42) + '=']) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });

  it('expire after one hour for a password reset and a day for address confirmations', () => {
    expect(TOKEN_LIFETIME_SECONDS.reset_password).toBe(3600);
    expect(TOKEN_LIFETIME_SECONDS.confirm_signup).toBe(24 * 3600);
    expect(TOKEN_LIFETIME_SECONDS.change_email).toBe(24 * 3600);
  });
});

describe('sign-in slow-down after failures', () => {
  it('lets four failures pass, then waits over a minute, doubling, at most an hour, and a day after 25', () => {
    expect([1, 2, 3, 4].map((n) => delayAfterFailures(n))).toEqual([0, 0, 0, 0]);
    expect(delayAfterFailures(5)).toBe(65);
    expect(delayAfterFailures(5)).toBeGreaterThan(60);
    expect(delayAfterFailures(6)).toBe(2 * delayAfterFailures(5));
    expect(delayAfterFailures(7)).toBe(4 * delayAfterFailures(5));
    expect(delayAfterFailures(20)).toBe(3600);
    expect(delayAfterFailures(25)).toBe(24 * 3600);
  });
});

describe('slow-down of a known browser and of one client address', () => {
  it('gives a known browser the same curve as an account, on its own counter', () => {
    for (const n of [1, 4, 5, 6, 20, 25]) expect(delayAfterFailures(n, DEVICE_FAILURES)).toBe(delayAfterFailures(n));
  });

  it('lets one address fail 30 times (a household, an office), then slows it like an account, and stops it for a day after 200', () => {
    expect(delayAfterFailures(30, CLIENT_FAILURES)).toBe(0);
    expect(delayAfterFailures(31, CLIENT_FAILURES)).toBe(65);
    expect(delayAfterFailures(32, CLIENT_FAILURES)).toBe(130);
    expect(delayAfterFailures(60, CLIENT_FAILURES)).toBe(3600);
    expect(delayAfterFailures(199, CLIENT_FAILURES)).toBe(3600);
    expect(delayAfterFailures(200, CLIENT_FAILURES)).toBe(24 * 3600);
  });
});
