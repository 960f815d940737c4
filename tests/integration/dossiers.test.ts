import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/db/client';
import { dossierEvents, dossierNumberCounters, dossiers, profiles, relations, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDatabase } from '@/db/seed';
import {
  createDraft,
  deleteDraft,
  findDraft,
  findDraftsOfProcedure,
  findSubmittedDossier,
  listDrafts,
  listSubmittedDossiers,
  renderReceiptPdf,
  saveDraftAnswers,
  submitDossier,
  type SubmitDependencies,
} from '@/lib/dossiers';
import { parisYear } from '@/lib/common/dates';
import { RECEIPT_FOOTER } from '@/lib/dossiers/receipt';
import type { MailMessage } from '@/lib/mail';
import { attachUpload } from '@/lib/documents/attachments';
import { checkUpload } from '@/lib/documents/check-upload';
import { ANSWER_MAX_STRING } from '@/lib/procedures/answers';
import { createBlobStore } from '@/lib/storage';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/db';
import { logger } from '@/lib/platform/logger';

type Owner = { id: string; email: string };

// A complete street report (self only, four steps), as a citizen would have typed it.
const streetReportAnswers = {
  typeProbleme: 'eclairage',
  lieu: '14 avenue de la République, devant l’arrêt « Mairie »',
  description: 'Le lampadaire est éteint depuis trois soirs ; la rue est très sombre.',
  recontact: false,
};

function collectEmails(): SubmitDependencies & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    origin: 'https://demarches.test',
    portalName: 'Portail de test',
    sendEmail: async (message) => {
      sent.push(message);
    },
  };
}

async function seed(database: TestDatabase) {
  // The demo citizen comes with a profile, a child and an association.
  await seedDatabase(database.db, { hashPassword: async () => 'not-a-real-hash' });
  const [citizen] = await database.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, DEMO_ACCOUNTS.citizen));
  const rows = await database.db.select({ id: relations.id, kind: relations.kind }).from(relations).where(eq(relations.ownerId, citizen.id));
  return {
    citizen: citizen as Owner,
    childId: rows.find((r) => r.kind === 'person')!.id,
    associationId: rows.find((r) => r.kind === 'organisation')!.id,
  };
}

