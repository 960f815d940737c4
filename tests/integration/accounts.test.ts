import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountResult } from '@/app/compte/messages';
import { auditLog, emailTokens, rateLimits, users } from '@/db/schema';
import { confirmSignup, registerAccount, resendConfirmation } from '@/lib/accounts/registration';
import { authenticate } from '@/lib/accounts/sign-in';
import { requestPasswordReset, resetPassword } from '@/lib/accounts/password-reset';
import { changePassword, confirmEmailChange, endAllSessions, requestEmailChange } from '@/lib/accounts/credentials';
import { getPreferences, getProfile, updatePreferences, updateProfile } from '@/lib/accounts/profile';
import { findUserByEmail } from '@/lib/accounts/users';
import { hashToken } from '@/lib/security/tokens';
import type { AccountContext } from '@/lib/accounts/context';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestAccountContext, emailsTo, lastEmailTo, linkToken } from '../helpers/accounts';

let db: TestDatabase;
let ctx: AccountContext;
const PASSWORD = 'une phrase de passe sûre';

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = createTestAccountContext(db);
});
afterAll(async () => db?.drop());

let counter = 0;
function uniqueEmail() {
  counter += 1;
  return `citoyen.${counter}.${Date.now()}@exemple.fr`;
}

async function createConfirmedAccount(email = uniqueEmail(), password = PASSWORD) {
  expect(await registerAccount(ctx, { email, password, firstNames: 'Camille', lastName: 'Martin' }, 'client-a')).toEqual({ ok: true });
  const mail = await lastEmailTo(db, email);
  expect(await confirmSignup(ctx, linkToken(mail!.text, '/confirmer/'))).toBe(true);
  const user = await findUserByEmail(db.db, email);
  return user!;
}

describe('sign-up and confirmation', () => {
  it('creates an unconfirmed account, emails a link built from the public origin, and confirms it once', async () => {
    const email = uniqueEmail();
    expect(await registerAccount(ctx, { email, password: PASSWORD, firstNames: 'Léa', lastName: 'Durand' }, 'client-a')).toEqual({ ok: true });
    expect(await authenticate(db.db, email, PASSWORD)).toEqual({ ok: false, reason: 'unconfirmed' });
    const mail = await lastEmailTo(db, email);
    expect(mail!.text).toContain('https://demarches.test/confirmer/');
    const token = linkToken(mail!.text, '/confirmer/');
    expect(await confirmSignup(ctx, token)).toBe(true);
    expect(await confirmSignup(ctx, token)).toBe(false);
    const result = await authenticate(db.db, email, PASSWORD);
    expect(result.ok).toBe(true);
  });

  it('stores only a hash of the emailed token', async () => {
    const email = uniqueEmail();
    await registerAccount(ctx, { email, password: PASSWORD, firstNames: 'Léa', lastName: 'Durand' }, 'client-a');
    const token = linkToken((await lastEmailTo(db, email))!.text, '/confirmer/');
    const rows = await db.db.select().from(emailTokens).where(eq(emailTokens.tokenHash, hashToken(token)));
    expect(rows).toHaveLength(1);
    const raw = await db.db.select().from(emailTokens).where(eq(emailTokens.tokenHash, token));
    expect(raw).toHaveLength(0);
  });

  it('answers the same for an address that already has an account, and tells its owner by email', async () => {
    const user = await createConfirmedAccount();
    const result = await registerAccount(ctx, { email: user.email, password: 'un tout autre mot de passe', firstNames: 'X', lastName: 'Y' }, 'client-a');
    expect(result).toEqual({ ok: true });
    const mails = await emailsTo(db, user.email);
    expect(mails[0].subject).toContain('Tentative de création de compte');
    // The password of the existing account did not change.
    expect((await authenticate(db.db, user.email, PASSWORD)).ok).toBe(true);
  });

  it('refuses a common password with a French message', async () => {
    const result = await registerAccount(ctx, { email: uniqueEmail(), password: 'motdepasse123456', firstNames: 'A', lastName: 'B' }, 'client-a');
    expect(accountResult(result)).toEqual({ ok: false, fieldErrors: { password: [expect.stringContaining('plus courants')] } });
  });

  it('resends the confirmation link; the earlier link stops working', async () => {
    const email = uniqueEmail();
    await registerAccount(ctx, { email, password: PASSWORD, firstNames: 'A', lastName: 'B' }, 'client-b');
    const first = linkToken((await lastEmailTo(db, email))!.text, '/confirmer/');
    expect(await resendConfirmation(ctx, email, 'client-b')).toEqual({ ok: true });
    const second = linkToken((await lastEmailTo(db, email))!.text, '/confirmer/');
    expect(second).not.toBe(first);
    expect(await confirmSignup(ctx, first)).toBe(false);
    expect(await confirmSignup(ctx, second)).toBe(true);
    // Unknown address: same answer, no email.
    expect(await resendConfirmation(ctx, 'inconnu@exemple.fr', 'client-b')).toEqual({ ok: true });
    expect(await emailsTo(db, 'inconnu@exemple.fr')).toHaveLength(0);
  });

  it('rate-limits sign-ups per address', async () => {
    const email = uniqueEmail();
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await registerAccount(ctx, { email, password: PASSWORD, firstNames: 'A', lastName: 'B' }, `client-${i}`));
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(accountResult(results[5])).toEqual({ ok: false, formError: expect.stringContaining('Trop de demandes') });
  });
});

