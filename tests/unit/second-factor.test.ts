import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { DEMO_TOTP_SECRETS } from '@/db/seed/demo-second-factor';
import { getAuthSecret } from '@/lib/security/auth-secret';
import { decodePendingSignIn, encodePendingSignIn, type PendingSignIn } from '@/lib/auth/second-factor/pending-sign-in';
import { isDemoSecret, refusesDemoSecrets, sessionSatisfiesSecondFactor } from '@/lib/auth/second-factor/policy';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  RECOVERY_CODE_COUNT,
} from '@/lib/auth/second-factor/recovery-codes';
import { recoveryCodeSchema, totpCodeSchema } from '@/lib/auth/second-factor/schemas';
import { createSecretBox } from '@/lib/auth/second-factor/secret-box';
import {
  decodeTotpSecret,
  encodeTotpSecret,
  generateTotpCode,
  groupTotpSecret,
  matchTotpCode,
  timeStep,
  totpKeyUri,
} from '@/lib/auth/second-factor/totp';
import { formatWait } from '@/lib/auth/second-factor/wait-text';
import { refusalMessage } from '@/app/admin/agents/messages';
import { refuseSecondFactorReset as refuseSecondFactorResetReason } from '@/lib/administration/role-rules';
import { ConfigError, parseEnv } from '@/lib/env';

// RFC 6238, appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; the 8-digit
// codes end with the 6 digits authenticator apps show.
// The rule gives a reason; the agents page words it (app/admin/agents/messages.ts).
const refuseSecondFactorReset = (...args: Parameters<typeof refuseSecondFactorResetReason>) => {
  const reason = refuseSecondFactorResetReason(...args);
  return reason ? refusalMessage(reason) : null;
};