async function createCitizen(db: Database, profile: Partial<typeof profiles.$inferInsert> = {}): Promise<Owner> {
  const email = `dossiers.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await db.insert(users).values({ email, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await db.insert(profiles).values({ userId: user.id, birthName: 'Bernard', firstNames: 'Alex', ...profile });
  return { id: user.id, email };
}

async function storedDraft(db: Database, id: string) {
  const [row] = await db.select({ data: dossiers.data, version: dossiers.version, status: dossiers.status, updatedAt: dossiers.updatedAt }).from(dossiers).where(eq(dossiers.id, id));
  return row;
}

async function startStreetReport(db: Database, owner: Owner): Promise<string> {
  const created = await createDraft(db, owner, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(`createDraft: ${created.reason}`);
  return created.id;
}

/** A street report ready to submit; returns its id and current version. */
async function completeStreetReport(db: Database, owner: Owner): Promise<{ id: string; version: number }> {
  const id = await startStreetReport(db, owner);
  const saved = await saveDraftAnswers(db, owner.id, id, { baseVersion: 1, changes: streetReportAnswers });
  if (!saved.ok) throw new Error(`saveDraftAnswers: ${saved.reason}`);
  return { id, version: saved.version };
}

/**
 * The text of an uncompressed pdfkit document: Helvetica text is written as hex strings of
 * WinAnsi codes inside TJ operators; this decodes them back (enough for assertions).
 */
function extractPdfText(pdf: Buffer): string {
  const winAnsiExtras: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0x9c: 'œ', 0x8c: 'Œ' };
  const lines: string[] = [];
  for (const [, body] of pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...body.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
    let line = '';
    for (let i = 0; i < hex.length; i += 2) {
      const code = parseInt(hex.slice(i, i + 2), 16);
      line += winAnsiExtras[code] ?? String.fromCharCode(code);
    }
    lines.push(line);
  }
  return lines.join('\n');
}

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['PGlite', createEmbeddedTestDatabase],
])('draft lifecycle on %s', (_name, createDatabase) => {
  let database: TestDatabase;
  let citizen: Owner;

  beforeAll(async () => {
    database = await createDatabase();
    ({ citizen } = await seed(database));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates a prefilled draft, saves, submits once, and lists it among the requests', async () => {
    const { db } = database;
    const created = await createDraft(db, citizen, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
    expect(created).toMatchObject({ ok: true, firstStepKey: 'probleme' });
    const id = created.ok ? created.id : '';

    const draft = await findDraft(db, citizen.id, id);
    expect(draft).toMatchObject({
      version: 1,
      data: { telephone: '06 12 34 56 78' },
      procedure: { slug: 'signalement-voirie', title: 'Signaler un problème sur la voie publique' },
      beneficiaryLabel: 'Camille Marie Durand (vous-même)',
    });

    const saved = await saveDraftAnswers(db, citizen.id, id, { baseVersion: 1, changes: streetReportAnswers });
    expect(saved).toMatchObject({ ok: true, version: 2 });
    expect((await findDraft(db, citizen.id, id))?.data).toEqual({ telephone: '06 12 34 56 78', ...streetReportAnswers });

    const [summary] = (await listDrafts(db, citizen.id)).filter((d) => d.id === id);
    expect(summary).toMatchObject({ procedure: { title: 'Signaler un problème sur la voie publique' }, progress: { complete: 4, total: 4, resumeStepKey: null } });

    const emails = collectEmails();
    const submitted = await submitDossier(db, citizen.id, id, { baseVersion: 2 }, emails);
    expect(submitted).toEqual({ ok: true, number: `${parisYear(new Date())}-000001`, dossierId: id });
    const number = submitted.ok ? submitted.number : '';

    // Frozen: the phone was hidden (no call-back wanted), so it is not part of the filing.
    const stored = await storedDraft(db, id);
    expect(stored).toMatchObject({ status: 'recu', version: 3, data: streetReportAnswers });
    const events = await db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, id));
    expect(events).toMatchObject([{ kind: 'submitted', fromStatus: 'draft', toStatus: 'recu', actorId: citizen.id }]);

    expect(await findDraft(db, citizen.id, id)).toBeNull();
    expect((await listDrafts(db, citizen.id)).map((d) => d.id)).not.toContain(id);
    expect(await listSubmittedDossiers(db, citizen.id)).toMatchObject([
      { id, number, procedure: { slug: 'signalement-voirie' }, beneficiaryLabel: 'Camille Marie Durand (vous-même)', status: { key: 'recu', label: 'Signalement reçu', tone: 'info' } },
    ]);
    const view = await findSubmittedDossier(db, citizen.id, id);
    expect(view?.answers.map((s) => s.title)).toEqual(['Le problème', 'Le lieu et la description', 'Être recontacté']);
    expect(view?.answers[0].items).toEqual([{ key: 'typeProbleme', label: 'Type de problème', value: 'Éclairage public en panne' }]);

    // The confirmation email carries the receipt.
    expect(emails.sent).toHaveLength(1);
    expect(emails.sent[0]).toMatchObject({ to: citizen.email, subject: `Demande déposée n° ${number} — Portail de test` });
    expect(emails.sent[0].text).toContain(`https://demarches.test/demandes/${id}`);
    expect(emails.sent[0].attachments?.[0]).toMatchObject({ filename: `recepisse-${number}.pdf`, contentType: 'application/pdf' });
    expect(emails.sent[0].attachments?.[0].content.subarray(0, 5).toString()).toBe('%PDF-');

    // Submitting again from the same version (a double click) files nothing new.
    expect(await submitDossier(db, citizen.id, id, { baseVersion: 2 }, emails)).toEqual({ ok: true, number, dossierId: id });
    expect(await db.$count(dossierEvents, eq(dossierEvents.dossierId, id))).toBe(1);
    expect(emails.sent).toHaveLength(1);
  });
});

