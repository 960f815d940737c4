import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, rateLimits, recoveryCodes, secondFactors, users } from '@/db/schema';
import { DEMO_TOTP_SECRETS, seedDatabase, DEMO_ACCOUNTS } from '@/db/seed';
import { rateLimitKey } from '@/lib/security/rate-limit';
import { AdminRequiredError } from '@/lib/administration/admin-actor';
import { resetSecondFactor } from '@/lib/administration/reset-second-factor';
import type { PendingSignIn } from '@/lib/auth/second-factor/pending-sign-in';
import { hashRecoveryCode } from '@/lib/auth/second-factor/recovery-codes';
import { createSecretBox } from '@/lib/auth/second-factor/secret-box';
import { decodeTotpSecret, generateTotpCode, timeStep } from '@/lib/auth/second-factor/totp';
import {
  confirmEnrolment,
  generateTotpSecret,
  isEnrolled,
  verifyRecoveryCodeSignIn,
  verifyTotpSignIn,
  type SecondFactorOptions,
} from '@/lib/auth/second-factor/verify';
import { agentsResult } from '@/app/admin/agents/messages';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { enrolSecondFactor } from '../helpers/second-factor';

let db: TestDatabase;
const box = createSecretBox('integration tests key, at least thirty-two characters');
// A fixed clock, moved by hand: steps are 30 seconds.
let clock = Date.UTC(2026, 0, 15, 9, 0, 0);
const options = (extra: Partial<SecondFactorOptions> = {}): SecondFactorOptions => ({ box, refuseDemoSecrets: false, now: () => clock, ...extra });

async function createUser(role: 'citizen' | 'agent' | 'admin') {
  const email = `${role}.${randomUUID().slice(0, 8)}@mairie.fr`;
  const [row] = await db.db.insert(users).values({ email, passwordHash: 'not-used', role, emailVerifiedAt: new Date() }).returning();
  return { id: row.id, email, role, sessionVersion: row.sessionVersion };
}

function pendingCode(user: { id: string; email: string; sessionVersion: number }): PendingSignIn {
  return { userId: user.id, sessionVersion: user.sessionVersion, email: user.email, stage: 'code' };
}

function pendingEnrol(user: { id: string; email: string; sessionVersion: number }, enrolSecret = generateTotpSecret()): PendingSignIn {
  return { userId: user.id, sessionVersion: user.sessionVersion, email: user.email, stage: 'enrol', enrolSecret };
}

function codeAt(base32: string, offsetSteps = 0): string {
  return generateTotpCode(decodeTotpSecret(base32), timeStep(clock) + offsetSteps);
}

