import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database, type Transaction } from '@/db/client';
import { auditLog, dossierEvents, dossiers, lockerDocuments, notifications, preferences, profiles, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDatabase } from '@/db/seed';
import type { FollowUpContext } from '@/lib/notifications/notify';
import { changeDossierStatus, publishResponse, sendAgentMessage } from '@/lib/processing/process';
import { findAttachmentInScope, findDossierInScope, listProceduresInScope } from '@/lib/processing/queries';
import { listQueuePage } from '@/lib/processing/queue';
import { dossierListQuerySchema } from '@/lib/processing/schemas';

import type { BackOfficeUser } from '@/lib/processing/scope';
import { createDraft, saveDraftAnswers, submitDossier } from '@/lib/dossiers';
import { findCitizenAttachment, findCitizenFollowUp } from '@/lib/dossiers/follow-up';
import { createJobQueue, createJobQueues, enqueueEmailInTransaction, fromEmailJobData, type EmailJobData } from '@/lib/jobs';
import { postCitizenMessage } from '@/lib/messages/citizen-reply';
import { sql } from 'drizzle-orm';
import { createLocalDiskBlobStore, type BlobStore } from '@/lib/storage';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/db';

// The back office against a real database, on both drivers: who reaches which dossier, and that
// an agent's change, its timeline event, the citizen's notification and the email job are one
// transaction, the email depending on the citizen's preferences.
const listDossiersInScope = (db: Parameters<typeof listQueuePage>[0], user: Parameters<typeof listQueuePage>[1], params: Record<string, string>) =>
  listQueuePage(db, user, dossierListQuerySchema.parse(params));

const streetReport = { typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description: 'Lampadaire éteint depuis lundi.', recontact: false };
const SECRET_MESSAGE = 'Votre quotient familial de 412 € ne permet pas…';

type Person = { id: string; email: string };