describe('drafts and submissions on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Database;
  let citizen: Owner;
  let childId: string;
  let associationId: string;
  let stranger: Owner;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    ({ citizen, childId, associationId } = await seed(database));
    stranger = await createCitizen(db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('starting a draft', () => {
    it('prefills from the chosen relation and keeps its snapshot', async () => {
      const created = await createDraft(db, citizen, { procedureSlug: 'inscription-cantine', beneficiary: { kind: 'person', relationId: childId } });
      expect(created).toMatchObject({ ok: true, firstStepKey: 'enfant' });
      const id = created.ok ? created.id : '';
      const draft = await findDraft(db, citizen.id, id);
      expect(draft?.beneficiaryLabel).toBe('Léo Paul Durand (enfant)');
      expect(draft?.data).toMatchObject({ nomEnfant: 'Durand', prenomsEnfant: 'Léo Paul', nomResponsable: 'Durand', courrielResponsable: citizen.email });
      const [row] = await db.select({ snapshot: dossiers.beneficiarySnapshot, kind: dossiers.beneficiaryKind, relationId: dossiers.beneficiaryRelationId }).from(dossiers).where(eq(dossiers.id, id));
      expect(row).toMatchObject({ kind: 'person', relationId: childId, snapshot: { label: 'Léo Paul Durand (enfant)', birthDate: '2017-09-03' } });
    });

    it('prefills an association grant from the organisation', async () => {
      const created = await createDraft(db, citizen, { procedureSlug: 'subvention-association', beneficiary: { kind: 'organisation', relationId: associationId } });
      const draft = created.ok ? await findDraft(db, citizen.id, created.id) : null;
      expect(draft?.data).toMatchObject({ nomAssociation: 'Les Jardins partagés du 3e', siret: '42103958700017' });
    });

    it('refuses a beneficiary the procedure does not allow, and unknown procedures', async () => {
      const canteen = (beneficiary: Parameters<typeof createDraft>[2]['beneficiary']) => createDraft(db, citizen, { procedureSlug: 'inscription-cantine', beneficiary });
      expect(await canteen({ kind: 'self' })).toEqual({ ok: false, reason: 'beneficiary-not-allowed' });
      expect(await canteen({ kind: 'organisation', relationId: associationId })).toEqual({ ok: false, reason: 'beneficiary-not-allowed' });
      const [parent] = await db.insert(relations).values({ ownerId: citizen.id, kind: 'person', subtype: 'parent', birthName: 'Martin', firstNames: 'Jeanne' }).returning({ id: relations.id });
      expect(await canteen({ kind: 'person', relationId: parent.id })).toEqual({ ok: false, reason: 'beneficiary-not-allowed' });
      // Asking for the child as an organisation is not a choice the page offered.
      expect(await createDraft(db, citizen, { procedureSlug: 'acte-de-naissance', beneficiary: { kind: 'organisation', relationId: childId } })).toEqual({ ok: false, reason: 'beneficiary-not-allowed' });
      expect(await createDraft(db, citizen, { procedureSlug: 'subvention-association', beneficiary: { kind: 'organisation', relationId: childId } })).toEqual({ ok: false, reason: 'not-found' });
      expect(await createDraft(db, citizen, { procedureSlug: 'demarche-inconnue', beneficiary: { kind: 'self' } })).toEqual({ ok: false, reason: 'not-found' });
    });

    it('offers to resume the drafts of a procedure, per beneficiary', async () => {
      const owner = await createCitizen(db);
      const first = await startStreetReport(db, owner);
      const second = await startStreetReport(db, owner);
      await saveDraftAnswers(db, owner.id, first, { baseVersion: 1, changes: { lieu: 'Place du marché' } });
      const drafts = await findDraftsOfProcedure(db, owner.id, 'signalement-voirie', { kind: 'self' });
      expect(drafts.map((d) => d.id)).toEqual([first, second]);
      expect(drafts[0]).toMatchObject({ beneficiary: { kind: 'self' }, progress: { total: 4, resumeStepKey: 'probleme' } });
      expect(await findDraftsOfProcedure(db, owner.id, 'acte-de-naissance')).toEqual([]);
      expect(await findDraftsOfProcedure(db, owner.id, 'signalement-voirie', { kind: 'person', relationId: childId })).toEqual([]);
    });
  });

  describe('autosave', () => {
    it('lets one of two saves from the same version win; the other gets a conflict with the stored data', async () => {
      const id = await startStreetReport(db, citizen);
      const results = await Promise.all(
        ['Rue Victor-Hugo', 'Quai Saint-Antoine'].map((lieu) => saveDraftAnswers(db, citizen.id, id, { baseVersion: 1, changes: { lieu } })),
      );
      const winner = results.findIndex((r) => r.ok);
      const loser = results[1 - winner];
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const winningPlace = ['Rue Victor-Hugo', 'Quai Saint-Antoine'][winner];
      expect(loser).toEqual({ ok: false, reason: 'conflict', version: 2, data: { telephone: '06 12 34 56 78', lieu: winningPlace } });
      expect(await storedDraft(db, id)).toMatchObject({ version: 2, data: { lieu: winningPlace } });
      // Resolved: the loser saves again from the version it was given.
      expect(await saveDraftAnswers(db, citizen.id, id, { baseVersion: 2, changes: { lieu: 'Rue Victor-Hugo, au n° 3' } })).toMatchObject({ ok: true, version: 3 });
    });

    it('refuses malformed changes without touching the stored draft', async () => {
      const id = await startStreetReport(db, citizen);
      await saveDraftAnswers(db, citizen.id, id, { baseVersion: 1, changes: { lieu: 'Place Bellecour' } });
      const before = await storedDraft(db, id);
      const payloads: Record<string, unknown>[] = [
        {},
        { inconnu: 'x' },
        { lieu: 'ok', inconnu: 'x' },
        { infoUrgence: 'texte' }, // an information block holds no answer
        { photo: ['00000000-0000-4000-8000-000000000000'] }, // files come through the locker, not autosave
        { recontact: 'oui' },
        { typeProbleme: 42 },
        { description: { html: '<b>x</b>' } },
        { lieu: 'x'.repeat(ANSWER_MAX_STRING + 1) },
        { telephone: ['06 12 34 56 78'] },
        { __proto__: 'x', constructor: 'y' },
      ];
      for (const changes of payloads) {
        const result = await saveDraftAnswers(db, citizen.id, id, { baseVersion: 2, changes });
        expect(result, JSON.stringify(changes).slice(0, 80)).toMatchObject({ ok: false, reason: 'invalid' });
      }
      expect(await storedDraft(db, id)).toEqual(before);
      // Null clears an answer; a string of exactly the limit is accepted.
      expect(await saveDraftAnswers(db, citizen.id, id, { baseVersion: 2, changes: { lieu: null, description: 'y'.repeat(ANSWER_MAX_STRING) } })).toMatchObject({ ok: true, version: 3 });
    });

    it('checks addresses and checkboxes by shape', async () => {
      const created = await createDraft(db, citizen, { procedureSlug: 'subvention-association', beneficiary: { kind: 'organisation', relationId: associationId } });
      const id = created.ok ? created.id : '';
      const save = (changes: Record<string, unknown>, baseVersion = 1) => saveDraftAnswers(db, citizen.id, id, { baseVersion, changes });
      expect(await save({ adresseSiege: { line1: '1 rue', postalCode: '69001' } })).toMatchObject({ reason: 'invalid' });
      expect(await save({ adresseSiege: { line1: '1 rue', postalCode: '69001', city: 'Lyon', country: 'France' } })).toMatchObject({ reason: 'invalid' });
      expect(await save({ publicVise: ['jeunes', 3] })).toMatchObject({ reason: 'invalid' });
      expect(await save({ nombreAdherents: '12' })).toMatchObject({ reason: 'invalid' });
      expect(await save({ publicVise: ['jeunes', 'adultes'], nombreAdherents: 12, adresseSiege: { line1: '1 rue', postalCode: '69001', city: 'Lyon' } })).toMatchObject({ ok: true });
    });
  });

  describe('owner scoping', () => {
    it('gives another citizen not-found on a draft, whatever they try', async () => {
      const { id, version } = await completeStreetReport(db, citizen);
      const before = await storedDraft(db, id);
      expect(await findDraft(db, stranger.id, id)).toBeNull();
      expect(await saveDraftAnswers(db, stranger.id, id, { baseVersion: version, changes: { lieu: 'pris' } })).toEqual({ ok: false, reason: 'not-found' });
      expect(await submitDossier(db, stranger.id, id, { baseVersion: version }, collectEmails())).toEqual({ ok: false, reason: 'not-found' });
      expect(await deleteDraft(db, stranger.id, id)).toBe(false);
      expect(await findDraftsOfProcedure(db, stranger.id, 'signalement-voirie')).toEqual([]);
      expect((await listDrafts(db, stranger.id)).map((d) => d.id)).not.toContain(id);
      expect(await storedDraft(db, id)).toEqual(before);
    });

    it('gives another citizen not-found on a submitted dossier and its receipt', async () => {
      const { id, version } = await completeStreetReport(db, citizen);
      expect(await submitDossier(db, citizen.id, id, { baseVersion: version }, collectEmails())).toMatchObject({ ok: true });
      expect(await findSubmittedDossier(db, stranger.id, id)).toBeNull();
      expect((await listSubmittedDossiers(db, stranger.id)).map((d) => d.id)).not.toContain(id);
      expect(await findSubmittedDossier(db, citizen.id, id)).not.toBeNull();
    });

    it('does not let a citizen start a draft for someone else’s relation', async () => {
      expect(await createDraft(db, stranger, { procedureSlug: 'inscription-cantine', beneficiary: { kind: 'person', relationId: childId } })).toEqual({ ok: false, reason: 'not-found' });
    });

    it('treats malformed ids as unknown', async () => {
      expect(await findDraft(db, citizen.id, 'pas-un-uuid')).toBeNull();
      expect(await saveDraftAnswers(db, citizen.id, "1' or '1'='1", { baseVersion: 1, changes: { lieu: 'x' } })).toEqual({ ok: false, reason: 'not-found' });
      expect(await submitDossier(db, citizen.id, 'x', { baseVersion: 1 })).toEqual({ ok: false, reason: 'not-found' });
      expect(await findSubmittedDossier(db, citizen.id, '')).toBeNull();
    });
  });

  describe('deleting a draft', () => {
    it('deletes the owner’s draft, never a submitted dossier', async () => {
      const draftId = await startStreetReport(db, citizen);
      expect(await deleteDraft(db, citizen.id, draftId)).toBe(true);
      expect(await findDraft(db, citizen.id, draftId)).toBeNull();
      expect(await deleteDraft(db, citizen.id, draftId)).toBe(false);
      expect(await saveDraftAnswers(db, citizen.id, draftId, { baseVersion: 1, changes: { lieu: 'x' } })).toEqual({ ok: false, reason: 'not-found' });

      const { id, version } = await completeStreetReport(db, citizen);
      await submitDossier(db, citizen.id, id, { baseVersion: version }, collectEmails());
      expect(await deleteDraft(db, citizen.id, id)).toBe(false);
      expect(await findSubmittedDossier(db, citizen.id, id)).not.toBeNull();
    });
  });

  describe('submission', () => {
    it('returns the first step at fault for an incomplete draft, and files nothing', async () => {
      const counterBefore = await db.select().from(dossierNumberCounters);
      const created = await createDraft(db, citizen, { procedureSlug: 'acte-de-naissance', beneficiary: { kind: 'self' } });
      const id = created.ok ? created.id : '';
      const first = await submitDossier(db, citizen.id, id, { baseVersion: 1 }, collectEmails());
      expect(first).toMatchObject({ ok: false, reason: 'invalid', stepKey: 'acte' });
      expect(first.ok === false && first.reason === 'invalid' ? Object.keys(first.fieldErrors) : []).toEqual(['typeActe', 'nombreExemplaires', 'motif']);

      // Step 1 done; a full copy needs the parents (step 3), still missing.
      await saveDraftAnswers(db, citizen.id, id, { baseVersion: 1, changes: { typeActe: 'copie-integrale', nombreExemplaires: 1, motif: 'identite', modeReception: 'guichet' } });
      const second = await submitDossier(db, citizen.id, id, { baseVersion: 2 }, collectEmails());
      expect(second).toMatchObject({ ok: false, reason: 'invalid', stepKey: 'filiation', fieldErrors: { parent1Nom: [expect.any(String)] } });
      expect(await storedDraft(db, id)).toMatchObject({ status: 'draft', version: 2 });
      expect(await db.select().from(dossierNumberCounters)).toEqual(counterBefore);
    });

    it('freezes the visible answers only, trimmed, and refreshes the beneficiary snapshot', async () => {
      const created = await createDraft(db, citizen, { procedureSlug: 'acte-de-naissance', beneficiary: { kind: 'person', relationId: childId } });
      const id = created.ok ? created.id : '';
      const changes = {
        typeActe: 'extrait-sans-filiation',
        nombreExemplaires: 2,
        motif: 'identite',
        motifPrecision: 'plus utile',
        parent1Nom: 'saisi puis masqué',
        modeReception: 'guichet',
        prenoms: '  Léo Paul  ',
      };
      const saved = await saveDraftAnswers(db, citizen.id, id, { baseVersion: 1, changes });
      await db.update(relations).set({ birthPlace: 'Villeurbanne (69)' }).where(eq(relations.id, childId));
      const result = await submitDossier(db, citizen.id, id, { baseVersion: saved.ok ? saved.version : 0 }, collectEmails());
      expect(result).toMatchObject({ ok: true });
      const [row] = await db.select({ data: dossiers.data, snapshot: dossiers.beneficiarySnapshot }).from(dossiers).where(eq(dossiers.id, id));
      expect(row.data).toEqual({
        typeActe: 'extrait-sans-filiation',
        nombreExemplaires: 2,
        motif: 'identite',
        nomNaissance: 'Durand',
        prenoms: 'Léo Paul',
        dateNaissance: '2017-09-03',
        lieuNaissance: 'Lyon (69)',
        modeReception: 'guichet',
      });
      expect(row.snapshot).toMatchObject({ birthPlace: 'Villeurbanne (69)', label: 'Léo Paul Durand (enfant)' });
    });

    it('refuses a stale version, and files a concurrent double submission once', async () => {
      const { id, version } = await completeStreetReport(db, citizen);
      await saveDraftAnswers(db, citizen.id, id, { baseVersion: version, changes: { lieu: 'Rue Garibaldi' } });
      expect(await submitDossier(db, citizen.id, id, { baseVersion: version }, collectEmails())).toEqual({ ok: false, reason: 'conflict' });

      const emails = collectEmails();
      const [a, b] = await Promise.all([0, 1].map(() => submitDossier(db, citizen.id, id, { baseVersion: version + 1 }, emails)));
      expect(a).toMatchObject({ ok: true });
      expect(b).toEqual(a);
      expect(await db.$count(dossierEvents, eq(dossierEvents.dossierId, id))).toBe(1);
      expect(emails.sent).toHaveLength(1);
    });

    it('numbers 20 parallel submissions consecutively, without gaps or duplicates', async () => {
      const drafts = await Promise.all(Array.from({ length: 20 }, () => completeStreetReport(db, citizen)));
      const results = await Promise.all(drafts.map(({ id, version }) => submitDossier(db, citizen.id, id, { baseVersion: version }, collectEmails())));
      const numbers = results.map((r) => (r.ok ? r.number : `failed: ${r.reason}`));
      const year = parisYear(new Date());
      expect(numbers.every((n) => n.startsWith(`${year}-`))).toBe(true);
      expect(new Set(numbers).size).toBe(20);

      // Every number of the year so far, in this database: 1..N with nothing missing.
      const all = await db.select({ number: dossiers.number }).from(dossiers).where(isNotNull(dossiers.number)).orderBy(asc(dossiers.number));
      const values = all.map((r) => Number(r.number!.slice(5)));
      expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i + 1));
      const [counter] = await db.select().from(dossierNumberCounters).where(eq(dossierNumberCounters.year, year));
      expect(counter.lastValue).toBe(values.length);
      const mine = numbers.map((n) => Number(n.slice(5))).sort((x, y) => x - y);
      expect(mine[19] - mine[0]).toBe(19);
    });

    it('files the dossier even when the confirmation email cannot be queued', async () => {
      const { id, version } = await completeStreetReport(db, citizen);
      const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
      try {
        const result = await submitDossier(db, citizen.id, id, { baseVersion: version }, {
          origin: 'https://demarches.test',
          portalName: 'Portail de test',
          sendEmail: () => Promise.reject(new Error('queue down')),
        });
        expect(result).toMatchObject({ ok: true });
        expect(logged).toHaveBeenCalledWith(expect.objectContaining({ dossierId: id, err: expect.any(Error) }), expect.any(String));
      } finally {
        logged.mockRestore();
      }
      expect(await storedDraft(db, id)).toMatchObject({ status: 'recu' });
    });
  });

  describe('receipt', () => {
    it('is a PDF with the number, the date, the beneficiary, every answer and the notice', async () => {
      const created = await createDraft(db, citizen, { procedureSlug: 'inscription-cantine', beneficiary: { kind: 'person', relationId: childId } });
      const id = created.ok ? created.id : '';
      const saved = await saveDraftAnswers(db, citizen.id, id, {
        baseVersion: 1,
        changes: { ecole: 'jules-ferry', classe: 'ce2', jours: ['lundi', 'jeudi'], dateDebut: '2099-09-01', regime: 'allergies', allergies: 'Arachide 🥜 et œufs', pai: true },
      });
      // The required "Justificatif de domicile", attached as the step page does.
      const blobsDir = await mkdtemp(path.join(tmpdir(), 'receipt-'));
      const store = createBlobStore({ kind: 'local-disk', rootDir: blobsDir });
      const upload = await checkUpload(new File(['%PDF-1.7\nquittance\n%%EOF\n'], 'Quittance de loyer.pdf'));
      if (!upload.ok) throw new Error(upload.message);
      const field = { key: 'justificatifDomicile', label: 'Justificatif de domicile', multiple: false, accept: ['application/pdf'], maxSizeMb: 5 };
      expect(await attachUpload(db, store, citizen.id, id, field, upload)).toMatchObject({ ok: true });
      const submitted = await submitDossier(db, citizen.id, id, { baseVersion: saved.ok ? saved.version : 0 }, { ...collectEmails(), store });
      await rm(blobsDir, { recursive: true, force: true });
      const number = submitted.ok ? submitted.number : '';
      const view = (await findSubmittedDossier(db, citizen.id, id))!;

      const pdf = await renderReceiptPdf(view, { compress: false, portalName: 'Portail de test' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = extractPdfText(pdf);
      for (const expected of [
        'Récépissé de dépôt',
        number,
        'Inscription à la restauration scolaire',
        'Léo Paul Durand (enfant)',
        'École élémentaire Jules-Ferry',
        'Lundi, Jeudi',
        '1er septembre 2099',
        'Arachide ? et œufs', // no WinAnsi glyph for the emoji: replaced, not garbled
        '12 rue des Lilas',
        'Quittance de loyer.pdf',
        RECEIPT_FOOTER,
      ]) {
        expect(text, expected).toContain(expected);
      }
      // The notice and the page count are on every page.
      const pages = Number(/Page 1 sur (\d+)/.exec(text)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(text.split(RECEIPT_FOOTER)).toHaveLength(pages + 1);
      expect(text).toContain(`Page ${pages} sur ${pages}`);
      // Compressed for real use, and still a PDF.
      const compressed = await renderReceiptPdf(view);
      expect(compressed.subarray(0, 5).toString()).toBe('%PDF-');
      expect(compressed.length).toBeLessThan(pdf.length);
    });
  });

  it('keeps drafts of other owners apart in lists', async () => {
    const other = await createCitizen(db);
    await startStreetReport(db, other);
    const mine = await listDrafts(db, citizen.id);
    const theirs = await listDrafts(db, other.id);
    expect(theirs).toHaveLength(1);
    expect(mine.map((d) => d.id)).not.toContain(theirs[0].id);
    const owned = await db.select({ id: dossiers.id }).from(dossiers).where(and(eq(dossiers.ownerId, other.id)));
    expect(owned).toHaveLength(1);
  });
});
