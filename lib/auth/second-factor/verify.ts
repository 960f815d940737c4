import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { recoveryCodes, secondFactors, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { PendingSignIn } from './pending-sign-in';
import { isDemoSecret, requiresSecondFactor } from './policy';
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode } from './recovery-codes';
import type { SecretBox } from './secret-box';
import { clearSecondFactorFailures, getSecondFactorWait, recordSecondFactorFailure } from './throttle';
import { decodeTotpSecret, encodeTotpSecret, matchTotpCode, TOTP_SECRET_BYTES } from './totp';

// The second step of a back-office sign-in: the password was right (the pending sign-in says so);
// now a TOTP code, or a recovery code, or, the first time, the enrolment of an authenticator app.
// Each function returns the user to open a session for, or why not.

export type SecondFactorOptions = {
  box: SecretBox;
  /** Production mode: the published demo secrets open nothing (policy.ts). */
  refuseDemoSecrets: boolean;
  now?: () => number;
};

export type SecondFactorUser = { id: string; email: string; role: 'agent' | 'admin'; sessionVersion: number };

export type SecondFactorFailure =
  /** The pending sign-in no longer matches the account (password, role or factor changed): sign in again. */
  | 'expired'
  | 'wrong-code'
  | 'replayed-code'
  | 'wrong-recovery-code'
  /** Enrolled with a published demo secret while the portal runs in production mode. */
  | 'demo-secret'
  /** The stored secret does not decrypt (the encryption key changed): an administrator must reset it. */
  | 'unreadable';

export type SecondFactorResult =
  | { ok: true; user: SecondFactorUser; recoveryCodes?: string[] }
  | { ok: false; reason: SecondFactorFailure }
  | { ok: false; reason: 'throttled'; waitSeconds: number };

// Failures that count towards the throttle: guesses. The others are not the person's doing.
const GUESSES = new Set<SecondFactorFailure>(['wrong-code', 'replayed-code', 'wrong-recovery-code']);

export function generateTotpSecret(): string {
  return encodeTotpSecret(new Uint8Array(randomBytes(TOTP_SECRET_BYTES)));
}

/** Whether the account has a second factor: decides between the code page and enrolment. */
export async function isEnrolled(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: secondFactors.userId }).from(secondFactors).where(eq(secondFactors.userId, userId));
  return !!row;
}

/** The account the pending sign-in was issued for, if it still is what it was then. */
async function findPendingUser(db: Executor, pending: PendingSignIn): Promise<SecondFactorUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, role: users.role, sessionVersion: users.sessionVersion, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, pending.userId));
  if (!user || !user.emailVerifiedAt || user.sessionVersion !== pending.sessionVersion || !requiresSecondFactor(user.role)) return null;
  return { id: user.id, email: user.email, role: user.role as 'agent' | 'admin', sessionVersion: user.sessionVersion };
}

type Attempt = { ok: true; recoveryCodes?: string[] } | { ok: false; reason: SecondFactorFailure };

/** Checks the pending sign-in and the throttle, runs the attempt, counts or clears failures. */
async function attempt(db: Database, pending: PendingSignIn, method: string, run: (user: SecondFactorUser) => Promise<Attempt>): Promise<SecondFactorResult> {
  const user = await findPendingUser(db, pending);
  if (!user) return { ok: false, reason: 'expired' };
  const wait = await getSecondFactorWait(db, user.id);
  if (wait > 0) {
    await recordAudit(db, { action: 'account.second_factor_throttled', actorId: user.id, targetType: 'user', targetId: user.id, meta: { waitSeconds: wait } });
    return { ok: false, reason: 'throttled', waitSeconds: wait };
  }
  const outcome = await run(user);
  if (!outcome.ok) {
    await recordAudit(db, { action: 'account.second_factor_failed', actorId: user.id, targetType: 'user', targetId: user.id, meta: { method, reason: outcome.reason } });
    if (!GUESSES.has(outcome.reason)) return outcome;
    const delay = await recordSecondFactorFailure(db, user.id);
    return delay > 0 ? { ok: false, reason: 'throttled', waitSeconds: delay } : outcome;
  }
  await clearSecondFactorFailures(db, user.id);
  return { ok: true, user, ...(outcome.recoveryCodes ? { recoveryCodes: outcome.recoveryCodes } : {}) };
}