async function auditActions(userId: string) {
  const rows = await db.db.select({ action: auditLog.action, meta: auditLog.meta }).from(auditLog).where(eq(auditLog.targetId, userId));
  return rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('enrolment', () => {
  it('stores the secret encrypted only once a right code confirms it, with ten hashed recovery codes shown once', async () => {
    const agent = await createUser('agent');
    const pending = pendingEnrol(agent);
    expect(await isEnrolled(db.db, agent.id)).toBe(false);

    expect(await confirmEnrolment(db.db, pending, '000000', options())).toEqual({ ok: false, reason: 'wrong-code' });
    expect(await isEnrolled(db.db, agent.id)).toBe(false);

    const result = await confirmEnrolment(db.db, pending, codeAt(pending.enrolSecret!), options());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user).toMatchObject({ id: agent.id, role: 'agent', sessionVersion: agent.sessionVersion });
    expect(result.recoveryCodes).toHaveLength(10);

    const [row] = await db.db.select().from(secondFactors).where(eq(secondFactors.userId, agent.id));
    expect(row.secretCiphertext).not.toContain(pending.enrolSecret);
    expect(box.decrypt(agent.id, row.secretCiphertext)).toEqual(decodeTotpSecret(pending.enrolSecret!));
    const stored = await db.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, agent.id));
    expect(stored.map((r) => r.codeHash).sort()).toEqual(result.recoveryCodes!.map(hashRecoveryCode).sort());
    for (const code of result.recoveryCodes!) expect(JSON.stringify(stored)).not.toContain(code);
    expect((await auditActions(agent.id)).map((a) => a.action)).toContain('account.second_factor_enrolled');

    // The confirming code is spent; an older pending enrolment (another tab) can no longer replace the secret.
    expect(await verifyTotpSignIn(db.db, pendingCode(agent), codeAt(pending.enrolSecret!), options())).toEqual({ ok: false, reason: 'replayed-code' });
    const other = pendingEnrol(agent);
    expect(await confirmEnrolment(db.db, other, codeAt(other.enrolSecret!), options())).toEqual({ ok: false, reason: 'expired' });
    expect(box.decrypt(agent.id, (await db.db.select().from(secondFactors).where(eq(secondFactors.userId, agent.id)))[0].secretCiphertext)).toEqual(
      decodeTotpSecret(pending.enrolSecret!),
    );
  });

  it('is refused for a citizen, and for a pending sign-in whose account changed since (sessionVersion)', async () => {
    const citizen = await createUser('citizen');
    const p = pendingEnrol(citizen);
    expect(await confirmEnrolment(db.db, p, codeAt(p.enrolSecret!), options())).toEqual({ ok: false, reason: 'expired' });
    const agent = await createUser('agent');
    const stale = pendingEnrol(agent);
    await db.db.update(users).set({ sessionVersion: agent.sessionVersion + 1 }).where(eq(users.id, agent.id));
    expect(await confirmEnrolment(db.db, stale, codeAt(stale.enrolSecret!), options())).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('signing in with a code', () => {
  it('accepts each step once: a replayed code is refused within its window, the next one works', async () => {
    const agent = await createUser('agent');
    const { secret } = await enrolSecondFactor(db.db, agent.id, box, { lastUsedStep: timeStep(clock) - 10 });
    const pending = pendingCode(agent);
    const first = codeAt(secret);
    expect(await verifyTotpSignIn(db.db, pending, first, options())).toMatchObject({ ok: true, user: { id: agent.id } });
    expect(await verifyTotpSignIn(db.db, pending, first, options())).toEqual({ ok: false, reason: 'replayed-code' });
    // 20 seconds later the code is still within the window: still refused; the previous step's code too.
    clock += 20_000;
    expect(await verifyTotpSignIn(db.db, pending, first, options())).toEqual({ ok: false, reason: 'replayed-code' });
    expect(await verifyTotpSignIn(db.db, pending, codeAt(secret, -1), options())).toEqual({ ok: false, reason: 'replayed-code' });
    clock += 30_000;
    expect(await verifyTotpSignIn(db.db, pending, codeAt(secret), options())).toMatchObject({ ok: true });
    expect((await auditActions(agent.id)).filter((a) => a.action === 'account.second_factor_signin')).toHaveLength(2);
  });

  it('lets only one of several simultaneous requests with the same code through', async () => {
    const agent = await createUser('admin');
    const { secret } = await enrolSecondFactor(db.db, agent.id, box, { lastUsedStep: timeStep(clock) - 10 });
    const code = codeAt(secret);
    // Each request reads the last used step before any of them writes: the conditional update decides.
    const results = await Promise.all(Array.from({ length: 8 }, () => verifyTotpSignIn(db.db, pendingCode(agent), code, options())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The others are replays (and, past four of them, throttled).
    for (const r of results.filter((r) => !r.ok)) expect(['replayed-code', 'throttled']).toContain(!r.ok && r.reason);
  });

  it('throttles wrong codes per account like passwords: after four, the wait is real and even the right code waits', async () => {
    const agent = await createUser('agent');
    const { secret } = await enrolSecondFactor(db.db, agent.id, box, { lastUsedStep: timeStep(clock) - 10 });
    const pending = pendingCode(agent);
    for (let i = 0; i < 4; i += 1) expect(await verifyTotpSignIn(db.db, pending, '000000', options())).toEqual({ ok: false, reason: 'wrong-code' });
    expect(await verifyTotpSignIn(db.db, pending, '000000', options())).toEqual({ ok: false, reason: 'throttled', waitSeconds: 65 });
    const waiting = await verifyTotpSignIn(db.db, pending, codeAt(secret), options());
    expect(waiting).toMatchObject({ ok: false, reason: 'throttled' });
    expect((waiting as { waitSeconds: number }).waitSeconds).toBeGreaterThan(60);
    // Not a shared counter: another agent is not slowed.
    const other = await createUser('agent');
    const otherFactor = await enrolSecondFactor(db.db, other.id, box, { lastUsedStep: timeStep(clock) - 10 });
    expect(await verifyTotpSignIn(db.db, pendingCode(other), codeAt(otherFactor.secret), options())).toMatchObject({ ok: true });
    // Once the wait is over, a right code works and clears the counter.
    await db.db.update(rateLimits).set({ blockedUntil: new Date(Date.now() - 1000) }).where(eq(rateLimits.key, rateLimitKey('second-factor', agent.id)));
    expect(await verifyTotpSignIn(db.db, pending, codeAt(secret), options())).toMatchObject({ ok: true });
    expect(await verifyTotpSignIn(db.db, pending, '000000', options())).toEqual({ ok: false, reason: 'wrong-code' });
  });

  it('refuses the published demo secrets in production mode, and a secret that no longer decrypts', async () => {
    await seedDatabase(db.db, { hashPassword: async () => 'not-a-real-hash', encryptTotpSecret: (userId, secret) => box.encrypt(userId, secret) });
    const [demoAgent] = await db.db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.agent));
    const pending = pendingCode(demoAgent);
    const code = codeAt(DEMO_TOTP_SECRETS.agent);
    expect(await verifyTotpSignIn(db.db, pending, code, options({ refuseDemoSecrets: true }))).toEqual({ ok: false, reason: 'demo-secret' });
    expect(await verifyTotpSignIn(db.db, pending, code, options())).toMatchObject({ ok: true, user: { id: demoAgent.id } });

    const agent = await createUser('agent');
    const { secret } = await enrolSecondFactor(db.db, agent.id, box, { lastUsedStep: 0 });
    const otherKey = createSecretBox('a rotated key, also thirty-two characters long');
    expect(await verifyTotpSignIn(db.db, pendingCode(agent), codeAt(secret), options({ box: otherKey }))).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('recovery codes', () => {
  it('each opens one sign-in; the same code a second time is refused and counted as a failure', async () => {
    const agent = await createUser('agent');
    const { recoveryCodes: codes } = await enrolSecondFactor(db.db, agent.id, box);
    const pending = pendingCode(agent);
    expect(await verifyRecoveryCodeSignIn(db.db, pending, codes[3].toUpperCase(), options())).toMatchObject({ ok: true, user: { id: agent.id } });
    expect(await verifyRecoveryCodeSignIn(db.db, pending, codes[3], options())).toEqual({ ok: false, reason: 'wrong-recovery-code' });
    expect(await verifyRecoveryCodeSignIn(db.db, pending, 'abcd-efgh-jkmn-pqrs', options())).toEqual({ ok: false, reason: 'wrong-recovery-code' });
    expect(await db.db.$count(recoveryCodes, and(eq(recoveryCodes.userId, agent.id), isNull(recoveryCodes.usedAt)))).toBe(9);
    const audit = await auditActions(agent.id);
    expect(audit.find((a) => a.action === 'account.recovery_code_used')?.meta).toEqual({ remaining: 9 });
    expect(audit.filter((a) => a.action === 'account.second_factor_failed')).toHaveLength(2);
    // Another account's code is not this one's.
    const other = await createUser('agent');
    const otherCodes = (await enrolSecondFactor(db.db, other.id, box)).recoveryCodes;
    expect(await verifyRecoveryCodeSignIn(db.db, pending, otherCodes[0], options())).toEqual({ ok: false, reason: 'wrong-recovery-code' });
  });

  it('still work when the secret no longer decrypts (that is what they are for)', async () => {
    const agent = await createUser('admin');
    const { recoveryCodes: codes } = await enrolSecondFactor(db.db, agent.id, box);
    const otherKey = createSecretBox('a rotated key, also thirty-two characters long');
    expect(await verifyRecoveryCodeSignIn(db.db, pendingCode(agent), codes[0], options({ box: otherKey }))).toMatchObject({ ok: true });
  });
});

describe('reset by an administrator', () => {
  it('deletes the secret and the codes, ends the agent’s sessions and is audited; the next sign-in enrols again', async () => {
    const admin = await createUser('admin');
    const agent = await createUser('agent');
    await enrolSecondFactor(db.db, agent.id, box);
    expect(await resetSecondFactor(db.db, admin, { userId: agent.id })).toEqual({ ok: true });
    expect(await isEnrolled(db.db, agent.id)).toBe(false);
    expect(await db.db.$count(recoveryCodes, eq(recoveryCodes.userId, agent.id))).toBe(0);
    const [after] = await db.db.select().from(users).where(eq(users.id, agent.id));
    expect(after.sessionVersion).toBe(agent.sessionVersion + 1);
    const [entry] = await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'agent.second_factor_reset'), eq(auditLog.targetId, agent.id)));
    expect(entry).toMatchObject({ actorId: admin.id, targetType: 'user', meta: { role: 'agent', wasEnrolled: true } });
    // A sign-in pending from before the reset is void.
    const before = pendingCode(agent);
    expect(await verifyTotpSignIn(db.db, before, '123456', options())).toEqual({ ok: false, reason: 'expired' });
  });

  it('is refused for oneself, for a citizen, and to anyone who is not an administrator in the database', async () => {
    const admin = await createUser('admin');
    const agent = await createUser('agent');
    await enrolSecondFactor(db.db, admin.id, box);
    await enrolSecondFactor(db.db, agent.id, box);
    expect(agentsResult(await resetSecondFactor(db.db, admin, { userId: admin.id }))).toEqual({ ok: false, formError: expect.stringContaining('votre propre double authentification') });
    const citizen = await createUser('citizen');
    expect(agentsResult(await resetSecondFactor(db.db, admin, { userId: citizen.id }))).toEqual({ ok: false, formError: expect.stringContaining('n’a pas accès') });
    const otherAgent = await createUser('agent');
    await expect(resetSecondFactor(db.db, otherAgent, { userId: agent.id })).rejects.toBeInstanceOf(AdminRequiredError);
    await expect(resetSecondFactor(db.db, { id: citizen.id, role: 'citizen' }, { userId: agent.id })).rejects.toBeInstanceOf(AdminRequiredError);
    // Demoted a second ago: the session still says admin, the database does not.
    const demoted = await createUser('admin');
    await db.db.update(users).set({ role: 'agent' }).where(eq(users.id, demoted.id));
    await expect(resetSecondFactor(db.db, { id: demoted.id, role: 'admin' }, { userId: agent.id })).rejects.toBeInstanceOf(AdminRequiredError);
    expect(await isEnrolled(db.db, agent.id)).toBe(true);
    expect(await isEnrolled(db.db, admin.id)).toBe(true);
  });
});
