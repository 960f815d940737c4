import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '@/db/client';
import { auditLog, dossierEvents, dossiers, notifications, procedureAccessGrants, procedures, profiles, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDatabase } from '@/db/seed';
import { createDraft, saveDraftAnswers, submitDossier } from '@/lib/dossiers';
import { findCitizenFollowUp } from '@/lib/dossiers/follow-up';
import { recordTombstonesForOwner } from '@/lib/lifecycle/tombstones';
import type { FollowUpContext } from '@/lib/notifications/notify';
import { assignDossier, takeDossier, unassignDossier } from '@/lib/processing/assignment';
import { exportQueueCsv } from '@/lib/processing/export-csv';
import { changeStatusInBulk } from '@/lib/processing/process';
import { listQueuePage, queueConditions, queueScope } from '@/lib/processing/queue';
import { countQueue } from '@/lib/processing/queue-counts';
import { searchTokens } from '@/lib/processing/search';
import { planSearch, type SearchPlan } from '@/lib/processing/search-plan';
import { dossierListQuerySchema } from '@/lib/processing/schemas';
import type { BackOfficeUser } from '@/lib/processing/scope';
import { findTombstoneInScope, findTombstonesByNumber } from '@/lib/processing/tombstones';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/db';

// The back-office queue against a real database, on both drivers: search without accents, keyset
// pages, take/assign, bulk change, CSV export, tombstones; and what an agent outside the procedure
// cannot do.

type Person = { id: string; email: string };

const report = (description: string) => ({ typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description, recontact: false });
const query = (params: Record<string, string> = {}) => dossierListQuerySchema.parse(params);

