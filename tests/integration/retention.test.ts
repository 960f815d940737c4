import { eq } from 'drizzle-orm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/db/client';
import { auditLog, dossierEvents, dossiers, dossierTombstones } from '@/db/schema';
import { runMaintenanceJob, type MaintenanceDependencies } from '@/lib/lifecycle/jobs';
import { applyRetention } from '@/lib/lifecycle/retention';
import { monthsBefore } from '@/lib/lifecycle/retention-rules';
import type { Mailer, MailMessage } from '@/lib/mail';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { attachFile, createTestCitizen, createTestProcedure, insertDossier } from '../helpers/lifecycle';

let db: TestDatabase;
let second: DatabaseHandle;
let diskRoot: string;
let store: BlobStore;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  db = await createTestDatabase();
  // A second connection pool to the same database: another instance of the portal.
  second = await openDatabase({ url: db.url! });
  diskRoot = await mkdtemp(path.join(tmpdir(), 'retention-'));
  store = createBlobStore({ kind: 'local-disk', rootDir: diskRoot });
});

afterAll(async () => {
  await second?.close();
  await db?.drop();
  if (diskRoot) await rm(diskRoot, { recursive: true, force: true });
});

function recordingMailer(gate?: Promise<void>) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      await gate;
      sent.push(message);
      return { id: `m-${sent.length}` };
    },
  };
  return { sent, mailer };
}

const deps = (now: Date, mailer: Mailer, database = db.db): MaintenanceDependencies => ({
  db: database,
  store,
  mailer,
  origin: 'https://demarches.test',
  portalName: 'Portail de test',
  now,
});

const exists = async (id: string) => (await db.db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, id))).length === 1;

describe('draft retention (6 months by default, warning 15 days before)', () => {
  it('warns once, then deletes the untouched draft and its files 15 days later; a draft saved since is kept', async () => {
    const procedure = await createTestProcedure(db);
    const citizen = await createTestCitizen(db);
    const now = new Date();
    const lastSaved = new Date(monthsBefore(now, 6).getTime() + 10 * DAY);
    const draft = await insertDossier(db, citizen.id, procedure, { updatedAt: lastSaved });
    const piece = await attachFile(db, store, draft.id, Buffer.from('%PDF-1.7 pièce'));
    const resumed = await insertDossier(db, citizen.id, procedure, { updatedAt: lastSaved });
    const recent = await insertDossier(db, citizen.id, procedure, { updatedAt: monthsBefore(now, 5) });

    const { sent, mailer } = recordingMailer();
    expect(await applyRetention(deps(now, mailer))).toMatchObject({ draftWarnings: 2, draftsDeleted: 0 });
    const warning = sent.find((m) => m.text.includes(`/brouillons/${draft.id}/recapitulatif`))!;
    expect(warning.to).toBe(citizen.email);
    expect(warning.subject).toMatch(/^Votre brouillon sera supprimé le \d{1,2} \S+ \d{4}/);
    expect(warning.text).toContain('Démarche de test');
    // Not warned twice.
    expect(await applyRetention(deps(now, mailer))).toMatchObject({ draftWarnings: 0 });

    // The citizen resumes one draft after the warning: its clock starts again.
    await db.db.update(dossiers).set({ updatedAt: new Date(now.getTime() + DAY) }).where(eq(dossiers.id, resumed.id));

    // 11 days later the period is over, but the warning is only 11 days old: nothing yet.
    expect(await applyRetention(deps(new Date(now.getTime() + 11 * DAY), mailer))).toMatchObject({ draftsDeleted: 0 });
    expect(await exists(draft.id)).toBe(true);

    // 15 days after the warning: gone, files included.
    const result = await applyRetention(deps(new Date(now.getTime() + 15 * DAY), mailer));
    expect(result).toMatchObject({ draftsDeleted: 1, filesDeleted: 1 });
    expect(await exists(draft.id)).toBe(false);
    expect(await store.head(piece.storageKey)).toBeNull();
    expect(await exists(resumed.id)).toBe(true);
    expect(await exists(recent.id)).toBe(true);
    // Drafts were never seen by agents: no tombstone.
    expect(await db.db.select().from(dossierTombstones).where(eq(dossierTombstones.procedureId, procedure.id))).toEqual([]);
  });

  it('follows the period a procedure version sets', async () => {
    const procedure = await createTestProcedure(db, { draftRetentionMonths: 1 });
    const citizen = await createTestCitizen(db);
    const now = new Date();
    const draft = await insertDossier(db, citizen.id, procedure, { updatedAt: monthsBefore(now, 2) });
    const { sent, mailer } = recordingMailer();
    await applyRetention(deps(now, mailer));
    expect(sent.filter((m) => m.text.includes(draft.id))).toHaveLength(1);
    // Warned late (the draft was already past its period): still 15 full days of notice.
    expect(await applyRetention(deps(new Date(now.getTime() + 14 * DAY), mailer))).toMatchObject({ draftsDeleted: 0 });
    expect(await applyRetention(deps(new Date(now.getTime() + 15 * DAY), mailer))).toMatchObject({ draftsDeleted: 1 });
  });
});

