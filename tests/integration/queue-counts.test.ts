import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '@/db/client';
import { dossierEvents, dossiers, procedures, profiles, queueStatusCounts, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDatabase } from '@/db/seed';
import { deleteAccount } from '@/lib/accounts/deletion';
import { createDraft, deleteDraft, saveDraftAnswers, submitDossier } from '@/lib/dossiers';
import { applyRetention } from '@/lib/lifecycle/retention';
import { monthsBefore } from '@/lib/lifecycle/retention-rules';
import type { FollowUpContext } from '@/lib/notifications/notify';
import { changeDossierStatus, changeStatusInBulk } from '@/lib/processing/process';
import { COUNT_CAP, formatCount } from '@/lib/processing/count-cap';
import { countQueue } from '@/lib/processing/queue-counts';
import { dossierListQuerySchema } from '@/lib/processing/schemas';
import type { BackOfficeUser } from '@/lib/processing/scope';
import { hashPassword } from '@/lib/security/password';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestAccountContext } from '../helpers/accounts';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestProcedure, insertDossier } from '../helpers/lifecycle';

// The counts per status of the queue come from queue_status_counts, kept by a trigger on dossiers
// (migration 0009_queue-counts). Every path that submits, changes a status or deletes dossiers must
// leave it equal to a recount; without the trigger the first expectation already fails.

const PASSWORD = 'une phrase de passe de test';
const report = { typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description: 'Lampadaire éteint.', recontact: false };
const mailContext = { origin: 'https://demarches.test', portalName: 'Portail de test', sendEmail: async () => {} };

/** The counter table's non-zero figures for one procedure. */
async function countersOf(db: Database, procedureId: string): Promise<Record<string, number>> {
  const rows = await db.select({ status: queueStatusCounts.status, n: queueStatusCounts.n }).from(queueStatusCounts).where(eq(queueStatusCounts.procedureId, procedureId));
  return Object.fromEntries(rows.filter((row) => row.n !== 0).map((row) => [row.status, row.n]));
}

