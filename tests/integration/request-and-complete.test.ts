import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database, type Transaction } from '@/db/client';
import { auditLog, dossierAttachments, dossierEvents, dossierRequests, dossiers, lockerDocuments, notifications, profiles, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDatabase } from '@/db/seed';
import { answerCompletionRequest, type ItemSource } from '@/lib/completions/answer-request';
import { listCitizenCompletionRequests, listDossierIdsToComplete } from '@/lib/completions/queries';
import { askCompletionSchemaAt } from '@/lib/completions/schemas';
import { createDraft, saveDraftAnswers, submitDossier } from '@/lib/dossiers';
import { findCitizenAttachment, findCitizenFollowUp } from '@/lib/dossiers/follow-up';
import { createJobQueue, createJobQueues, enqueueEmailInTransaction } from '@/lib/jobs';
import { postCitizenMessage } from '@/lib/messages/citizen-reply';
import type { FollowUpContext } from '@/lib/notifications/notify';
import { askForCompletion } from '@/lib/processing/ask-completion';
import { withdrawCompletionRequest } from '@/lib/processing/withdraw-completion';
import { sendAgentMessage } from '@/lib/processing/process';
import { findAttachmentInScope, findDossierInScope, markCitizenMessagesRead } from '@/lib/processing/queries';
import type { BackOfficeUser } from '@/lib/processing/scope';
import { countUnreadDossiers } from '@/lib/processing/unread';
import { listQueuePage } from '@/lib/processing/queue';
import { dossierListQuerySchema } from '@/lib/processing/schemas';
import { createLocalDiskBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// "À compléter" against a real PostgreSQL (two answers at once need two connections), with the
// real guards: an agent outside the procedure, another citizen, a hostile file, a double post.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Justificatif\n%%EOF\n');
const streetReport = { typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description: 'Lampadaire éteint.', recontact: false };
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

type Person = { id: string; email: string };

async function createUser(db: Database, role: 'citizen' | 'agent' = 'citizen'): Promise<Person> {
  const email = `${role}.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await db.insert(users).values({ email, role, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await db.insert(profiles).values({ userId: user.id, birthName: 'Bernard', firstNames: 'Alex' });
  return { id: user.id, email };
}

async function submittedDossier(db: Database, owner: Person): Promise<string> {
  const created = await createDraft(db, owner, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(created.reason);
  await saveDraftAnswers(db, owner.id, created.id, { baseVersion: 1, changes: streetReport });
  const result = await submitDossier(db, owner.id, created.id, { baseVersion: 2 }, { origin: 'https://demarches.test', portalName: 'Portail de test', sendEmail: async () => {} });
  if (!result.ok) throw new Error(result.reason);
  return created.id;
}

const pdfFile = (name = 'justificatif.pdf') => new File([PDF], name, { type: 'application/pdf' });

describe('request and complete (PostgreSQL)', () => {
  let database: TestDatabase;
  let db: Database;
  let boss: PgBoss;
  let blobDir: string;
  let store: BlobStore;
  let ctx: FollowUpContext & { store: BlobStore };
  let citizen: Person;
  let otherCitizen: Person;
  let agent: BackOfficeUser;
  let outsider: BackOfficeUser;
  let lockerId: string;

  async function blobCount(dossierId: string): Promise<number> {
    return (await readdir(path.join(blobDir, 'dossiers', dossierId)).catch(() => [])).length;
  }

  async function ask(dossierId: string, documents: string[], correction?: string) {
    const result = await askForCompletion(ctx, agent, dossierId, { documents, correction, dueOn: inAMonth() });
    if (!result.ok) throw new Error(result.reason);
    return result.requestId;
  }

  async function itemIds(requestId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(db, sql`select id from dossier_request_items where request_id = ${requestId} order by position`);
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await seedDatabase(db, { hashPassword: async () => 'not-a-real-hash' });
    const [demoAgent] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.agent));
    agent = { id: demoAgent.id, role: 'agent' };
    outsider = { id: (await createUser(db, 'agent')).id, role: 'agent' };
    citizen = await createUser(db);
    otherCitizen = await createUser(db);
    boss = createJobQueue({ handle: database, connectionString: database.url }, { pollingIntervalSeconds: 0.5 });
    await boss.start();
    await createJobQueues(boss);
    blobDir = await mkdtemp(path.join(tmpdir(), 'completions-'));
    store = createLocalDiskBlobStore({ rootDir: blobDir });
    ctx = {
      db,
      store,
      origin: 'https://demarches.test',
      portalName: 'Portail de test',
      sendEmailInTransaction: (tx: Transaction, message) => enqueueEmailInTransaction(boss, tx, message),
    };
    const lockerKey = `locker/${citizen.id}/${randomUUID()}`;
    await store.put(lockerKey, PDF, { contentType: 'application/pdf', contentLength: PDF.length });
    const [doc] = await db
      .insert(lockerDocuments)
      .values({
        ownerId: citizen.id,
        title: 'Facture EDF',
        filename: 'facture-edf.pdf',
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        storageKey: lockerKey,
      })
      .returning({ id: lockerDocuments.id });
    lockerId = doc.id;
  });

  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await database?.drop();
    if (blobDir) await rm(blobDir, { recursive: true, force: true });
  });

  it('refuses a due date in the past, and a request that asks for nothing', () => {
    const schema = askCompletionSchemaAt(() => new Date('2027-03-10T12:00:00Z'));
    expect(schema.safeParse({ documents: 'Justificatif de domicile', dueOn: '2027-03-09' }).error?.issues[0].message).toBe('La date limite ne peut pas être dans le passé.');
    expect(schema.safeParse({ documents: '\n  \n', correction: '', dueOn: '2027-03-20' }).error?.issues[0].message).toBe('Indiquez au moins un document demandé ou la correction attendue.');
    expect(schema.parse({ documents: 'Justificatif de domicile\r\n\r\nRIB', dueOn: '2027-03-10' }).documents).toEqual(['Justificatif de domicile', 'RIB']);
  });

  it('an agent outside the procedure cannot ask; an agent of the procedure asks and the citizen is notified', async () => {
    const dossierId = await submittedDossier(db, citizen);
    expect(await askForCompletion(ctx, outsider, dossierId, { documents: ['RIB'], dueOn: inAMonth() })).toEqual({ ok: false, reason: 'not-found' });
    expect(await db.select().from(dossierRequests).where(eq(dossierRequests.dossierId, dossierId))).toEqual([]);

    const result = await askForCompletion(ctx, agent, dossierId, { documents: ['Justificatif de domicile de moins de 3 mois'], correction: 'Précisez le numéro de la rue.', dueOn: inAMonth() });
    expect(result).toMatchObject({ ok: true, emailed: true });
    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, citizen.id), eq(notifications.kind, 'completion_request')));
    expect(notice.title).toBe('Votre demande est à compléter');
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, dossierId), eq(auditLog.action, 'backoffice.completion_requested')));
    expect(JSON.stringify(audit.meta)).not.toContain('Précisez');
    const requests = await listCitizenCompletionRequests(db, citizen.id, dossierId);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ correction: 'Précisez le numéro de la rue.', answeredAt: null, items: [{ label: 'Justificatif de domicile de moins de 3 mois', file: null }] });
    expect(await listCitizenCompletionRequests(db, otherCitizen.id, dossierId)).toEqual([]);
  });

  it('the citizen answers with a locker document and a computer file; agents of the procedure and the owner download them, nobody else', async () => {
    const dossierId = await submittedDossier(db, citizen);
    const requestId = await ask(dossierId, ['Justificatif de domicile', 'RIB'], 'Précisez le numéro de la rue.');
    const [first, second] = await itemIds(requestId);
    const sources: Record<string, ItemSource> = { [first]: { upload: null, lockerId }, [second]: { upload: pdfFile('mon RIB.pdf'), lockerId: null } };

    // Another citizen's answer on this dossier: not found, nothing written.
    expect(await answerCompletionRequest(ctx, otherCitizen.id, dossierId, requestId, { message: 'x', sourceOf: (id) => sources[id] })).toEqual({ ok: false, reason: 'not-found' });
    // The correction asked needs a message.
    expect(await answerCompletionRequest(ctx, citizen.id, dossierId, requestId, { sourceOf: (id) => sources[id] })).toMatchObject({ ok: false, reason: 'incomplete', missingMessage: true });
    expect(await blobCount(dossierId)).toBe(0);

    expect((await listDossierIdsToComplete(db, citizen.id)).has(dossierId)).toBe(true);
    expect((await listDossierIdsToComplete(db, otherCitizen.id)).has(dossierId)).toBe(false);
    const answered = await answerCompletionRequest(ctx, citizen.id, dossierId, requestId, { message: 'C’est le 12 bis.', sourceOf: (id) => sources[id] });
    expect(answered).toEqual({ ok: true });
    expect((await listDossierIdsToComplete(db, citizen.id)).has(dossierId)).toBe(false);
    const [request] = await listCitizenCompletionRequests(db, citizen.id, dossierId);
    expect(request.answerMessage).toBe('C’est le 12 bis.');
    expect(request.items.map((i) => i.file?.filename)).toEqual(['facture-edf.pdf', 'mon RIB.pdf']);

    for (const item of request.items) {
      expect(await findAttachmentInScope(db, agent, dossierId, item.file!.id)).toMatchObject({ filename: item.file!.filename });
      expect(await findAttachmentInScope(db, outsider, dossierId, item.file!.id)).toBeNull();
      expect(await findCitizenAttachment(db, citizen.id, dossierId, item.file!.id)).not.toBeNull();
      expect(await findCitizenAttachment(db, otherCitizen.id, dossierId, item.file!.id)).toBeNull();
    }
    // The timeline shows both; the dossier's own answers did not change.
    const followUp = await findCitizenFollowUp(db, citizen.id, dossierId);
    expect(followUp!.timeline.map((e) => e.kind)).toEqual(['submitted', 'completion_requested', 'completion_answered']);
    const [row] = await db.select({ data: dossiers.data }).from(dossiers).where(eq(dossiers.id, dossierId));
    expect(row.data).toMatchObject(streetReport);

    // A second answer is refused: the first is frozen.
    expect(await answerCompletionRequest(ctx, citizen.id, dossierId, requestId, { message: 'Autre', sourceOf: (id) => sources[id] })).toEqual({ ok: false, reason: 'already-answered' });
  });

  it('two answers posted at once file one, and the other leaves no file behind', async () => {
    const dossierId = await submittedDossier(db, citizen);
    const requestId = await ask(dossierId, ['Justificatif de domicile']);
    const [item] = await itemIds(requestId);
    const answer = (name: string) => answerCompletionRequest(ctx, citizen.id, dossierId, requestId, { sourceOf: () => ({ upload: pdfFile(name), lockerId: null }) });
    const results = await Promise.all([answer('a.pdf'), answer('b.pdf'), answer('c.pdf')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'already-answered')).toHaveLength(2);
    const files = await db.select().from(dossierAttachments).where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.kind, 'request_answer')));
    expect(files).toHaveLength(1);
    expect(await blobCount(dossierId)).toBe(1);
    const events = await db.select().from(dossierEvents).where(and(eq(dossierEvents.dossierId, dossierId), eq(dossierEvents.kind, 'completion_answered')));
    expect(events).toHaveLength(1);
    const [linked] = await queryRows<{ attachment_id: string }>(db, sql`select attachment_id from dossier_request_items where id = ${item}`);
    expect(linked.attachment_id).toBe(files[0].id);
  });

  it('an agent withdraws an open request: the citizen is told, nothing is left to send, an answer is refused and keeps no file', async () => {
    const dossierId = await submittedDossier(db, citizen);
    const requestId = await ask(dossierId, ['RIB']);
    const otherDossier = await submittedDossier(db, citizen);
    // Outside the procedure, a request of another dossier, ids that are not ids: not found, nothing changed.
    expect(await withdrawCompletionRequest(ctx, outsider, dossierId, requestId)).toEqual({ ok: false, reason: 'not-found' });
    expect(await withdrawCompletionRequest(ctx, agent, otherDossier, requestId)).toEqual({ ok: false, reason: 'not-found' });
    expect(await withdrawCompletionRequest(ctx, agent, dossierId, 'pas-un-id')).toEqual({ ok: false, reason: 'not-found' });
    expect((await listDossierIdsToComplete(db, citizen.id)).has(dossierId)).toBe(true);

    expect(await withdrawCompletionRequest(ctx, agent, dossierId, requestId)).toMatchObject({ ok: true, emailed: true });
    expect((await listDossierIdsToComplete(db, citizen.id)).has(dossierId)).toBe(false);
    const [request] = await listCitizenCompletionRequests(db, citizen.id, dossierId);
    expect(request.withdrawnAt).toBeInstanceOf(Date);
    expect(request.answeredAt).toBeNull();
    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, citizen.id), eq(notifications.dossierId, dossierId), eq(notifications.kind, 'completion_withdrawn')));
    expect(notice.title).toBe('Demande de complément retirée');
    const followUp = await findCitizenFollowUp(db, citizen.id, dossierId);
    expect(followUp!.timeline.map((e) => e.kind)).toEqual(['submitted', 'completion_requested', 'completion_withdrawn']);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, dossierId), eq(auditLog.action, 'backoffice.completion_withdrawn')));
    expect(audit.actorId).toBe(agent.id);

    // Withdrawn once: again is "closed"; the citizen's answer is refused and no file stays.
    expect(await withdrawCompletionRequest(ctx, agent, dossierId, requestId)).toEqual({ ok: false, reason: 'closed' });
    expect(await answerCompletionRequest(ctx, citizen.id, dossierId, requestId, { sourceOf: () => ({ upload: pdfFile(), lockerId: null }) })).toEqual({ ok: false, reason: 'withdrawn' });
    expect(await blobCount(dossierId)).toBe(0);
    // An answered request cannot be withdrawn.
    const answeredId = await ask(otherDossier, ['RIB']);
    expect(await answerCompletionRequest(ctx, citizen.id, otherDossier, answeredId, { sourceOf: () => ({ upload: pdfFile(), lockerId: null }) })).toEqual({ ok: true });
    expect(await withdrawCompletionRequest(ctx, agent, otherDossier, answeredId)).toEqual({ ok: false, reason: 'closed' });
  });

  it('a withdrawal and an answer posted at once: exactly one wins, and a withdrawn request keeps no file', async () => {
    for (let round = 0; round < 4; round += 1) {
      const dossierId = await submittedDossier(db, citizen);
      const requestId = await ask(dossierId, ['Justificatif de domicile']);
      const [withdrawn, answered] = await Promise.all([
        withdrawCompletionRequest(ctx, agent, dossierId, requestId),
        answerCompletionRequest(ctx, citizen.id, dossierId, requestId, { sourceOf: () => ({ upload: pdfFile(), lockerId: null }) }),
      ]);
      expect([withdrawn.ok, answered.ok].filter(Boolean)).toHaveLength(1);
      const [row] = await db.select().from(dossierRequests).where(eq(dossierRequests.id, requestId));
      const files = await db.select().from(dossierAttachments).where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.kind, 'request_answer')));
      if (withdrawn.ok) {
        expect(answered).toEqual({ ok: false, reason: 'withdrawn' });
        expect(row.answeredAt).toBeNull();
        expect(files).toEqual([]);
        expect(await blobCount(dossierId)).toBe(0);
      } else {
        expect(withdrawn).toEqual({ ok: false, reason: 'closed' });
        expect(row.withdrawnAt).toBeNull();
        expect(files).toHaveLength(1);
      }
    }
    // The database refuses a row both answered and withdrawn, whatever the writer.
    const dossierId = await submittedDossier(db, citizen);
    const requestId = await ask(dossierId, ['RIB']);
    await expect(db.update(dossierRequests).set({ answeredAt: new Date(), withdrawnAt: new Date() }).where(eq(dossierRequests.id, requestId))).rejects.toThrow();
  });

  it('a hostile file (wrong type, oversized) is refused in French and nothing is half-written', async () => {
    const dossierId = await submittedDossier(db, citizen);
    const requestId = await ask(dossierId, ['Justificatif de domicile', 'RIB']);
    const [first, second] = await itemIds(requestId);
    const html = new File(['<html><script>alert(1)</script></html>'], 'facture.pdf', { type: 'application/pdf' });
    const result = await answerCompletionRequest(ctx, citizen.id, dossierId, requestId, {
      sourceOf: (id) => (id === first ? { upload: pdfFile(), lockerId: null } : { upload: html, lockerId: null }),
    });
    expect(result).toMatchObject({ ok: false, reason: 'file-refused' });
    expect(!result.ok && result.reason === 'file-refused' && result.errors[second]).toContain('n’est pas accepté');
    const big = new File([Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)])], 'scan.pdf', { type: 'application/pdf' });
    const tooBig = await answerCompletionRequest(ctx, citizen.id, dossierId, requestId, { sourceOf: (id) => ({ upload: id === first ? big : pdfFile(), lockerId: null }) });
    expect(!tooBig.ok && tooBig.reason === 'file-refused' && tooBig.errors[first]).toContain('dépasse la taille maximale de 10 Mo');
    // Another citizen's locker document is "not in your locker".
    const foreign = await answerCompletionRequest(ctx, otherCitizen.id, dossierId, requestId, { sourceOf: () => ({ upload: null, lockerId }) });
    expect(foreign).toEqual({ ok: false, reason: 'not-found' });
    const stolen = await answerCompletionRequest(ctx, citizen.id, dossierId, requestId, {
      sourceOf: (id) => (id === first ? { upload: pdfFile(), lockerId: null } : { upload: null, lockerId: randomUUID() }),
    });
    expect(stolen).toMatchObject({ ok: false, reason: 'file-refused' });

    const [request] = await listCitizenCompletionRequests(db, citizen.id, dossierId);
    expect(request.answeredAt).toBeNull();
    expect(request.items.every((i) => i.file === null)).toBe(true);
    expect(await db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, dossierId))).toEqual([]);
    expect(await blobCount(dossierId)).toBe(0);
  });

  it('messages carry a file both ways, downloadable only within scope; citizen activity marks the dossier unread until an agent opens it', async () => {
    const dossierId = await submittedDossier(db, citizen);
    const before = await countUnreadDossiers(db, agent);

    const refused = await postCitizenMessage(db, citizen.id, dossierId, 'Voici', { store, file: new File(['MZ\u0090\u0000'], 'photo.png') });
    expect(refused).toMatchObject({ ok: false, reason: 'file-refused' });
    expect(await blobCount(dossierId)).toBe(0);
    expect(await postCitizenMessage(db, otherCitizen.id, dossierId, 'Intrusion', { store, file: pdfFile() })).toEqual({ ok: false, reason: 'not-found' });

    expect(await postCitizenMessage(db, citizen.id, dossierId, 'Voici la facture.', { store, file: pdfFile('facture.pdf') })).toMatchObject({ ok: true });
    expect(await sendAgentMessage(ctx, outsider, dossierId, 'Bonjour', { store, file: pdfFile() })).toEqual({ ok: false, reason: 'not-found' });
    expect(await sendAgentMessage(ctx, agent, dossierId, 'Voici le formulaire à signer.', { store, file: pdfFile('formulaire.pdf') })).toMatchObject({ ok: true });
    expect(await blobCount(dossierId)).toBe(2);

    const view = await findDossierInScope(db, agent, dossierId);
    const [fromCitizen, fromAgent] = view!.thread;
    expect(fromCitizen.files.map((f) => f.filename)).toEqual(['facture.pdf']);
    expect(fromAgent.files.map((f) => f.filename)).toEqual(['formulaire.pdf']);
    for (const file of [fromCitizen.files[0], fromAgent.files[0]]) {
      expect(await findAttachmentInScope(db, agent, dossierId, file.id)).not.toBeNull();
      expect(await findAttachmentInScope(db, outsider, dossierId, file.id)).toBeNull();
      expect(await findCitizenAttachment(db, citizen.id, dossierId, file.id)).not.toBeNull();
      expect(await findCitizenAttachment(db, otherCitizen.id, dossierId, file.id)).toBeNull();
    }

    // Unread: counted for agents of the procedure, shown in the queue row, cleared when an agent opens it.
    expect(await countUnreadDossiers(db, agent)).toBe(before + 1);
    expect(await countUnreadDossiers(db, outsider)).toBe(0);
    const listed = (await listQueuePage(db, agent, dossierListQuerySchema.parse({ nonlu: '1' }))).items.find((d) => d.id === dossierId);
    expect(listed?.unreadSince).toBeInstanceOf(Date);
    await markCitizenMessagesRead(db, outsider, dossierId);
    expect(await countUnreadDossiers(db, agent)).toBe(before + 1);
    await markCitizenMessagesRead(db, agent, dossierId);
    expect(await countUnreadDossiers(db, agent)).toBe(before);
  });
});
