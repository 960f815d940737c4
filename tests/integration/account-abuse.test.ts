import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailTokens, profiles } from '@/db/schema';
import { confirmSignup, registerAccount, resendConfirmation } from '@/lib/accounts/registration';
import { authenticate } from '@/lib/accounts/sign-in';
import { requestPasswordReset } from '@/lib/accounts/password-reset';
import { findUserByEmail } from '@/lib/accounts/users';
import { hashToken } from '@/lib/security/tokens';
import type { AccountContext } from '@/lib/accounts/context';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestAccountContext, emailsTo, lastEmailTo, linkToken } from '../helpers/accounts';

// Adversarial tests of the account layer (issue 8, holes 2, 4 and 5), against PostgreSQL, unmocked.

let db: TestDatabase;
let ctx: AccountContext;
// Like the app's context, whose `defer` is Next's after(): work handed to it runs once the answer is sent.
let deferredCtx: AccountContext;
const deferred: (() => Promise<void>)[] = [];
async function runDeferred() {
  while (deferred.length) await deferred.shift()!();
}

const VICTIM_PASSWORD = 'la phrase de passe de la victime';
const ATTACKER_PASSWORD = 'la phrase de passe de l’attaquant';

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = createTestAccountContext(db);
  deferredCtx = { ...ctx, defer: (task) => void deferred.push(task) };
});
afterAll(async () => db?.drop());

let counter = 0;
function uniqueEmail(prefix = 'abus') {
  counter += 1;
  return `${prefix}.${counter}.${Date.now()}@exemple.fr`;
}

function signUp(email: string, password: string, firstNames = 'Camille', client = `client-${counter}-${Math.random()}`, context = ctx) {
  return registerAccount(context, { email, password, firstNames, lastName: 'Martin' }, client);
}

async function latestConfirmLink(email: string) {
  return linkToken((await lastEmailTo(db, email))!.text, '/confirmer/');
}

async function confirmedAccount(password = VICTIM_PASSWORD) {
  const email = uniqueEmail('confirme');
  await signUp(email, password);
  expect(await confirmSignup(ctx, await latestConfirmLink(email))).toBe(true);
  return (await findUserByEmail(db.db, email))!;
}

