import { describe, expect, it } from 'vitest';
import { waitText } from '@/app/connexion/wait-text';
import { addDeviceClaim, createDeviceNonce, DEVICE_COOKIE_MAX_AGE_SECONDS, readDeviceCookie, signDeviceClaim } from '@/lib/security/device-cookie';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const NOW = 1_800_000_000;
const alice = { userId: '11111111-1111-4111-8111-111111111111', nonce: createDeviceNonce() };
const bob = { userId: '22222222-2222-4222-8222-222222222222', nonce: createDeviceNonce() };

describe('device cookie', () => {
  it('says which accounts this browser signed in to, newest first', () => {
    const once = addDeviceClaim(SECRET, undefined, alice, NOW);
    const twice = addDeviceClaim(SECRET, once, bob, NOW);
    expect(readDeviceCookie(SECRET, twice, NOW)).toEqual([bob, alice]);
  });

  it('replaces the token of an account that signs in again (a fresh nonce each success) and keeps at most five', () => {
    const renewed = { ...alice, nonce: createDeviceNonce() };
    const value = addDeviceClaim(SECRET, addDeviceClaim(SECRET, addDeviceClaim(SECRET, undefined, alice, NOW), bob, NOW), renewed, NOW);
    expect(readDeviceCookie(SECRET, value, NOW)).toEqual([renewed, bob]);
    let many: string | undefined;
    for (let i = 0; i < 7; i += 1) many = addDeviceClaim(SECRET, many, { userId: `3333333${i}-3333-4333-8333-333333333333`, nonce: createDeviceNonce() }, NOW);
    expect(readDeviceCookie(SECRET, many, NOW)).toHaveLength(5);
  });

  it('ignores forged, tampered, foreign-key and expired tokens', () => {
    const genuine = signDeviceClaim(SECRET, alice, NOW);
    expect(readDeviceCookie(SECRET, genuine, NOW)).toEqual([alice]);
    // Another account's id with alice's signature.
    expect(readDeviceCookie(SECRET, genuine.replace(alice.userId, bob.userId), NOW)).toEqual([]);
    // Signed with another secret.
    expect(readDeviceCookie(SECRET, signDeviceClaim('another-secret-of-at-least-thirty-two-chars', alice, NOW), NOW)).toEqual([]);
    // A flipped signature character.
    const last = genuine.at(-1) === 'A' ? 'B' : 'A';
    expect(readDeviceCookie(SECRET, genuine.slice(0, -1) + last, NOW)).toEqual([]);
    // Older than a year.
    expect(readDeviceCookie(SECRET, genuine, NOW + DEVICE_COOKIE_MAX_AGE_SECONDS + 1)).toEqual([]);
    for (const junk of ['', 'x', `${genuine}~garbage`, 'd1.' + 'a'.repeat(3000)]) {
      expect(readDeviceCookie(SECRET, junk, NOW)).toEqual(junk.startsWith(genuine) ? [alice] : []);
    }
  });
});

describe('the announced wait', () => {
  it('is the real wait, in words', () => {
    expect(waitText(1)).toBe('1 seconde');
    expect(waitText(45)).toBe('45 secondes');
    expect(waitText(65)).toBe('65 secondes');
    expect(waitText(64.2)).toBe('65 secondes');
    expect(waitText(120)).toBe('2 minutes');
    expect(waitText(130)).toBe('2 minutes et 10 secondes');
    expect(waitText(241)).toBe('4 minutes et 1 seconde');
    expect(waitText(3600)).toBe('1 heure');
    expect(waitText(3661)).toBe('1 heure et 2 minutes');
    expect(waitText(24 * 3600 - 2)).toBe('24 heures');
    expect(waitText(24 * 3600 - 65)).toBe('23 heures et 59 minutes');
  });
});