async function createUser(db: Database, role: 'citizen' | 'agent' | 'admin' = 'citizen'): Promise<Person> {
  const email = `${role}.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await db.insert(users).values({ email, role, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await db.insert(profiles).values({ userId: user.id, birthName: 'Bernard', firstNames: 'Alex', phone: '06 11 22 33 44' });
  return { id: user.id, email };
}

async function startDraft(db: Database, owner: Person): Promise<string> {
  const created = await createDraft(db, owner, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(`createDraft: ${created.reason}`);
  const saved = await saveDraftAnswers(db, owner.id, created.id, { baseVersion: 1, changes: streetReport });
  if (!saved.ok) throw new Error(`saveDraftAnswers: ${saved.reason}`);
  return created.id;
}

async function submittedDossier(db: Database, owner: Person): Promise<string> {
  const id = await startDraft(db, owner);
  const result = await submitDossier(db, owner.id, id, { baseVersion: 2 }, { origin: 'https://demarches.test', portalName: 'Portail de test', sendEmail: async () => {} });
  if (!result.ok) throw new Error(`submitDossier: ${result.reason}`);
  return id;
}

async function emailJobs(db: Database): Promise<EmailJobData[]> {
  const rows = await queryRows<{ data: EmailJobData | string }>(db, sql`select data from pgboss.job where name = 'send-email' order by created_on`);
  return rows.map((row) => (typeof row.data === 'string' ? JSON.parse(row.data) : row.data));
}

async function emailJobsTo(db: Database, to: string) {
  return (await emailJobs(db)).filter((job) => job.to === to).map((job) => fromEmailJobData(job));
}

async function statusOf(db: Database, id: string) {
  const [row] = await db.select({ status: dossiers.status }).from(dossiers).where(eq(dossiers.id, id));
  return row.status;
}

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['PGlite', createEmbeddedTestDatabase],
])('back office on %s', (_name, createDatabase) => {
  let database: TestDatabase;
  let boss: PgBoss;
  let blobDir: string;
  let store: BlobStore;
  let ctx: FollowUpContext & { store: BlobStore };
  let citizen: Person;
  let otherCitizen: Person;
  let agent: BackOfficeUser;
  let unassignedAgent: BackOfficeUser;
  let admin: BackOfficeUser;
  let dossierId: string;
  let draftId: string;

  beforeAll(async () => {
    database = await createDatabase();
    const { db } = database;
    await seedDatabase(db, { hashPassword: async () => 'not-a-real-hash' });
    const [demoAgent] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.agent));
    agent = { id: demoAgent.id, role: 'agent' };
    unassignedAgent = { id: (await createUser(db, 'agent')).id, role: 'agent' };
    admin = { id: (await createUser(db, 'admin')).id, role: 'admin' };
    citizen = await createUser(db);
    otherCitizen = await createUser(db);
    dossierId = await submittedDossier(db, citizen);
    draftId = await startDraft(db, citizen);
    await db.insert(lockerDocuments).values({
      ownerId: citizen.id,
      title: 'Avis d’imposition',
      filename: 'avis.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 4,
      sha256: 'x',
      storageKey: `locker/${citizen.id}/doc`,
    });

    boss = createJobQueue({ handle: database, connectionString: database.url }, { pollingIntervalSeconds: 0.5 });
    await boss.start();
    await createJobQueues(boss);
    blobDir = await mkdtemp(path.join(tmpdir(), 'backoffice-'));
    store = createLocalDiskBlobStore({ rootDir: blobDir });
    ctx = {
      db,
      store,
      origin: 'https://demarches.test',
      portalName: 'Portail de test',
      sendEmailInTransaction: (tx: Transaction, message) => enqueueEmailInTransaction(boss, tx, message),
    };
  });

  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await database?.drop();
    if (blobDir) await rm(blobDir, { recursive: true, force: true });
  });

  describe('who reaches what', () => {
    it('an assigned agent and an administrator see the submitted dossier; an unassigned agent sees nothing', async () => {
      const { db } = database;
      const query = {};
      expect((await listDossiersInScope(db, agent, query)).items.map((d) => d.id)).toContain(dossierId);
      expect((await listDossiersInScope(db, admin, query)).items.map((d) => d.id)).toContain(dossierId);
      expect(await listDossiersInScope(db, unassignedAgent, query)).toMatchObject({ items: [], nextCursor: null });
      expect(await listProceduresInScope(db, unassignedAgent)).toEqual([]);
      expect(await findDossierInScope(db, unassignedAgent, dossierId)).toBeNull();
      expect(await changeDossierStatus(ctx, unassignedAgent, dossierId, { status: 'transmis' })).toEqual({ ok: false, reason: 'not-found' });
      expect(await sendAgentMessage(ctx, unassignedAgent, dossierId, 'Bonjour')).toEqual({ ok: false, reason: 'not-found' });
      expect(await statusOf(db, dossierId)).toBe('recu');
    });

    it('drafts never appear, whoever asks', async () => {
      const { db } = database;
      for (const user of [agent, admin]) {
        expect((await listDossiersInScope(db, user, {})).items.map((d) => d.id)).not.toContain(draftId);
        expect(await findDossierInScope(db, user, draftId)).toBeNull();
        expect(await changeDossierStatus(ctx, user, draftId, { status: 'transmis' })).toEqual({ ok: false, reason: 'not-found' });
      }
      expect(await statusOf(db, draftId)).toBe('draft');
    });

    it('the citizen’s locker is unreachable: a locker document id is not a dossier file', async () => {
      const { db } = database;
      const [locker] = await db.select({ id: lockerDocuments.id }).from(lockerDocuments).where(eq(lockerDocuments.ownerId, citizen.id));
      expect(await findAttachmentInScope(db, admin, dossierId, locker.id)).toBeNull();
      const view = await findDossierInScope(db, admin, dossierId);
      expect(JSON.stringify(view)).not.toContain('avis.pdf');
    });

    it('the agent reads the frozen answers with their labels, the beneficiary and the status list of the version', async () => {
      const view = await findDossierInScope(database.db, agent, dossierId);
      expect(view).toMatchObject({ procedureTitle: 'Signaler un problème sur la voie publique', status: { key: 'recu', label: 'Signalement reçu' } });
      expect(view!.answers.flatMap((s) => s.items)).toContainEqual(expect.objectContaining({ label: expect.any(String), value: 'Place de la Mairie' }));
      expect(view!.statuses.map((s) => s.key)).toEqual(['recu', 'transmis', 'intervention', 'resolu', 'classe']);
      expect(view!.timeline.map((e) => e.kind)).toEqual(['submitted']);
    });

    it('filters by procedure and status', async () => {
      const { db } = database;
      const all = await listProceduresInScope(db, agent);
      const street = all.find((p) => p.title.startsWith('Signaler'))!;
      const other = all.find((p) => p.id !== street.id)!;
      expect((await listDossiersInScope(db, agent, { procedure: street.id, status: 'recu' })).items.map((d) => d.id)).toContain(dossierId);
      expect((await listDossiersInScope(db, agent, { procedure: other.id })).items.map((d) => d.id)).not.toContain(dossierId);
      expect((await listDossiersInScope(db, agent, { procedure: street.id, status: 'resolu' })).items.map((d) => d.id)).not.toContain(dossierId);
    });
  });

  describe('one transaction per change', () => {
    it('a status change writes the status, the event, the notification, the email job and the audit entry together', async () => {
      const { db } = database;
      const result = await changeDossierStatus(ctx, agent, dossierId, { status: 'transmis', comment: 'Transmis au service éclairage public.' });
      expect(result).toEqual({ ok: true, statusLabel: 'Transmis aux services techniques', emailed: true });
      expect(await statusOf(db, dossierId)).toBe('transmis');
      const events = await db.select().from(dossierEvents).where(and(eq(dossierEvents.dossierId, dossierId), eq(dossierEvents.kind, 'status_changed')));
      expect(events).toMatchObject([{ fromStatus: 'recu', toStatus: 'transmis', actorId: agent.id, note: 'Transmis au service éclairage public.' }]);
      const notes = await db.select().from(notifications).where(and(eq(notifications.userId, citizen.id), eq(notifications.kind, 'status_change')));
      expect(notes).toMatchObject([{ title: 'Nouveau statut : Transmis aux services techniques', link: `/demandes/${dossierId}` }]);
      const [email] = await emailJobsTo(db, citizen.email);
      expect(email.subject).toContain('Transmis aux services techniques');
      expect(email.text).toContain(`https://demarches.test/demandes/${dossierId}`);
      // The comment stays on the portal.
      expect(email.text).not.toContain('éclairage public');
      const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'backoffice.status_changed'), eq(auditLog.targetId, dossierId)));
      expect(audit).toHaveLength(1);
    });

    it('when anything fails after the email job was queued, nothing of the change remains', async () => {
      const { db } = database;
      const before = await statusOf(db, dossierId);
      const jobsBefore = (await emailJobs(db)).length;
      const failing = {
        ...ctx,
        sendEmailInTransaction: async (tx: Transaction, message: Parameters<typeof ctx.sendEmailInTransaction>[1]) => {
          await ctx.sendEmailInTransaction(tx, message);
          throw new Error('simulated failure after the job insert');
        },
      };
      await expect(changeDossierStatus(failing, agent, dossierId, { status: 'intervention' })).rejects.toThrow('simulated failure');
      expect(await statusOf(db, dossierId)).toBe(before);
      expect(await db.select().from(dossierEvents).where(and(eq(dossierEvents.dossierId, dossierId), eq(dossierEvents.toStatus, 'intervention')))).toEqual([]);
      expect(await db.select().from(notifications).where(and(eq(notifications.userId, citizen.id), eq(notifications.title, 'Nouveau statut : Intervention programmée')))).toEqual([]);
      expect(await emailJobs(db)).toHaveLength(jobsBefore);
    });

    it('refuses a status outside the version’s list, and the current status', async () => {
      expect(await changeDossierStatus(ctx, agent, dossierId, { status: 'accordee' })).toEqual({ ok: false, reason: 'unknown-status' });
      expect(await changeDossierStatus(ctx, agent, dossierId, { status: await statusOf(database.db, dossierId) })).toEqual({ ok: false, reason: 'same-status' });
    });
  });

  describe('emails follow the citizen’s preferences', () => {
    it('no email for a status change when unticked, yet the notification is there; messages still emailed, without their content', async () => {
      const { db } = database;
      const person = await createUser(db);
      const id = await submittedDossier(db, person);
      await db.insert(preferences).values({ userId: person.id, emailOnStatusChange: false, emailOnMessage: true, emailOnResponse: false });

      expect(await changeDossierStatus(ctx, agent, id, { status: 'transmis' })).toMatchObject({ ok: true, emailed: false });
      expect(await emailJobsTo(db, person.email)).toEqual([]);
      expect(await db.select({ title: notifications.title }).from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.kind, 'status_change')))).toHaveLength(1);

      expect(await sendAgentMessage(ctx, agent, id, SECRET_MESSAGE)).toMatchObject({ ok: true, emailed: true });
      const [email] = await emailJobsTo(db, person.email);
      expect(email.subject).toContain('Nouveau message');
      expect(email.text).not.toContain('quotient');

      const pdf = Buffer.from('%PDF-1.4\n%réponse\n');
      const file = { bytes: pdf, filename: 'reponse.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') };
      expect(await publishResponse(ctx, agent, id, file)).toMatchObject({ ok: true, emailed: false });
      expect(await emailJobsTo(db, person.email)).toHaveLength(1);
      const kinds = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, person.id));
      expect(kinds.map((k) => k.kind).sort()).toEqual(['message', 'response', 'status_change', 'submitted']);
    });
  });

  describe('what the citizen reaches', () => {
    it('the owner reads the message and downloads the response; another citizen finds nothing', async () => {
      const { db } = database;
      const body = Buffer.from('%PDF-1.4\n%arrêté de voirie\n');
      const file = { bytes: body, filename: 'arrete.pdf', mimeType: 'application/pdf', sizeBytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
      await sendAgentMessage(ctx, agent, dossierId, SECRET_MESSAGE);
      const published = await publishResponse(ctx, agent, dossierId, file, 'Intervention réalisée le 3 décembre.');
      if (!published.ok) throw new Error('publishResponse failed');

      const followUp = await findCitizenFollowUp(db, citizen.id, dossierId);
      expect(followUp!.thread).toContainEqual(expect.objectContaining({ author: 'agent', body: SECRET_MESSAGE }));
      expect(followUp!.responses).toMatchObject([{ id: published.attachmentId, filename: 'arrete.pdf' }]);
      expect(followUp!.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['submitted', 'status_changed', 'agent_message', 'response_published']));
      expect(JSON.stringify(followUp)).not.toContain('dossiers/');

      const stored = await findCitizenAttachment(db, citizen.id, dossierId, published.attachmentId);
      expect(stored).toMatchObject({ filename: 'arrete.pdf', storageKey: `dossiers/${dossierId}/${published.attachmentId}` });
      const chunks: Buffer[] = [];
      for await (const chunk of await store.get(stored!.storageKey)) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(body)).toBe(true);

      expect(await findCitizenFollowUp(db, otherCitizen.id, dossierId)).toBeNull();
      expect(await findCitizenAttachment(db, otherCitizen.id, dossierId, published.attachmentId)).toBeNull();
      expect(await postCitizenMessage(db, otherCitizen.id, dossierId, 'Intrusion')).toEqual({ ok: false, reason: 'not-found' });
      expect(await postCitizenMessage(db, citizen.id, draftId, 'Sur un brouillon')).toEqual({ ok: false, reason: 'not-found' });
    });

    it('the citizen’s reply reaches the agent and emails nobody', async () => {
      const { db } = database;
      const jobsBefore = (await emailJobs(db)).length;
      expect(await postCitizenMessage(db, citizen.id, dossierId, 'Merci pour votre intervention rapide.')).toMatchObject({ ok: true });
      expect(await emailJobs(db)).toHaveLength(jobsBefore);
      const view = await findDossierInScope(db, agent, dossierId);
      expect(view!.thread.at(-1)).toMatchObject({ author: 'citizen', body: 'Merci pour votre intervention rapide.' });
      expect(view!.timeline.at(-1)).toMatchObject({ kind: 'citizen_message' });
      const [row] = (await listDossiersInScope(db, agent, {})).items.filter((d) => d.id === dossierId);
      expect(row.unreadMessages).toBe(1);
    });

    it('an out-of-scope agent cannot publish a response, and no file is left behind', async () => {
      const body = Buffer.from('%PDF-1.4\n');
      const file = { bytes: body, filename: 'x.pdf', mimeType: 'application/pdf', sizeBytes: body.length, sha256: 'x' };
      expect(await publishResponse(ctx, unassignedAgent, dossierId, file)).toEqual({ ok: false, reason: 'not-found' });
      const view = await findDossierInScope(database.db, admin, dossierId);
      expect(view!.responses.map((r) => r.filename)).not.toContain('x.pdf');
    });
  });

  it('submission itself leaves a notification for the citizen', async () => {
    const rows = await database.db.select({ title: notifications.title, link: notifications.link }).from(notifications).where(and(eq(notifications.userId, citizen.id), eq(notifications.kind, 'submitted')));
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toMatch(/^Demande déposée n° \d{4}-\d{6}$/);
    expect(rows[0].link).toBe(`/demandes/${dossierId}`);
  });
});
