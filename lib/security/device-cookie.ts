import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// OWASP "Slow Down Online Guessing Attacks with Device Cookies": after a successful sign-in the
// browser keeps a signed token saying "this browser has signed in to account X before". Sign-in
// attempts that carry a valid token for the account being tried are counted on that token's own
// counter, not on the account's counter for unknown clients: a stranger who makes the account wait
// does not make its owner's browser wait. Pure functions (the secret is passed in); reading and
// writing the cookie is lib/auth/sign-in-request.ts.
//
// One cookie holds up to MAX_ENTRIES tokens (a shared family computer), newest first:
//   d1.<userId>.<nonce>.<issuedAt base36>.<HMAC-SHA256 base64url>  joined by "~".
// The nonce identifies the token for its failure counter; a fresh one is issued on each success.

export type DeviceClaim = { userId: string; nonce: string };

export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;
const VERSION = 'd1';
const MAX_ENTRIES = 5;
const MAX_COOKIE_LENGTH = 2048;
const ENTRY = /^d1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

function deriveKey(secret: string): Buffer {
  // A key of its own, so a device token can never pass for anything else signed with AUTH_SECRET.
  return createHmac('sha256', secret).update('portail:device-cookie:v1').digest();
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', deriveKey(secret)).update(payload).digest('base64url');
}

export function createDeviceNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function signDeviceClaim(secret: string, claim: DeviceClaim, issuedAtSeconds = Math.floor(Date.now() / 1000)): string {
  const payload = `${VERSION}.${claim.userId}.${claim.nonce}.${issuedAtSeconds.toString(36)}`;
  return `${payload}.${sign(secret, payload)}`;
}

function verifyEntry(secret: string, entry: string, nowSeconds: number): DeviceClaim | null {
  const match = ENTRY.exec(entry);
  if (!match) return null;
  const [, userId, nonce, issuedAt, signature] = match;
  const expected = Buffer.from(sign(secret, entry.slice(0, entry.lastIndexOf('.'))));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const age = nowSeconds - parseInt(issuedAt, 36);
  if (!(age >= -300 && age <= DEVICE_COOKIE_MAX_AGE_SECONDS)) return null;
  return { userId, nonce };
}

function validEntries(secret: string, value: string | undefined, nowSeconds: number): { entry: string; claim: DeviceClaim }[] {
  if (!value || value.length > MAX_COOKIE_LENGTH) return [];
  return value
    .split('~')
    .slice(0, MAX_ENTRIES)
    .map((entry) => ({ entry, claim: verifyEntry(secret, entry, nowSeconds) }))
    .filter((item): item is { entry: string; claim: DeviceClaim } => item.claim !== null);
}

/** The accounts this browser has signed in to before; forged, expired or malformed entries are ignored. */
export function readDeviceCookie(secret: string, value: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): DeviceClaim[] {
  return validEntries(secret, value, nowSeconds).map((item) => item.claim);
}

/** The cookie value after a successful sign-in: a fresh token for this account first, the others kept. */
export function addDeviceClaim(secret: string, value: string | undefined, claim: DeviceClaim, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const others = validEntries(secret, value, nowSeconds)
    .filter((item) => item.claim.userId !== claim.userId)
    .map((item) => item.entry);
  return [signDeviceClaim(secret, claim, nowSeconds), ...others].slice(0, MAX_ENTRIES).join('~');
}