async function createUser(db: Database, role: 'citizen' | 'agent' | 'admin', names: { firstNames: string; birthName: string }): Promise<Person> {
  const email = `${role}.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await db.insert(users).values({ email, role, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await db.insert(profiles).values({ userId: user.id, ...names });
  return { id: user.id, email };
}

async function submitted(db: Database, owner: Person, description = 'Lampadaire éteint.'): Promise<string> {
  const created = await createDraft(db, owner, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(created.reason);
  const saved = await saveDraftAnswers(db, owner.id, created.id, { baseVersion: 1, changes: report(description) });
  if (!saved.ok) throw new Error(saved.reason);
  const result = await submitDossier(db, owner.id, created.id, { baseVersion: 2 }, { origin: 'https://demarches.test', portalName: 'Portail de test', sendEmail: async () => {} });
  if (!result.ok) throw new Error(result.reason);
  return created.id;
}

async function numberOf(db: Database, id: string): Promise<string> {
  const [row] = await db.select({ number: dossiers.number }).from(dossiers).where(eq(dossiers.id, id));
  return row.number!;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  // Keep the BOM: TextDecoder would strip it by default.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['PGlite', createEmbeddedTestDatabase],
])('back-office queue on %s', (_name, createDatabase) => {
  let database: TestDatabase;
  let db: Database;
  let ctx: FollowUpContext;
  let emails: { to: string }[];
  let agent: BackOfficeUser;
  let colleague: Person;
  let outsider: BackOfficeUser;
  let helene: Person;
  let other: Person;
  let voirieId: string;
  let heleneDossier: string;
  let otherDossier: string;
  let injectionDossier: string;

  beforeAll(async () => {
    database = await createDatabase();
    db = database.db;
    await seedDatabase(db, { hashPassword: async () => 'not-a-real-hash' });
    const [demoAgent] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.agent));
    agent = { id: demoAgent.id, role: 'agent' };
    const [voirie] = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.slug, 'signalement-voirie'));
    voirieId = voirie.id;
    colleague = await createUser(db, 'agent', { firstNames: 'Paul', birthName: 'Collègue' });
    await db.insert(procedureAccessGrants).values({ agentId: colleague.id, procedureId: voirieId }).onConflictDoNothing();
    outsider = { id: (await createUser(db, 'agent', { firstNames: 'Olga', birthName: 'Dehors' })).id, role: 'agent' };
    helene = await createUser(db, 'citizen', { firstNames: 'Hélène', birthName: 'Lefèvre-Œuvray' });
    other = await createUser(db, 'citizen', { firstNames: 'Marc', birthName: 'Dubois' });
    heleneDossier = await submitted(db, helene, 'Lampadaire éteint, rue de l’Église.');
    otherDossier = await submitted(db, other);
    injectionDossier = await submitted(db, other, '=cmd|\' /C calc\'!A0');
    emails = [];
    ctx = {
      db,
      origin: 'https://demarches.test',
      portalName: 'Portail de test',
      sendEmailInTransaction: async (_tx, message) => {
        emails.push({ to: message.to });
      },
    };
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('finds a dossier by a name typed without accents or capitals, by a word start, and by its number', async () => {
    for (const q of ['helene', 'HELENE lefevre', 'oeuvray', 'lef']) {
      const ids = (await listQueuePage(db, agent, query({ q }))).items.map((d) => d.id);
      expect(ids, q).toContain(heleneDossier);
      expect(ids, q).not.toContain(otherDossier);
    }
    const number = await numberOf(db, otherDossier);
    expect((await listQueuePage(db, agent, query({ q: number }))).items.map((d) => d.id)).toEqual([otherDossier]);
    expect((await listQueuePage(db, agent, query({ q: 'zzzz' }))).items).toEqual([]);
    // The search reads an index of words, never a scan with LIKE '%…%'.
    const plan = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain select dossier_id from dossier_search_terms where term like 'hel%'`);
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).not.toMatch(/Seq Scan on dossiers/);
  });

  it('finds the same dossiers whether the search walks the queue checking each row or reads the few candidate ids', async () => {
    const scope = await queueScope(db, agent);
    const idsWith = async (q: string, search?: SearchPlan) =>
      (await db.select({ id: dossiers.id }).from(dossiers).where(queueConditions(scope, agent, query({ q }), { search }))).map((row) => row.id).sort();
    for (const q of ['helene', 'HELENE lef', 'oeuvray', await numberOf(db, otherDossier), 'zzzz']) {
      const tokens = searchTokens(q);
      const plan = await planSearch(db, scope.procedureIds, tokens);
      // A handful of dossiers: the plan reads their ids.
      expect(plan.ids, q).not.toBeNull();
      const expected = await idsWith(q);
      expect(await idsWith(q, plan), q).toEqual(expected);
      expect(await idsWith(q, { ids: null, checks: tokens }), q).toEqual(expected);
    }
    expect(await idsWith('helene')).toContain(heleneDossier);
  });

  it('follows a renamed account holder: the search words are kept by the database', async () => {
    await db.update(profiles).set({ usageName: 'Château' }).where(eq(profiles.userId, helene.id));
    expect((await listQueuePage(db, agent, query({ q: 'chateau' }))).items.map((d) => d.id)).toEqual([heleneDossier]);
  });

  it('returns every dossier exactly once across keyset pages, in both sort orders', async () => {
    // Same submission instant for many: the id breaks the tie.
    const sameInstant = new Date('2026-03-01T10:00:00.123456Z');
    for (let i = 0; i < 7; i++) await submitted(db, other, `Lot ${i}`);
    await db.execute(sql`update dossiers set submitted_at = ${sameInstant.toISOString()}::timestamptz + interval '1 microsecond' * (random() * 2)::int where number is not null and owner_id = ${other.id}`);
    for (const tri of ['depot', 'anciens', 'activite']) {
      const all = (await listQueuePage(db, agent, query({ tri }), 1000)).items.map((d) => d.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await listQueuePage(db, agent, query({ tri, ...(cursor ? { apres: cursor } : {}) }), 3);
        seen.push(...page.items.map((d) => d.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size, tri).toBe(seen.length);
      expect(seen, tri).toEqual(all);
    }
  });

  it('pages through an agent\'s several procedures (one subquery per procedure) in the same order as one sorted list', async () => {
    const [second] = await db.select({ id: procedures.id }).from(procedures).where(sql`${procedures.id} <> ${voirieId}`).limit(1);
    const [version] = await queryRows<{ id: string }>(db, sql`select id from procedure_versions where procedure_id = ${second.id} order by version desc limit 1`);
    const twoProcedures: BackOfficeUser = { id: (await createUser(db, 'agent', { firstNames: 'Deux', birthName: 'Démarches' })).id, role: 'agent' };
    await db.insert(procedureAccessGrants).values([
      { agentId: twoProcedures.id, procedureId: voirieId },
      { agentId: twoProcedures.id, procedureId: second.id },
    ]);
    // Interleaved with the voirie dossiers, one sharing a submission instant with them (the id breaks the tie).
    for (let i = 0; i < 5; i++) {
      await db.insert(dossiers).values({
        ownerId: other.id,
        procedureId: second.id,
        procedureVersionId: version.id,
        status: 'recu',
        number: `2026-9${String(i).padStart(5, '0')}`,
        submittedAt: i === 0 ? new Date('2026-03-01T10:00:00.123456Z') : new Date(Date.now() - i * 3600_000),
      });
    }
    for (const tri of ['depot', 'anciens', 'activite']) {
      const key = tri === 'activite' ? 'last_activity_at' : 'submitted_at';
      const direction = tri === 'anciens' ? 'asc' : 'desc';
      const expected = await queryRows<{ id: string }>(
        db,
        sql`select id from dossiers where number is not null and status <> 'draft' and procedure_id in (${voirieId}, ${second.id}) order by ${sql.raw(key)} ${sql.raw(direction)}, id ${sql.raw(direction)}`,
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await listQueuePage(db, twoProcedures, query({ tri, ...(cursor ? { apres: cursor } : {}) }), 3);
        seen.push(...page.items.map((d) => d.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen, tri).toEqual(expected.map((row) => row.id));
      // The total (from the counter table) is the length of that list.
      expect((await countQueue(db, twoProcedures, query({}))).total).toBe(expected.length);
    }
  });

  it('counts per status of the chosen procedure, and filters by status only once a procedure is chosen', async () => {
    const counts = await countQueue(db, agent, query({ procedure: voirieId }));
    expect(counts.byStatus?.recu).toBe(counts.total);
    expect((await countQueue(db, agent, query({ procedure: voirieId, status: 'transmis' }))).total).toBe(0);
    // A status without a procedure is ignored rather than mixing every procedure's labels.
    expect(query({ status: 'transmis' }).status).toBeUndefined();
  });

  it('takes, assigns to a colleague of the procedure, unassigns; filters "à moi" and "non attribués"', async () => {
    expect(await takeDossier({ db }, agent, heleneDossier)).toEqual({ ok: true, changed: true });
    expect((await listQueuePage(db, agent, query({ attribution: 'moi' }))).items.map((d) => d.id)).toEqual([heleneDossier]);
    expect((await listQueuePage(db, agent, query({ attribution: 'aucun' }))).items.map((d) => d.id)).not.toContain(heleneDossier);
    expect(await assignDossier({ db }, agent, heleneDossier, colleague.id)).toEqual({ ok: true, changed: true });
    const [item] = (await listQueuePage(db, agent, query({ q: 'helene' }))).items;
    expect(item.assignee).toEqual({ id: colleague.id, name: 'Paul Collègue' });
    expect(await unassignDossier({ db }, agent, heleneDossier)).toEqual({ ok: true, changed: true });
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, heleneDossier));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['backoffice.dossier_assigned', 'backoffice.dossier_unassigned']));
    // The citizen's timeline never shows who handles the dossier.
    const followUp = await findCitizenFollowUp(db, helene.id, heleneDossier);
    expect(followUp!.timeline.map((e) => e.kind)).not.toContain('assigned');
    expect(JSON.stringify(followUp)).not.toContain('Collègue');
  });

  it('refuses to assign to an agent without access to the procedure, or to a citizen', async () => {
    expect(await assignDossier({ db }, agent, heleneDossier, outsider.id)).toEqual({ ok: false, reason: 'agent-not-eligible' });
    expect(await assignDossier({ db }, agent, heleneDossier, other.id)).toEqual({ ok: false, reason: 'agent-not-eligible' });
    const [row] = await db.select({ assigneeId: dossiers.assigneeId }).from(dossiers).where(eq(dossiers.id, heleneDossier));
    expect(row.assigneeId).toBeNull();
  });

  it('an agent outside the procedure cannot take, assign, bulk-change or export: nothing changes', async () => {
    expect(await takeDossier({ db }, outsider, otherDossier)).toEqual({ ok: false, reason: 'not-found' });
    expect(await assignDossier({ db }, outsider, otherDossier, outsider.id)).toEqual({ ok: false, reason: 'not-found' });
    expect(await unassignDossier({ db }, outsider, otherDossier)).toEqual({ ok: false, reason: 'not-found' });
    expect(await changeStatusInBulk(ctx, outsider, { procedureId: voirieId, dossierIds: [otherDossier], status: 'transmis' })).toEqual({ ok: false, reason: 'not-found' });
    expect(await exportQueueCsv(db, outsider, query({ procedure: voirieId }))).toBeNull();
    expect((await listQueuePage(db, outsider, query({ q: 'helene' }))).items).toEqual([]);
    const rows = await db.select({ status: dossiers.status, assigneeId: dossiers.assigneeId }).from(dossiers).where(eq(dossiers.id, otherDossier));
    expect(rows).toEqual([{ status: 'recu', assigneeId: null }]);
  });

  it('changes the status of several dossiers at once, all or nothing, each citizen notified once', async () => {
    const ids = [heleneDossier, otherDossier];
    const before = emails.length;
    // One dossier out of reach (an unknown id) and nothing changes.
    expect(await changeStatusInBulk(ctx, agent, { procedureId: voirieId, dossierIds: [...ids, randomUUID()], status: 'transmis' })).toEqual({ ok: false, reason: 'not-found' });
    // A procedure other than the dossiers' one.
    const [otherProcedure] = await db.select({ id: procedures.id }).from(procedures).where(sql`${procedures.id} <> ${voirieId}`).limit(1);
    expect(await changeStatusInBulk(ctx, { id: agent.id, role: 'admin' }, { procedureId: otherProcedure.id, dossierIds: ids, status: 'transmis' })).toEqual({
      ok: false,
      reason: 'mixed-procedures',
    });
    expect((await db.select({ status: dossiers.status }).from(dossiers).where(inArray(dossiers.id, ids))).map((r) => r.status)).toEqual(['recu', 'recu']);
    expect(emails.length).toBe(before);

    const result = await changeStatusInBulk(ctx, agent, { procedureId: voirieId, dossierIds: ids, status: 'transmis', comment: 'Transmis le 3 décembre.' });
    expect(result).toEqual({ ok: true, changed: 2, statusLabel: 'Transmis aux services techniques' });
    for (const [owner, id] of [
      [helene, heleneDossier],
      [other, otherDossier],
    ] as const) {
      const notes = await db.select().from(notifications).where(and(eq(notifications.userId, owner.id), eq(notifications.dossierId, id)));
      expect(notes.filter((n) => n.kind === 'status_change')).toHaveLength(1);
      const events = await db.select().from(dossierEvents).where(and(eq(dossierEvents.dossierId, id), eq(dossierEvents.kind, 'status_changed')));
      expect(events.map((e) => e.note)).toEqual(['Transmis le 3 décembre.']);
      const audit = await db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'backoffice.status_changed')));
      expect(audit).toHaveLength(1);
    }
    expect(emails.slice(before).map((e) => e.to).sort()).toEqual([helene.email, other.email].sort());
    // Again: both already have it, refused as a whole.
    expect(await changeStatusInBulk(ctx, agent, { procedureId: voirieId, dossierIds: ids, status: 'transmis' })).toMatchObject({ ok: false, reason: 'same-status' });
  });

  it('exports the filtered queue as CSV: BOM, semicolons, one column per field, accents kept, formulas neutralised, audited', async () => {
    const result = await exportQueueCsv(db, agent, query({ procedure: voirieId }));
    expect(result).not.toBeNull();
    const text = await readAll(result!.stream);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = text.slice(1).trimEnd().split('\r\n');
    expect(header.split(';')).toEqual(
      expect.arrayContaining(['Numéro', 'Statut', 'Déposé le', 'Bénéficiaire', 'Type de problème', 'Adresse ou lieu', 'Description', 'Photo']),
    );
    expect(header).not.toContain('Danger immédiat');
    expect(lines.some((line) => line.includes('Lampadaire éteint, rue de l’Église.'))).toBe(true);
    const injected = lines.find((line) => line.includes('calc'))!;
    expect(injected).toContain(`;'=cmd|' /C calc'!A0`);
    expect(injected).not.toMatch(/;=cmd/);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'backoffice.queue_exported'), eq(auditLog.actorId, agent.id)));
    expect(entry.targetId).toBe(voirieId);
    expect(await exportQueueCsv(db, agent, query({}))).toBeNull();
  });

  it('leaves a tombstone when the account is deleted: found by number, no personal data', async () => {
    const number = await numberOf(db, injectionDossier);
    await db.transaction(async (tx) => {
      await recordTombstonesForOwner(tx, other.id, 'account_deleted');
      await tx.delete(users).where(eq(users.id, other.id));
    });
    const [found] = await findTombstonesByNumber(db, agent, number);
    expect(found).toMatchObject({ number, reason: 'account_deleted', procedureTitle: 'Signaler un problème sur la voie publique' });
    expect(JSON.stringify(found)).not.toMatch(/Dubois|Marc/);
    expect(await findTombstoneInScope(db, agent, injectionDossier)).toMatchObject({ number });
    expect(await findTombstonesByNumber(db, outsider, number)).toEqual([]);
    expect(await findTombstoneInScope(db, outsider, injectionDossier)).toBeNull();
  });
});