describe('sign-in throttling', () => {
  it('gives the same answer for an unknown and a known address with a wrong password', async () => {
    const user = await createConfirmedAccount();
    expect(await authenticate(db.db, user.email, 'mauvais mot de passe')).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate(db.db, 'personne@exemple.fr', 'mauvais mot de passe')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('delays the 6th attempt by more than a minute after 5 failures, even with the right password', async () => {
    const user = await createConfirmedAccount();
    for (let i = 0; i < 4; i += 1) expect(await authenticate(db.db, user.email, 'faux')).toEqual({ ok: false, reason: 'invalid' });
    const fifth = await authenticate(db.db, user.email, 'faux');
    expect(fifth).toMatchObject({ ok: false, reason: 'throttled' });
    const sixth = await authenticate(db.db, user.email, PASSWORD);
    expect(sixth).toMatchObject({ ok: false, reason: 'throttled' });
    expect((sixth as { waitSeconds: number }).waitSeconds).toBeGreaterThan(60);
    // The owner is not locked out for good: once the wait is over, the right password works.
    await db.db.update(rateLimits).set({ blockedUntil: sql`now() - interval '1 second'` }).where(sql`true`);
    expect((await authenticate(db.db, user.email, PASSWORD)).ok).toBe(true);
  });

  it('throttles unknown addresses exactly like known ones', async () => {
    const email = 'fantome@exemple.fr';
    for (let i = 0; i < 5; i += 1) await authenticate(db.db, email, 'faux');
    expect(await authenticate(db.db, email, 'faux')).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('records sign-in events in the audit log without secrets', async () => {
    const user = await createConfirmedAccount();
    await authenticate(db.db, user.email, 'un mot de passe faux');
    const rows = await db.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['account.signup', 'account.email_confirmed', 'account.signin_failed']));
    expect(JSON.stringify(rows)).not.toContain('un mot de passe faux');
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });
});

describe('password reset', () => {
  it('answers the same whether the address exists; the link works once, within an hour', async () => {
    const user = await createConfirmedAccount();
    expect(await requestPasswordReset(ctx, user.email, 'client-r')).toEqual({ ok: true });
    expect(await requestPasswordReset(ctx, 'absent@exemple.fr', 'client-r')).toEqual({ ok: true });
    expect(await emailsTo(db, 'absent@exemple.fr')).toHaveLength(0);
    const mail = await lastEmailTo(db, user.email);
    expect(mail!.text).not.toContain(PASSWORD);
    const token = linkToken(mail!.text, '/reinitialiser/');
    const before = user.sessionVersion;
    expect(await resetPassword(ctx, token, 'nouvelle phrase de passe')).toEqual({ ok: true });
    expect(await resetPassword(ctx, token, 'encore une autre phrase')).toEqual({ ok: false, reason: 'invalid-link' });
    expect((await authenticate(db.db, user.email, 'nouvelle phrase de passe')).ok).toBe(true);
    expect((await findUserByEmail(db.db, user.email))!.sessionVersion).toBeGreaterThan(before);
    expect((await lastEmailTo(db, user.email))!.subject).toContain('Votre mot de passe a été modifié');
  });

  it('refuses an expired link', async () => {
    const user = await createConfirmedAccount();
    await requestPasswordReset(ctx, user.email, 'client-r2');
    const token = linkToken((await lastEmailTo(db, user.email))!.text, '/reinitialiser/');
    await db.db.update(emailTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(emailTokens.tokenHash, hashToken(token)));
    expect(await resetPassword(ctx, token, 'nouvelle phrase de passe')).toEqual({ ok: false, reason: 'invalid-link' });
  });

  it('keeps the link usable when the new password is refused', async () => {
    const user = await createConfirmedAccount();
    await requestPasswordReset(ctx, user.email, 'client-r3');
    const token = linkToken((await lastEmailTo(db, user.email))!.text, '/reinitialiser/');
    expect(await resetPassword(ctx, token, 'password123456')).toMatchObject({ ok: false, reason: 'weak' });
    expect(await resetPassword(ctx, token, 'nouvelle phrase de passe')).toEqual({ ok: true });
  });

  it('lets exactly one of ten concurrent uses of one link succeed', async () => {
    const user = await createConfirmedAccount();
    await requestPasswordReset(ctx, user.email, 'client-r4');
    const token = linkToken((await lastEmailTo(db, user.email))!.text, '/reinitialiser/');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => resetPassword(ctx, token, `phrase concurrente numéro ${i}`)));
    const winners = results.map((r, i) => (r.ok ? i : -1)).filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    expect((await authenticate(db.db, user.email, `phrase concurrente numéro ${winners[0]}`)).ok).toBe(true);
  });
});