const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('TOTP codes (RFC 6238, SHA-1, 30 s, 6 digits)', () => {
  it('match the RFC test vectors', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(generateTotpCode(RFC_SECRET, timeStep(seconds * 1000))).toBe(code);
  });

  it('accept the current step and one step either side, not two', () => {
    const now = 1111111111_000;
    const step = timeStep(now);
    for (const offset of [-1, 0, 1]) {
      expect(matchTotpCode(RFC_SECRET, generateTotpCode(RFC_SECRET, step + offset), now, null)).toEqual({ ok: true, step: step + offset });
    }
    for (const offset of [-2, 2, 10]) {
      expect(matchTotpCode(RFC_SECRET, generateTotpCode(RFC_SECRET, step + offset), now, null)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuse a code of a step already used, or earlier, as a replay', () => {
    const now = 1234567890_000;
    const step = timeStep(now);
    const code = generateTotpCode(RFC_SECRET, step);
    expect(matchTotpCode(RFC_SECRET, code, now, step - 1)).toEqual({ ok: true, step });
    expect(matchTotpCode(RFC_SECRET, code, now, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(matchTotpCode(RFC_SECRET, code, now, step + 1)).toEqual({ ok: false, reason: 'replayed' });
    // Still within the window 29 seconds later: still a replay.
    expect(matchTotpCode(RFC_SECRET, code, now + 29_000, step)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('ignore spaces and dashes people type, and refuse anything but six digits', () => {
    const now = 59_000;
    expect(matchTotpCode(RFC_SECRET, '287 082', now, null).ok).toBe(true);
    expect(matchTotpCode(RFC_SECRET, '287-082', now, null).ok).toBe(true);
    for (const bad of ['', '28708', '2870822', 'abcdef', '28708２']) expect(matchTotpCode(RFC_SECRET, bad, now, null)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('show the secret in base32 groups and in an otpauth URI that apps read', () => {
    const base32 = encodeTotpSecret(RFC_SECRET);
    expect(base32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(groupTotpSecret(base32)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    expect(decodeTotpSecret('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(RFC_SECRET);
    const uri = new URL(totpKeyUri('Portail des démarches', 'agent@mairie.fr', RFC_SECRET));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(base32);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});

describe('recovery codes', () => {
  it('are ten, distinct, readable (no 0/o, 1/l/i) and about 79 bits each', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
    }
  });

  it('are stored as a SHA-256 that ignores case, spaces and dashes, and does not contain the code', () => {
    const [code] = generateRecoveryCodes(1);
    const hash = hashRecoveryCode(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code.toUpperCase().replace(/-/g, ' '))).toBe(hash);
    expect(hash).not.toContain(code.replace(/-/g, ''));
    expect(hashRecoveryCode(generateRecoveryCodes(1)[0])).not.toBe(hash);
  });

  it('and TOTP codes are checked by the forms’ schemas', () => {
    expect(totpCodeSchema.safeParse({ code: ' 123 456 ' }).success).toBe(true);
    expect(totpCodeSchema.safeParse({ code: '12345' }).success).toBe(false);
    expect(recoveryCodeSchema.safeParse({ code: 'ABCD EFGH JKMN PQRS' }).success).toBe(true);
    expect(recoveryCodeSchema.safeParse({ code: 'abcd-efgh-jkmn-pqr0' }).success).toBe(false);
  });
});

describe('stored secrets (AES-256-GCM)', () => {
  const box = createSecretBox('a key of the portal, at least thirty-two characters');

  it('decrypt for the same account and key only; altered ciphertexts are refused', () => {
    const sealed = box.encrypt('user-1', RFC_SECRET);
    expect(sealed).not.toContain(encodeTotpSecret(RFC_SECRET));
    expect(box.encrypt('user-1', RFC_SECRET)).not.toBe(sealed);
    expect(box.decrypt('user-1', sealed)).toEqual(RFC_SECRET);
    // Copied onto another account's row:
    expect(box.decrypt('user-2', sealed)).toBeNull();
    expect(createSecretBox('another key of the portal, thirty-two characters').decrypt('user-1', sealed)).toBeNull();
    const [version, iv, body] = sealed.split(':');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(box.decrypt('user-1', [version, iv, flipped.toString('base64url')].join(':'))).toBeNull();
    expect(box.decrypt('user-1', 'not a ciphertext')).toBeNull();
  });
});

describe('policy', () => {
  it('requires the second factor for agents and administrators only', () => {
    expect(sessionSatisfiesSecondFactor('citizen', false)).toBe(true);
    expect(sessionSatisfiesSecondFactor('agent', false)).toBe(false);
    expect(sessionSatisfiesSecondFactor('admin', false)).toBe(false);
    expect(sessionSatisfiesSecondFactor('agent', true)).toBe(true);
    expect(sessionSatisfiesSecondFactor('admin', true)).toBe(true);
  });

  it('refuses the published demo secrets in production mode only', () => {
    expect(refusesDemoSecrets({ NODE_ENV: 'production', PORTAL_MODE: 'production' })).toBe(true);
    expect(refusesDemoSecrets({ NODE_ENV: 'production', PORTAL_MODE: 'demo' })).toBe(false);
    expect(refusesDemoSecrets({ NODE_ENV: 'development', PORTAL_MODE: 'production' })).toBe(false);
    expect(isDemoSecret(decodeTotpSecret(DEMO_TOTP_SECRETS.agent))).toBe(true);
    expect(isDemoSecret(decodeTotpSecret(DEMO_TOTP_SECRETS.admin))).toBe(true);
    expect(isDemoSecret(RFC_SECRET)).toBe(false);
  });

  it('lets an administrator reset another back-office user’s second factor, not their own, not a citizen’s', () => {
    expect(refuseSecondFactorReset('a', { id: 'b', role: 'agent' })).toBeNull();
    expect(refuseSecondFactorReset('a', { id: 'b', role: 'admin' })).toBeNull();
    expect(refuseSecondFactorReset('a', { id: 'a', role: 'admin' })).toContain('votre propre double authentification');
    expect(refuseSecondFactorReset('a', { id: 'b', role: 'citizen' })).toContain('n’a pas accès');
  });

  it('wants a TOTP_ENCRYPTION_KEY of 32 characters or more, when set', () => {
    expect(() => parseEnv({ TOTP_ENCRYPTION_KEY: 'too short' })).toThrow(ConfigError);
    expect(() => parseEnv({ TOTP_ENCRYPTION_KEY: 'too short' })).toThrow(/TOTP_ENCRYPTION_KEY must be at least 32 characters/);
    expect(parseEnv({ TOTP_ENCRYPTION_KEY: 'k'.repeat(32) }).TOTP_ENCRYPTION_KEY).toBe('k'.repeat(32));
    expect(parseEnv({ TOTP_ENCRYPTION_KEY: '' }).TOTP_ENCRYPTION_KEY).toBeUndefined();
  });

  it('says the real wait', () => {
    expect(formatWait(1)).toBe('1 seconde');
    expect(formatWait(65)).toBe('65 secondes');
    expect(formatWait(130)).toBe('2 minutes et 10 secondes');
    expect(formatWait(600)).toBe('10 minutes');
    expect(formatWait(3600)).toBe('1 heure');
    expect(formatWait(86400)).toBe('24 heures');
  });
});

describe('the pending sign-in cookie', () => {
  const pending: PendingSignIn = { userId: 'u1', sessionVersion: 4, email: 'agent@mairie.fr', stage: 'enrol', enrolSecret: 'GEZDGNBVGY3TQOJQ' };

  it('round-trips, and refuses an altered value', async () => {
    const value = await encodePendingSignIn(pending);
    expect(value).not.toContain('GEZDGNBV');
    expect(await decodePendingSignIn(value)).toEqual(pending);
    expect(await decodePendingSignIn(`${value.slice(0, -2)}xx`)).toBeNull();
    expect(await decodePendingSignIn(undefined)).toBeNull();
  });

  it('cannot pass for a session cookie, nor a session cookie for it (keys derived with different salts)', async () => {
    const session = await encode({ token: { sub: 'u1', userId: 'u1', role: 'agent', sessionVersion: 4, mfa: true }, secret: getAuthSecret(), salt: 'authjs.session-token' });
    expect(await decodePendingSignIn(session)).toBeNull();
    const { decode } = await import('next-auth/jwt');
    await expect(decode({ token: await encodePendingSignIn(pending), secret: getAuthSecret(), salt: 'authjs.session-token' })).rejects.toThrow();
  });
});