describe('account pre-hijacking (hole 2)', () => {
  it('the victim who signs up after the attacker and follows the link owns the account: the attacker’s password does not open it', async () => {
    const email = uniqueEmail('victime');
    expect(await signUp(email, ATTACKER_PASSWORD, 'Attaquant')).toEqual({ ok: true });
    const attackerLink = await latestConfirmLink(email);
    expect(await signUp(email, VICTIM_PASSWORD, 'Victime')).toEqual({ ok: true });
    const victimLink = await latestConfirmLink(email);
    expect(victimLink).not.toBe(attackerLink);

    expect(await confirmSignup(ctx, victimLink)).toBe(true);
    expect(await authenticate(db.db, email, ATTACKER_PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    expect((await authenticate(db.db, email, VICTIM_PASSWORD)).ok).toBe(true);
    // The names typed by the attacker are gone too.
    const user = (await findUserByEmail(db.db, email))!;
    const [profile] = await db.db.select().from(profiles).where(eq(profiles.userId, user.id));
    expect(profile.firstNames).toBe('Victime');
    // The attacker's earlier link (in the victim's mailbox) no longer works.
    expect(await confirmSignup(ctx, attackerLink)).toBe(false);
  });

  it('a link confirms only the password of the sign-up that sent it, even if an earlier link were still unused', async () => {
    const email = uniqueEmail('course');
    await signUp(email, ATTACKER_PASSWORD);
    const attackerLink = await latestConfirmLink(email);
    await signUp(email, VICTIM_PASSWORD);
    const victimLink = await latestConfirmLink(email);
    // Two sign-ups racing could both leave a live link: simulate it.
    await db.db.update(emailTokens).set({ usedAt: null }).where(eq(emailTokens.tokenHash, hashToken(attackerLink)));

    expect(await confirmSignup(ctx, attackerLink)).toBe(false);
    expect((await findUserByEmail(db.db, email))!.emailVerifiedAt).toBeNull();
    expect(await confirmSignup(ctx, victimLink)).toBe(true);
    expect((await authenticate(db.db, email, VICTIM_PASSWORD)).ok).toBe(true);
  });

  it('a resent link carries the latest sign-up’s password, whoever asks for it', async () => {
    const email = uniqueEmail('renvoi');
    await signUp(email, ATTACKER_PASSWORD);
    await signUp(email, VICTIM_PASSWORD);
    // The attacker asks for the link again, hoping it confirms their own password.
    expect(await resendConfirmation(ctx, email, 'client-attaquant')).toEqual({ ok: true });
    expect(await confirmSignup(ctx, await latestConfirmLink(email))).toBe(true);
    expect(await authenticate(db.db, email, ATTACKER_PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    expect((await authenticate(db.db, email, VICTIM_PASSWORD)).ok).toBe(true);
  });

  it('confirming the address ends every earlier session', async () => {
    const email = uniqueEmail('sessions');
    await signUp(email, VICTIM_PASSWORD);
    const before = (await findUserByEmail(db.db, email))!.sessionVersion;
    expect(await confirmSignup(ctx, await latestConfirmLink(email))).toBe(true);
    expect((await findUserByEmail(db.db, email))!.sessionVersion).toBeGreaterThan(before);
  });

  it('answers the same for a new, an unconfirmed and a confirmed address; each gets one email, the confirmed owner a "forgotten password" pointer', async () => {
    const fresh = uniqueEmail('neuve');
    const unconfirmed = uniqueEmail('attente');
    await signUp(unconfirmed, ATTACKER_PASSWORD);
    const confirmed = (await confirmedAccount()).email;
    const before = { fresh: 0, unconfirmed: (await emailsTo(db, unconfirmed)).length, confirmed: (await emailsTo(db, confirmed)).length };
    const answers = [await signUp(fresh, VICTIM_PASSWORD), await signUp(unconfirmed, VICTIM_PASSWORD), await signUp(confirmed, ATTACKER_PASSWORD)];
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect((await emailsTo(db, fresh)).length - before.fresh).toBe(1);
    expect((await emailsTo(db, unconfirmed)).length - before.unconfirmed).toBe(1);
    expect((await emailsTo(db, confirmed)).length - before.confirmed).toBe(1);
    const notice = (await lastEmailTo(db, confirmed))!;
    expect(notice.subject).toContain('Tentative de création de compte');
    expect(notice.text).toContain('Vous avez déjà un compte');
    expect(notice.text).toContain('https://demarches.test/mot-de-passe-oublie');
    // The confirmed account's password did not change.
    expect((await authenticate(db.db, confirmed, VICTIM_PASSWORD)).ok).toBe(true);
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

/** Medians within 30 % of each other (Argon2 is ~65 % of a sign-up's time, so a skipped hash shows). */
function expectSameCost(a: number[], b: number[]) {
  const [ma, mb] = [median(a), median(b)];
  expect(Math.abs(ma - mb), `medians ${ma.toFixed(1)} ms and ${mb.toFixed(1)} ms`).toBeLessThanOrEqual(0.3 * Math.max(ma, mb) + 3);
}

describe('timing does not tell which addresses have accounts (hole 5)', () => {
  it('a sign-up answers as fast for a new address as for an unconfirmed or a confirmed one', async () => {
    const ROUNDS = 11;
    const confirmed = await Promise.all(Array.from({ length: ROUNDS }, () => confirmedAccount()));
    const unconfirmed: string[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      unconfirmed.push(uniqueEmail('attente'));
      await signUp(unconfirmed[i], ATTACKER_PASSWORD);
    }
    const samples = { fresh: [] as number[], unconfirmed: [] as number[], confirmed: [] as number[] };
    for (let i = 0; i < ROUNDS; i += 1) {
      // Interleaved, so that a burst of load on the machine hits every kind alike.
      const runs: [keyof typeof samples, string][] = [
        ['fresh', uniqueEmail('neuve')],
        ['unconfirmed', unconfirmed[i]],
        ['confirmed', confirmed[i].email],
      ];
      for (const [kind, email] of i % 2 ? runs.reverse() : runs) {
        samples[kind].push(await timed(() => signUp(email, VICTIM_PASSWORD, 'Camille', `timing-${kind}-${i}`, deferredCtx)));
        await runDeferred();
      }
    }
    expectSameCost(samples.fresh, samples.confirmed);
    expectSameCost(samples.fresh, samples.unconfirmed);
  });

  it('a password-reset request does the same work before answering, whether the address has an account or not', async () => {
    const ROUNDS = 15;
    const known = await confirmedAccount();
    const samples = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < ROUNDS; i += 1) {
      await db.db.execute(sql`delete from rate_limits where key like 'reset-%'`);
      const tokensBefore = await db.db.select().from(emailTokens).where(and(eq(emailTokens.userId, known.id), eq(emailTokens.kind, 'reset_password')));
      samples.known.push(await timed(() => requestPasswordReset(deferredCtx, known.email, `reset-${i}`)));
      // Nothing that depends on the account happened before the answer.
      const tokensAfter = await db.db.select().from(emailTokens).where(and(eq(emailTokens.userId, known.id), eq(emailTokens.kind, 'reset_password')));
      expect(tokensAfter).toHaveLength(tokensBefore.length);
      await runDeferred();
      samples.unknown.push(await timed(() => requestPasswordReset(deferredCtx, uniqueEmail('absente'), `reset-${i}`)));
      await runDeferred();
    }
    expect((await lastEmailTo(db, known.email))!.subject).toContain('Réinitialisez votre mot de passe');
    expectSameCost(samples.known, samples.unknown);
  });
});

describe('sign-in throttling (hole 4)', () => {
  const WRONG = 'pas le bon mot de passe';

  it('a stranger’s failures slow strangers down, while the owner’s known browser still signs in', async () => {
    const owner = await confirmedAccount();
    const first = await authenticate(db.db, owner.email, VICTIM_PASSWORD, { clientKey: '198.51.100.1', devices: [] });
    expect(first.ok).toBe(true);
    const knownBrowser = [{ userId: owner.id, nonce: 'navigateur-du-proprietaire' }];

    for (let i = 0; i < 4; i += 1) {
      expect(await authenticate(db.db, owner.email, WRONG, { clientKey: '203.0.113.66', devices: [] })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await authenticate(db.db, owner.email, WRONG, { clientKey: '203.0.113.66', devices: [] })).toMatchObject({ ok: false, reason: 'throttled' });
    // Strangers wait, even with the right password, from any address...
    const stranger = await authenticate(db.db, owner.email, VICTIM_PASSWORD, { clientKey: '203.0.113.67', devices: [] });
    expect(stranger).toMatchObject({ ok: false, reason: 'throttled' });
    expect((stranger as { waitSeconds: number }).waitSeconds).toBeGreaterThan(60);
    // ...but the browser the owner signed in with before does not.
    expect((await authenticate(db.db, owner.email, VICTIM_PASSWORD, { clientKey: '198.51.100.1', devices: knownBrowser })).ok).toBe(true);
  });

  it('a known browser is trusted for its own account only, and a browser that keeps failing is slowed on its own counter', async () => {
    const owner = await confirmedAccount();
    const other = await confirmedAccount();
    const otherBrowser = [{ userId: other.id, nonce: 'navigateur-d-un-autre' }];
    for (let i = 0; i < 5; i += 1) await authenticate(db.db, owner.email, WRONG, { clientKey: '203.0.113.70', devices: otherBrowser });
    expect(await authenticate(db.db, owner.email, VICTIM_PASSWORD, { clientKey: '203.0.113.70', devices: otherBrowser })).toMatchObject({ reason: 'throttled' });

    const ownerBrowser = [{ userId: other.id, nonce: 'navigateur-qui-se-trompe' }];
    for (let i = 0; i < 4; i += 1) expect(await authenticate(db.db, other.email, WRONG, { clientKey: '203.0.113.71', devices: ownerBrowser })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate(db.db, other.email, WRONG, { clientKey: '203.0.113.71', devices: ownerBrowser })).toMatchObject({ reason: 'throttled' });
    expect(await authenticate(db.db, other.email, VICTIM_PASSWORD, { clientKey: '203.0.113.71', devices: ownerBrowser })).toMatchObject({ reason: 'throttled' });
    // Those failures were the browser's: strangers' counter for the account is untouched.
    expect((await authenticate(db.db, other.email, VICTIM_PASSWORD, { clientKey: '203.0.113.72', devices: [] })).ok).toBe(true);
  });

  it('one client address trying many accounts is slowed, other addresses are not', async () => {
    const target = await confirmedAccount();
    for (let i = 0; i < 30; i += 1) {
      const answer = await authenticate(db.db, uniqueEmail('pulverisation'), WRONG, { clientKey: '203.0.113.99', devices: [] });
      expect(answer).toEqual({ ok: false, reason: 'invalid' });
    }
    const next = await authenticate(db.db, uniqueEmail('pulverisation'), WRONG, { clientKey: '203.0.113.99', devices: [] });
    expect(next).toMatchObject({ ok: false, reason: 'throttled' });
    const sprayed = await authenticate(db.db, target.email, VICTIM_PASSWORD, { clientKey: '203.0.113.99', devices: [] });
    expect(sprayed).toMatchObject({ ok: false, reason: 'throttled' });
    expect((sprayed as { waitSeconds: number }).waitSeconds).toBeGreaterThan(60);
    expect((await authenticate(db.db, target.email, VICTIM_PASSWORD, { clientKey: '198.51.100.50', devices: [] })).ok).toBe(true);
    // The owner's known browser on that same (shared, NAT) address still signs in.
    expect((await authenticate(db.db, target.email, VICTIM_PASSWORD, { clientKey: '203.0.113.99', devices: [{ userId: target.id, nonce: 'n' }] })).ok).toBe(true);
  });

  it('unknown and known addresses are slowed alike', async () => {
    const known = await confirmedAccount();
    const answers = [];
    for (const email of [known.email, uniqueEmail('fantome')]) {
      for (let i = 0; i < 5; i += 1) await authenticate(db.db, email, WRONG, { clientKey: `203.0.113.${120 + answers.length}`, devices: [] });
      answers.push(await authenticate(db.db, email, WRONG, { clientKey: `203.0.113.${130 + answers.length}`, devices: [] }));
    }
    expect(answers[0]).toMatchObject({ ok: false, reason: 'throttled' });
    expect(answers[1]).toMatchObject({ ok: false, reason: 'throttled' });
    const [a, b] = answers.map((answer) => (answer as { waitSeconds: number }).waitSeconds);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
  });
});