describe('closed dossier retention', () => {
  it('deletes a dossier 2 years after its final status, with its files, and leaves a tombstone without personal data', async () => {
    const procedure = await createTestProcedure(db, { closedDossierRetentionMonths: 24 });
    const citizen = await createTestCitizen(db);
    const now = new Date();
    const closedLongAgo = await insertDossier(db, citizen.id, procedure, { status: 'accepted', data: { motif: 'motif très personnel' } });
    await db.db.insert(dossierEvents).values({ dossierId: closedLongAgo.id, kind: 'status_changed', toStatus: 'accepted', createdAt: monthsBefore(now, 25) });
    const files = [await attachFile(db, store, closedLongAgo.id, Buffer.from('%PDF pièce')), await attachFile(db, store, closedLongAgo.id, Buffer.from('%PDF réponse'), { kind: 'response' })];
    const closedRecently = await insertDossier(db, citizen.id, procedure, { status: 'accepted' });
    await db.db.insert(dossierEvents).values({ dossierId: closedRecently.id, kind: 'status_changed', toStatus: 'accepted', createdAt: monthsBefore(now, 23) });
    const stillOpen = await insertDossier(db, citizen.id, procedure, { status: 'submitted', submittedAt: monthsBefore(now, 40) });

    const result = await applyRetention(deps(now, recordingMailer().mailer));
    expect(result).toMatchObject({ dossiersDeleted: 1, filesDeleted: 2 });
    expect(await exists(closedLongAgo.id)).toBe(false);
    for (const file of files) expect(await store.head(file.storageKey)).toBeNull();
    expect(await exists(closedRecently.id)).toBe(true);
    expect(await exists(stillOpen.id)).toBe(true);

    const tombstones = await db.db.select().from(dossierTombstones).where(eq(dossierTombstones.procedureId, procedure.id));
    expect(tombstones).toEqual([
      expect.objectContaining({ number: closedLongAgo.number, procedureTitle: 'Démarche de test', finalStatus: 'accepted', reason: 'retention' }),
    ]);
    expect(JSON.stringify(tombstones)).not.toMatch(new RegExp(`${citizen.email}|${citizen.id}|motif très personnel`));
  });
});

describe('the daily retention job', () => {
  it('runs once when two instances start it at the same moment, and audits counts only', async () => {
    const procedure = await createTestProcedure(db);
    const citizen = await createTestCitizen(db);
    const now = new Date();
    await insertDossier(db, citizen.id, procedure, { updatedAt: new Date(monthsBefore(now, 6).getTime() + DAY) });
    // Whoever takes the lease waits in its email send until the other instance has given up, so the
    // two runs overlap for certain.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const one = recordingMailer(gate);
    const two = recordingMailer(gate);
    const runs = [runMaintenanceJob('apply-retention', deps(now, one.mailer)), runMaintenanceJob('apply-retention', deps(now, two.mailer, second.db))];
    const first = await Promise.race(runs);
    expect(first).toEqual({ ran: false });
    release();
    const outcomes = await Promise.all(runs);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect([...one.sent, ...two.sent].filter((m) => m.to === citizen.email)).toHaveLength(1);

    const audits = await db.db.select({ meta: auditLog.meta }).from(auditLog).where(eq(auditLog.action, 'maintenance.retention_applied'));
    expect(audits).toHaveLength(1);
    expect(Object.values(audits[0].meta ?? {}).every((v) => typeof v === 'number')).toBe(true);
    expect(JSON.stringify(audits)).not.toContain(citizen.email);

    // The lease is released: the next day's run proceeds.
    expect(await runMaintenanceJob('apply-retention', deps(now, one.mailer))).toMatchObject({ ran: true });
  });
});
