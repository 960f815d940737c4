import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { timingSafeEqual } from 'node:crypto';
import { normalizeTotpCode } from './code-format';

export { normalizeTotpCode };

// TOTP as authenticator apps expect it (RFC 6238): HMAC-SHA-1, 30-second steps, 6 digits.
// A TOTP code is the HOTP code (RFC 4226) of the step number, which lets the portal know WHICH
// step a code belongs to and refuse it once that step has been used.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** 160 bits, the size RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;
/**
 * Steps accepted on either side of the server's: one (RFC 6238 §5.2 recommends at most one step
 * of network delay), which also absorbs a phone clock up to about 30 seconds off.
 */
export const TOTP_WINDOW_STEPS = 1;

export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

export function generateTotpCode(secret: Uint8Array, step: number): string {
  return generateHOTP(secret, BigInt(step), TOTP_DIGITS);
}


export type TotpMatch = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/**
 * The step a code belongs to, within the window around `nowMs`, provided it is later than the
 * last step already used; 'replayed' when the code is right but its step (or a later one) was used.
 * Every candidate is compared in constant time.
 */
export function matchTotpCode(secret: Uint8Array, input: string, nowMs: number, lastUsedStep: number | null): TotpMatch {
  const code = normalizeTotpCode(input);
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
  const current = timeStep(nowMs);
  let accepted: number | null = null;
  let replayed = false;
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step += 1) {
    if (!timingSafeEqual(Buffer.from(generateTotpCode(secret, step)), Buffer.from(code))) continue;
    // A code can match two steps (1 chance in a million): an unused one wins.
    if (lastUsedStep !== null && step <= lastUsedStep) replayed = true;
    else accepted ??= step;
  }
  if (accepted !== null) return { ok: true, step: accepted };
  return { ok: false, reason: replayed ? 'replayed' : 'invalid' };
}

export function encodeTotpSecret(secret: Uint8Array): string {
  return encodeBase32NoPadding(secret);
}

/** Base32 as apps and password managers show it; case, spaces and padding ignored. */
export function decodeTotpSecret(base32: string): Uint8Array {
  return decodeBase32IgnorePadding(base32.replace(/\s/g, '').toUpperCase());
}

/** "ABCD EFGH …": groups of four are easier to read aloud and to copy by hand. */
export function groupTotpSecret(base32: string): string {
  return base32.match(/.{1,4}/g)?.join(' ') ?? base32;
}

/** The otpauth:// URI of the QR code (Key Uri Format): "issuer:account", SHA1, 30 s, 6 digits. */
export function totpKeyUri(issuer: string, accountName: string, secret: Uint8Array): string {
  return createTOTPKeyURI(issuer, accountName, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}