describe('Mon compte', () => {
  it('updates the personal information that procedures prefill', async () => {
    const user = await createConfirmedAccount();
    await updateProfile(db.db, user.id, {
      civility: 'Madame', birthName: 'Martin', usageName: 'Bernard', firstNames: 'Camille Anne', birthDate: '1985-03-27',
      birthPlace: 'Lyon', addressLine1: '12 rue de la République', addressLine2: undefined, postalCode: '69001', city: 'Lyon', phone: '0612345678',
    });
    expect(await getProfile(db.db, user.id)).toMatchObject({ usageName: 'Bernard', postalCode: '69001', city: 'Lyon', phone: '0612345678' });
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const user = await createConfirmedAccount();
    expect(accountResult(await changePassword(ctx, user.id, 'pas le bon', 'nouvelle phrase de passe'))).toEqual({ ok: false, fieldErrors: { currentPassword: [expect.any(String)] } });
    const result = await changePassword(ctx, user.id, PASSWORD, 'nouvelle phrase de passe');
    expect(result).toEqual({ ok: true, sessionVersion: user.sessionVersion + 1 });
    expect((await authenticate(db.db, user.email, PASSWORD)).ok).toBe(false);
  });

  it('changes the login email only when the link sent to the new address is followed, and tells the old one', async () => {
    const user = await createConfirmedAccount();
    const newEmail = uniqueEmail();
    expect(await requestEmailChange(ctx, user.id, newEmail, PASSWORD)).toEqual({ ok: true });
    expect((await findUserByEmail(db.db, user.email))!.id).toBe(user.id);
    const token = linkToken((await lastEmailTo(db, newEmail))!.text, '/confirmer/');
    expect(await confirmEmailChange(ctx, token)).toEqual({ ok: true });
    const updated = await findUserByEmail(db.db, newEmail);
    expect(updated!.id).toBe(user.id);
    expect(updated!.sessionVersion).toBe(user.sessionVersion + 1);
    expect((await lastEmailTo(db, user.email))!.subject).toContain('Votre identifiant de connexion a changé');
    expect(await confirmEmailChange(ctx, token)).toEqual({ ok: false, reason: 'invalid-link' });
  });

  it('refuses an address used by another account without revealing it', async () => {
    const user = await createConfirmedAccount();
    const other = await createConfirmedAccount();
    expect(await requestEmailChange(ctx, user.id, other.email, PASSWORD)).toEqual({ ok: true });
    expect((await lastEmailTo(db, other.email))!.subject).toContain('Changement d’adresse de courriel impossible');
    expect((await findUserByEmail(db.db, other.email))!.id).toBe(other.id);
  });

  it('saves the notification preferences', async () => {
    const user = await createConfirmedAccount();
    expect(await getPreferences(db.db, user.id)).toEqual({ emailOnStatusChange: true, emailOnMessage: true, emailOnResponse: true });
    await updatePreferences(db.db, user.id, { emailOnStatusChange: false, emailOnMessage: true, emailOnResponse: false });
    expect(await getPreferences(db.db, user.id)).toEqual({ emailOnStatusChange: false, emailOnMessage: true, emailOnResponse: false });
  });

  it('ends every session on "se déconnecter de tous les appareils"', async () => {
    const user = await createConfirmedAccount();
    await endAllSessions(ctx, user.id, 'account.signout_everywhere');
    const [row] = await db.db.select().from(users).where(eq(users.id, user.id));
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
  });
});
