import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { profiles, users } from '@/db/schema';
import { changePassword, confirmEmailChange, endAllSessions, requestEmailChange } from '@/lib/accounts/credentials';
import { requestPasswordReset, resetPassword } from '@/lib/accounts/password-reset';
import type { AccountContext } from '@/lib/accounts/context';
import { hashPassword } from '@/lib/security/password';
import { changeAgentRole } from '@/lib/administration/change-agent-role';
import { createTestAccountContext, lastEmailTo, linkToken } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { CookieJar, mintSessionCookie, SESSION_COOKIE, type MintOptions } from '../helpers/session-cookies';

// The guards themselves (getCurrentUser, requireCitizen, requireAgent, requireAdmin), against
// PostgreSQL. Only the request's cookie store (next/headers) and the process database handle are
// replaced; the cookies are real, encrypted with the secret the application uses.
const state = vi.hoisted(() => ({ db: null as unknown, jar: null as unknown }));
vi.mock('next/headers', () => ({ cookies: async () => state.jar }));
vi.mock('@/lib/db', () => ({ getDb: async () => state.db }));

const { getCurrentUser, reissueCurrentSession, requireAdmin, requireAgent, requireCitizen } = await import('@/lib/auth/guards');

const HOUR = 3600;
const PASSWORD = 'une phrase de passe pour les gardes';
const jar = new CookieJar();
state.jar = jar;

let database: TestDatabase;
let ctx: AccountContext;

type Role = 'citizen' | 'agent' | 'admin';