/** The stored secret, decrypted, unless it is unusable here. */
async function loadSecret(db: Executor, user: SecondFactorUser, options: SecondFactorOptions) {
  const [row] = await db.select().from(secondFactors).where(eq(secondFactors.userId, user.id));
  if (!row) return { ok: false as const, reason: 'expired' as const };
  const secret = options.box.decrypt(user.id, row.secretCiphertext);
  if (!secret) return { ok: false as const, reason: 'unreadable' as const };
  if (options.refuseDemoSecrets && isDemoSecret(secret)) return { ok: false as const, reason: 'demo-secret' as const };
  return { ok: true as const, secret, lastUsedStep: row.lastUsedStep };
}

/** A code from the authenticator app, once per 30-second step. */
export async function verifyTotpSignIn(db: Database, pending: PendingSignIn, code: string, options: SecondFactorOptions): Promise<SecondFactorResult> {
  if (pending.stage !== 'code') return { ok: false, reason: 'expired' };
  return attempt(db, pending, 'totp', async (user) => {
    const loaded = await loadSecret(db, user, options);
    if (!loaded.ok) return loaded;
    const match = matchTotpCode(loaded.secret, code, (options.now ?? Date.now)(), loaded.lastUsedStep);
    if (!match.ok) return { ok: false, reason: match.reason === 'replayed' ? 'replayed-code' : 'wrong-code' };
    // Conditional: of two requests with the same code, one wins and the other is a replay.
    const [used] = await db
      .update(secondFactors)
      .set({ lastUsedStep: match.step })
      .where(and(eq(secondFactors.userId, user.id), lt(secondFactors.lastUsedStep, match.step)))
      .returning({ userId: secondFactors.userId });
    if (!used) return { ok: false, reason: 'replayed-code' };
    await recordAudit(db, { action: 'account.second_factor_signin', actorId: user.id, targetType: 'user', targetId: user.id, meta: { method: 'totp' } });
    return { ok: true };
  });
}

/** A recovery code instead of the app: each one works once. */
export async function verifyRecoveryCodeSignIn(db: Database, pending: PendingSignIn, code: string, options: SecondFactorOptions): Promise<SecondFactorResult> {
  if (pending.stage !== 'code') return { ok: false, reason: 'expired' };
  return attempt(db, pending, 'recovery', async (user) => {
    const loaded = await loadSecret(db, user, options);
    // An unreadable secret does not stop a recovery code: that is what they are for.
    if (!loaded.ok && loaded.reason !== 'unreadable') return loaded;
    if (!looksLikeRecoveryCode(code)) return { ok: false, reason: 'wrong-recovery-code' };
    const [used] = await db
      .update(recoveryCodes)
      .set({ usedAt: sql`now()` })
      .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    if (!used) return { ok: false, reason: 'wrong-recovery-code' };
    const remaining = await db.$count(recoveryCodes, and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
    await recordAudit(db, { action: 'account.recovery_code_used', actorId: user.id, targetType: 'user', targetId: user.id, meta: { remaining } });
    return { ok: true };
  });
}

/**
 * First back-office sign-in: the code proves the app holds the secret on offer. The secret is
 * stored (encrypted, its step marked used) with ten new recovery codes, returned in clear this
 * once. Refused if the account got a second factor in the meantime (another tab, another device).
 */
export async function confirmEnrolment(db: Database, pending: PendingSignIn, code: string, options: SecondFactorOptions): Promise<SecondFactorResult> {
  if (pending.stage !== 'enrol' || !pending.enrolSecret) return { ok: false, reason: 'expired' };
  const secret = decodeTotpSecret(pending.enrolSecret);
  return attempt(db, pending, 'enrolment', async (user) => {
    const match = matchTotpCode(secret, code, (options.now ?? Date.now)(), null);
    if (!match.ok) return { ok: false, reason: 'wrong-code' };
    const codes = generateRecoveryCodes();
    const stored = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(secondFactors)
        .values({ userId: user.id, secretCiphertext: options.box.encrypt(user.id, secret), lastUsedStep: match.step })
        .onConflictDoNothing({ target: secondFactors.userId })
        .returning({ userId: secondFactors.userId });
      if (!row) return false;
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })));
      await recordAudit(tx, { action: 'account.second_factor_enrolled', actorId: user.id, targetType: 'user', targetId: user.id });
      return true;
    });
    return stored ? { ok: true, recoveryCodes: codes } : { ok: false, reason: 'expired' };
  });
}
