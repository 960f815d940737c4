import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { recordDossierRead } from '@/lib/processing/reads';
import type { BackOfficeUser } from '@/lib/processing/scope';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestCitizen, createTestProcedure, insertDossier } from '../helpers/lifecycle';

// "Dossier consulté" is written at most once per agent and dossier every 30 minutes: the agent's
// page renders again after every action's redirect, which must not flood the journal.

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['PGlite', createEmbeddedTestDatabase],
])('dossier views in the journal on %s', (_name, createDatabase) => {
  let database: TestDatabase;
  let db: Database;
  let dossierId: string;

  const agent = async (): Promise<BackOfficeUser> => {
    const [row] = await db.insert(users).values({ email: `vue.${randomUUID().slice(0, 8)}@exemple.fr`, role: 'agent', passwordHash: 'x', emailVerifiedAt: new Date() }).returning({ id: users.id });
    return { id: row.id, role: 'agent' };
  };
  const viewsBy = async (user: BackOfficeUser) =>
    db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.actorId, user.id), eq(auditLog.action, 'backoffice.dossier_viewed'), eq(auditLog.targetId, dossierId)));

  beforeAll(async () => {
    database = await createDatabase();
    db = database.db;
    const procedure = await createTestProcedure(database);
    const citizen = await createTestCitizen(database);
    ({ id: dossierId } = await insertDossier(database, citizen.id, procedure, { status: 'submitted' }));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('records the first view, not the renders that follow within 30 minutes, and again after them', async () => {
    const first = await agent();
    const second = await agent();
    await recordDossierRead(db, first, dossierId);
    await recordDossierRead(db, first, dossierId);
    await recordDossierRead(db, first, dossierId);
    expect(await viewsBy(first)).toHaveLength(1);
    // Another agent's view is theirs.
    await recordDossierRead(db, second, dossierId);
    expect(await viewsBy(second)).toHaveLength(1);
    // 31 minutes later, a new visit.
    await db.update(auditLog).set({ createdAt: sql`${auditLog.createdAt} - interval '31 minutes'` }).where(eq(auditLog.actorId, first.id));
    await recordDossierRead(db, first, dossierId);
    expect(await viewsBy(first)).toHaveLength(2);
    expect(await viewsBy(second)).toHaveLength(1);
  });
});