/** The same figures counted from the dossiers (the queue's scope: submitted, numbered, not a draft). */
async function recount(db: Database, procedureId: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: number | string }>(
    db,
    sql`select status, count(*) as n from dossiers where procedure_id = ${procedureId} and number is not null and submitted_at is not null and status <> 'draft' group by status`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

async function expectCounts(db: Database, procedureId: string, figures: Record<string, number>) {
  const expected = Object.fromEntries(Object.entries(figures).filter(([, n]) => n !== 0));
  expect(await countersOf(db, procedureId)).toEqual(expected);
  expect(await recount(db, procedureId)).toEqual(expected);
}

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['PGlite', createEmbeddedTestDatabase],
])('queue counts per status on %s', (driver, createDatabase) => {
  let database: TestDatabase;
  let db: Database;
  let ctx: FollowUpContext;
  let agent: BackOfficeUser;
  let voirieId: string;
  let diskRoot: string;
  let store: BlobStore;
  const submittedIds: string[] = [];

  async function createCitizen(): Promise<{ id: string; email: string }> {
    const email = `compteur.${randomUUID().slice(0, 8)}@exemple.fr`;
    const [user] = await db.insert(users).values({ email, role: 'citizen', passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() }).returning({ id: users.id });
    await db.insert(profiles).values({ userId: user.id, firstNames: 'Anne', birthName: 'Compteur' });
    return { id: user.id, email };
  }

  async function submit(owner: { id: string; email: string }): Promise<string> {
    const created = await createDraft(db, owner, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
    if (!created.ok) throw new Error(created.reason);
    const saved = await saveDraftAnswers(db, owner.id, created.id, { baseVersion: 1, changes: report });
    if (!saved.ok) throw new Error(saved.reason);
    const result = await submitDossier(db, owner.id, created.id, { baseVersion: 2 }, mailContext);
    if (!result.ok) throw new Error(result.reason);
    return created.id;
  }

  beforeAll(async () => {
    database = await createDatabase();
    db = database.db;
    await seedDatabase(db, { hashPassword: async () => 'not-a-real-hash' });
    const [demoAgent] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.agent));
    agent = { id: demoAgent.id, role: 'agent' };
    const [voirie] = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.slug, 'signalement-voirie'));
    voirieId = voirie.id;
    ctx = { db, origin: 'https://demarches.test', portalName: 'Portail de test', sendEmailInTransaction: async () => {} };
    diskRoot = await mkdtemp(path.join(tmpdir(), 'queue-counts-'));
    store = createBlobStore({ kind: 'local-disk', rootDir: diskRoot });
  });

  afterAll(async () => {
    await database?.drop();
    if (diskRoot) await rm(diskRoot, { recursive: true, force: true });
  });

  it('starts equal to a recount of the seeded dossiers (the migration backfills, the seed goes through the trigger)', async () => {
    expect(await countersOf(db, voirieId)).toEqual(await recount(db, voirieId));
  });

  it('counts a submission, not a draft nor its deletion', async () => {
    const before = await recount(db, voirieId);
    const citizen = await createCitizen();
    const draft = await createDraft(db, citizen, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
    if (!draft.ok) throw new Error(draft.reason);
    expect(await countersOf(db, voirieId)).toEqual(before);
    expect(await deleteDraft(db, citizen.id, draft.id)).toBe(true);
    submittedIds.push(await submit(citizen), await submit(citizen), await submit(citizen));
    await expectCounts(db, voirieId, { ...before, recu: (before.recu ?? 0) + 3 });
    // The queue's counts read the table.
    const counts = await countQueue(db, agent, dossierListQuerySchema.parse({ procedure: voirieId }));
    expect(counts.byStatus).toEqual({ ...before, recu: (before.recu ?? 0) + 3 });
  });

  it('moves a dossier between statuses on a single change and on a bulk change', async () => {
    const before = await recount(db, voirieId);
    expect(await changeDossierStatus(ctx, agent, submittedIds[0], { status: 'transmis' })).toMatchObject({ ok: true });
    await expectCounts(db, voirieId, { ...before, recu: before.recu - 1, transmis: (before.transmis ?? 0) + 1 });
    const bulk = await changeStatusInBulk(ctx, agent, { procedureId: voirieId, dossierIds: submittedIds.slice(1), status: 'transmis' });
    expect(bulk).toMatchObject({ ok: true, changed: 2 });
    await expectCounts(db, voirieId, { ...before, recu: before.recu - 3, transmis: (before.transmis ?? 0) + 3 });
  });

  it('forgets the dossiers of a deleted account (tombstones kept)', async () => {
    const before = await recount(db, voirieId);
    const citizen = await createCitizen();
    await submit(citizen);
    await submit(citizen);
    await expectCounts(db, voirieId, { ...before, recu: (before.recu ?? 0) + 2 });
    expect(await deleteAccount(createTestAccountContext(database), store, citizen.id, PASSWORD)).toEqual({ ok: true });
    await expectCounts(db, voirieId, before);
  });

  it('forgets a dossier removed at the end of its retention period', async () => {
    const procedure = await createTestProcedure(database, { closedDossierRetentionMonths: 24 });
    const citizen = await createCitizen();
    const now = new Date();
    const closed = await insertDossier(database, citizen.id, procedure, { status: 'accepted' });
    await db.insert(dossierEvents).values({ dossierId: closed.id, kind: 'status_changed', toStatus: 'accepted', createdAt: monthsBefore(now, 25) });
    await insertDossier(database, citizen.id, procedure, { status: 'submitted' });
    await expectCounts(db, procedure.id, { accepted: 1, submitted: 1 });
    const result = await applyRetention({ db, store, mailer: { send: async () => ({ id: 'm' }) }, origin: 'https://demarches.test', portalName: 'Portail de test', now });
    expect(result.dossiersDeleted).toBe(1);
    await expectCounts(db, procedure.id, { submitted: 1 });
  });

  it('counts exactly from the table without a row filter, and stops at the cap with one', async () => {
    const procedure = await createTestProcedure(database);
    const citizen = await createCitizen();
    const admin: BackOfficeUser = { id: agent.id, role: 'admin' };
    await db.execute(sql`
      insert into dossiers (owner_id, procedure_id, procedure_version_id, status, number, submitted_at)
      select ${citizen.id}::uuid, ${procedure.id}::uuid, ${procedure.versionId}::uuid, 'submitted', 'K-' || i, now() from generate_series(1, ${COUNT_CAP + 5}) i`);
    const exact = await countQueue(db, admin, dossierListQuerySchema.parse({ procedure: procedure.id }));
    expect(exact).toEqual({ total: COUNT_CAP + 5, byStatus: { submitted: COUNT_CAP + 5 } });
    const filtered = await countQueue(db, admin, dossierListQuerySchema.parse({ procedure: procedure.id, attribution: 'aucun' }));
    expect(filtered).toEqual({ total: COUNT_CAP + 1, byStatus: { submitted: COUNT_CAP + 1 } });
    expect(formatCount(filtered.total)).toMatch(/^plus de 1.000$/);
  });

  it.runIf(driver === 'PostgreSQL')('loses no increment when dossiers are submitted at the same time', async () => {
    const procedure = await createTestProcedure(database);
    const citizen = await createCitizen();
    // 20 transactions on separate connections, all creating then bumping the same counter row.
    await Promise.all(Array.from({ length: 20 }, () => db.transaction((tx) => tx.insert(dossiers).values({ ownerId: citizen.id, procedureId: procedure.id, procedureVersionId: procedure.versionId, status: 'submitted', number: `C-${randomUUID()}`, submittedAt: new Date() }))));
    await expectCounts(db, procedure.id, { submitted: 20 });
  });
});