async function createUser(role: Role = 'citizen', birthName = 'Martin') {
  const email = `${role}.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await database.db
    .insert(users)
    .values({ email, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date(), role })
    .returning({ id: users.id });
  await database.db.insert(profiles).values({ userId: user.id, birthName, firstNames: 'Camille' });
  return { id: user.id, email, role };
}

/** A new request carrying this session cookie. */
async function sendCookie(options: MintOptions) {
  jar.reset({ [SESSION_COOKIE]: await mintSessionCookie(options) });
}

/** What a guard threw: Next's redirect or 404 signal, read from its digest. */
async function outcome(guard: () => Promise<unknown>): Promise<string> {
  try {
    const user = (await guard()) as { id: string } | null;
    return user ? `user:${user.id}` : 'null';
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? error);
    if (digest.startsWith('NEXT_REDIRECT;')) return `redirect:${digest.split(';')[2]}`;
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return 'not-found';
    throw error;
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  state.db = database.db;
  ctx = createTestAccountContext(database);
});
afterAll(async () => database?.drop());
beforeEach(() => jar.reset());

describe('getCurrentUser', () => {
  it('returns the user of a valid session cookie, and null without one or with a tampered one', async () => {
    const citizen = await createUser('citizen', 'Lefèvre');
    expect(await getCurrentUser()).toBeNull();

    await sendCookie({ userId: citizen.id });
    expect(await getCurrentUser()).toEqual({ id: citizen.id, email: citizen.email, role: 'citizen', displayName: 'Camille Lefèvre', sessionVersion: 1 });

    const cookie = await mintSessionCookie({ userId: citizen.id });
    jar.reset({ [SESSION_COOKIE]: `${cookie.slice(0, -4)}AAAA` });
    expect(await getCurrentUser()).toBeNull();
  });

  it('refuses a cookie whose session version the database no longer has (revoked)', async () => {
    const citizen = await createUser();
    await database.db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, citizen.id));
    await sendCookie({ userId: citizen.id, sessionVersion: 1 });
    expect(await getCurrentUser()).toBeNull();
    // A cookie claiming a version ahead of the database is no better.
    await sendCookie({ userId: citizen.id, sessionVersion: 3 });
    expect(await getCurrentUser()).toBeNull();
    await sendCookie({ userId: citizen.id, sessionVersion: 2 });
    expect(await getCurrentUser()).toMatchObject({ id: citizen.id, sessionVersion: 2 });
  });

  it('refuses an unconfirmed or deleted account', async () => {
    const citizen = await createUser();
    await sendCookie({ userId: citizen.id });
    await database.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, citizen.id));
    expect(await getCurrentUser()).toBeNull();
    await database.db.delete(users).where(eq(users.id, citizen.id));
    expect(await getCurrentUser()).toBeNull();
  });

  it('ends a session at its absolute lifetime, however active: 12 hours for a citizen, 8 for the back office', async () => {
    const citizen = await createUser('citizen');
    const agent = await createUser('agent');
    const admin = await createUser('admin');
    const cases: [string, Role, number, boolean][] = [
      [citizen.id, 'citizen', 11 * HOUR + 55 * 60, true],
      [citizen.id, 'citizen', 12 * HOUR + 60, false],
      [agent.id, 'agent', 7 * HOUR + 55 * 60, true],
      [agent.id, 'agent', 8 * HOUR + 60, false],
      [admin.id, 'admin', 8 * HOUR + 60, false],
    ];
    for (const [userId, role, signedInSecondsAgo, valid] of cases) {
      // A cookie renewed a second ago: only the sign-in time is old.
      await sendCookie({ userId, role, signedInSecondsAgo, ageSeconds: 1 });
      expect(await getCurrentUser(), `${role} signed in ${signedInSecondsAgo} s ago`).toEqual(valid ? expect.objectContaining({ id: userId }) : null);
    }
    // A cookie from before the sign-in time existed: a fresh sign-in.
    await sendCookie({ userId: citizen.id, signedInSecondsAgo: null });
    expect(await getCurrentUser()).toBeNull();
  });

  it('counts the absolute lifetime of the role the database has, not the one in the cookie', async () => {
    const promoted = await createUser('citizen');
    await database.db.update(users).set({ role: 'agent' }).where(eq(users.id, promoted.id));
    await sendCookie({ userId: promoted.id, role: 'citizen', signedInSecondsAgo: 9 * HOUR });
    expect(await getCurrentUser()).toBeNull();
  });
});

describe('the revival sequence: a copied cookie after each event that ends sessions', () => {
  it('sign-out, "sign out everywhere", a password change or reset, a login-email change and a role change each end it', async () => {
    const citizen = await createUser();
    const admin = await createUser('admin');
    const agent = await createUser('agent');
    const events: [string, { id: string; role: Role }, () => Promise<unknown>][] = [
      ['sign-out', citizen, () => endAllSessions(ctx, citizen.id, 'account.signout')],
      ['sign out everywhere', citizen, () => endAllSessions(ctx, citizen.id, 'account.signout_everywhere')],
      ['password change', citizen, () => changePassword(ctx, citizen.id, PASSWORD, 'un tout nouveau mot de passe solide')],
      [
        'password reset',
        citizen,
        async () => {
          await requestPasswordReset(ctx, citizen.email, 'client-guards');
          const mail = await lastEmailTo(database, citizen.email);
          expect(await resetPassword(ctx, linkToken(mail!.text, '/reinitialiser/'), 'le mot de passe choisi après l’oubli')).toEqual({ ok: true });
        },
      ],
      [
        'login-email change',
        citizen,
        async () => {
          const newEmail = `nouvelle.${randomUUID().slice(0, 8)}@exemple.fr`;
          expect(await requestEmailChange(ctx, citizen.id, newEmail, 'le mot de passe choisi après l’oubli')).toEqual({ ok: true });
          // The request alone ends nothing; following the link does.
          expect(await getCurrentUser()).toMatchObject({ id: citizen.id });
          const mail = await lastEmailTo(database, newEmail);
          expect(await confirmEmailChange(ctx, linkToken(mail!.text, '/confirmer/'))).toEqual({ ok: true });
        },
      ],
      ['role change', agent, () => changeAgentRole(database.db, { id: admin.id, role: 'admin' }, { userId: agent.id, role: 'admin' })],
    ];
    for (const [event, user, end] of events) {
      const [row] = await database.db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, user.id));
      const copied = await mintSessionCookie({ userId: user.id, role: user.role, sessionVersion: row.sessionVersion });
      jar.reset({ [SESSION_COOKIE]: copied });
      expect(await getCurrentUser(), `before ${event}`).toMatchObject({ id: user.id });
      await end();
      jar.reset({ [SESSION_COOKIE]: copied });
      expect(await getCurrentUser(), `after ${event}`).toBeNull();
    }
  });

  it('the device that changed the password is re-issued a cookie by the server, with the version from the database and the same sign-in time', async () => {
    const citizen = await createUser();
    await sendCookie({ userId: citizen.id, signedInSecondsAgo: 2 * HOUR });
    const before = jar.get(SESSION_COOKIE)!.value;
    const result = await changePassword(ctx, citizen.id, PASSWORD, 'encore un autre mot de passe solide');
    if (!result.ok || result.sessionVersion === undefined) throw new Error('password not changed');
    await reissueCurrentSession(citizen.id, result.sessionVersion);
    const reissued = jar.get(SESSION_COOKIE)!.value;
    expect(reissued).not.toBe(before);
    jar.reset({ [SESSION_COOKIE]: reissued });
    expect(await getCurrentUser()).toMatchObject({ id: citizen.id, sessionVersion: 2 });
    // The absolute lifetime still counts from the sign-in two hours ago.
    const { decodeSessionCookie, sessionEndsAt } = await import('@/lib/auth/session-token');
    const token = (await decodeSessionCookie((name) => jar.get(name)?.value))!.token;
    expect(sessionEndsAt(token) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(10 * HOUR + 5);

    // Someone else's cookie is never re-issued by this user's change.
    const other = await createUser();
    await sendCookie({ userId: other.id });
    const untouched = jar.get(SESSION_COOKIE)!.value;
    await reissueCurrentSession(citizen.id, 2);
    expect(jar.get(SESSION_COOKIE)!.value).toBe(untouched);
  });
});

describe('requireCitizen, requireAgent, requireAdmin', () => {
  it('send anonymous and revoked sessions to the sign-in page with the way back', async () => {
    expect(await outcome(() => requireCitizen('/demandes?page=2'))).toBe('redirect:/connexion?callbackUrl=%2Fdemandes%3Fpage%3D2');
    expect(await outcome(() => requireAgent())).toBe('redirect:/connexion?callbackUrl=%2Fadmin');
    expect(await outcome(() => requireAdmin('/admin/agents'))).toBe('redirect:/connexion?callbackUrl=%2Fadmin%2Fagents');
    const agent = await createUser('agent');
    await database.db.update(users).set({ sessionVersion: 5 }).where(eq(users.id, agent.id));
    await sendCookie({ userId: agent.id, role: 'agent', sessionVersion: 4 });
    expect(await outcome(() => requireAgent())).toBe('redirect:/connexion?callbackUrl=%2Fadmin');
    // A callback to another site is never built into the sign-in link.
    jar.reset();
    expect(await outcome(() => requireCitizen('//evil.example/compte'))).toBe('redirect:/connexion?callbackUrl=%2F');
  });

  it('answer 404 to whoever lacks the role, and let the role through', async () => {
    const citizen = await createUser('citizen');
    const agent = await createUser('agent');
    const admin = await createUser('admin');
    const expected: [typeof citizen, string, string][] = [
      [citizen, 'not-found', 'not-found'],
      [agent, `user:${agent.id}`, 'not-found'],
      [admin, `user:${admin.id}`, `user:${admin.id}`],
    ];
    for (const [user, asAgent, asAdmin] of expected) {
      await sendCookie({ userId: user.id, role: user.role as Role });
      expect(await outcome(() => requireAgent()), `${user.role} as agent`).toBe(asAgent);
      expect(await outcome(() => requireAdmin()), `${user.role} as admin`).toBe(asAdmin);
    }
  });

  it('go by the role in the database: a cookie that still says "admin" does not make an administrator', async () => {
    const demoted = await createUser('agent');
    // As if the role had changed without the sessions ending: the cookie's role claim is not trusted.
    await sendCookie({ userId: demoted.id, role: 'admin' });
    expect(await outcome(() => requireAdmin())).toBe('not-found');
    await database.db.update(users).set({ role: 'citizen' }).where(eq(users.id, demoted.id));
    expect(await outcome(() => requireAgent())).toBe('not-found');
  });
});
