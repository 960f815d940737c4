import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { users } from '@/db/schema';
import { getAuthSecret } from '@/lib/security/auth-secret';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The guard itself, not mocked: a session cookie of an agent or administrator opens the back office
// only if it was issued by the second-factor step (claim `mfa`). Only the request (its cookies) and
// the database handle are stand-ins.

const jar = new Map<string, string>();
vi.mock('next/headers', () => ({ cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }) }));
let db: TestDatabase;
vi.mock('@/lib/db', () => ({ getDb: async () => db.db }));

const { getCurrentUser } = await import('@/lib/auth/guards');

async function signedInAs(user: { id: string; sessionVersion: number; role: string }, claims: Record<string, unknown> = {}) {
  jar.clear();
  const token = { sub: user.id, userId: user.id, role: user.role, sessionVersion: user.sessionVersion, auth_time: Math.floor(Date.now() / 1000), ...claims };
  jar.set('authjs.session-token', await encode({ token, secret: getAuthSecret(), salt: 'authjs.session-token', maxAge: 600 }));
}

async function createUser(role: 'citizen' | 'agent' | 'admin') {
  const [row] = await db.db
    .insert(users)
    .values({ email: `${role}.${randomUUID().slice(0, 8)}@mairie.fr`, passwordHash: 'not-used', role, emailVerifiedAt: new Date() })
    .returning();
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('getCurrentUser and the second factor', () => {
  it('refuses an agent’s or administrator’s session opened without the second factor', async () => {
    for (const role of ['agent', 'admin'] as const) {
      const user = await createUser(role);
      await signedInAs(user);
      expect(await getCurrentUser()).toBeNull();
      await signedInAs(user, { mfa: false });
      expect(await getCurrentUser()).toBeNull();
      await signedInAs(user, { mfa: true });
      expect(await getCurrentUser()).toMatchObject({ id: user.id, role });
    }
  });

  it('refuses a citizen’s session once the account becomes an agent (promoted while signed in)', async () => {
    const user = await createUser('citizen');
    await signedInAs(user);
    expect(await getCurrentUser()).toMatchObject({ id: user.id, role: 'citizen' });
    const { eq } = await import('drizzle-orm');
    await db.db.update(users).set({ role: 'agent' }).where(eq(users.id, user.id));
    expect(await getCurrentUser()).toBeNull();
  });
});
