import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, dossierAttachments, dossierNotes, profiles, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDatabase } from '@/db/seed';
import type { CurrentUser } from '@/lib/auth/guards';
import { createDraft, saveDraftAnswers, submitDossier } from '@/lib/dossiers';
import { findCitizenFollowUp } from '@/lib/dossiers/follow-up';
import { findSubmittedDossier } from '@/lib/dossiers/submitted';
import { collectAccountExport } from '@/lib/account-export/collect';
import { openAccountArchive } from '@/lib/account-export/archive';
import { createLocalDiskBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { unzipEntries } from '../helpers/unzip';

// Private notes and the agent's exports of one dossier against PostgreSQL, through the real use
// cases, the real note action and the real route handlers. Only the session (who is signed in),
// the process's database handle and its blob store are replaced.

const state = vi.hoisted(() => ({ user: null as CurrentUser | null, db: null as unknown, store: null as unknown }));
vi.mock('@/lib/auth/guards', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/auth/guards')>()), getCurrentUser: async () => state.user }));
vi.mock('@/lib/db', () => ({ getDb: async () => state.db }));
vi.mock('@/lib/storage', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/storage')>()), getBlobStore: () => state.store }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { addPrivateNote, listPrivateNotes } = await import('@/lib/processing/notes');
const { exportDossierPdf } = await import('@/lib/processing/dossier-pdf');
const { openDossierArchive } = await import('@/lib/processing/dossier-archive');
const { addNoteAction } = await import('@/app/admin/dossiers/[id]/note-actions');
const pdfRoute = await import('@/app/admin/dossiers/[id]/pdf/route');
const zipRoute = await import('@/app/admin/dossiers/[id]/zip/route');
const fileRoute = await import('@/app/admin/dossiers/[id]/pieces/[attachmentId]/route');

const ORIGIN = 'https://demarches.test';
const NOTE = 'Note interne : le demandeur a déjà appelé deux fois, dossier sensible.';
const HOSTILE = [
  { name: '../../../etc/passwd', body: 'passwd bytes' },
  { name: '..\\..\\boot.ini', body: 'boot bytes' },
  { name: `${'très-long-nom-'.repeat(30)}.pdf`, body: '%PDF-1.4 long' },
  { name: 'Réponse\u202Efdp.exe', body: 'bidi bytes' },
  { name: 'Réponse.pdf', body: '%PDF-1.4 un' },
  { name: 'Réponse.pdf', body: '%PDF-1.4 deux' },
  { name: '日本語の書類.png', body: 'png bytes' },
];

let database: TestDatabase;
let blobDir: string;
let store: BlobStore;
let citizen: CurrentUser;
let agent: CurrentUser;
let outsider: CurrentUser;
let dossierId: string;
let attachmentIds: string[];

async function createUser(role: CurrentUser['role'], name: string): Promise<CurrentUser> {
  const email = `${name}.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await database.db.insert(users).values({ email, role, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await database.db.insert(profiles).values({ userId: user.id, birthName: name, firstNames: 'Test', phone: '06 00 00 00 00' });
  return { id: user.id, email, role, displayName: name, sessionVersion: 1 };
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const context = (id = dossierId) => ({ params: Promise.resolve({ id }) });
const get = (route: { GET: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }, id = dossierId) =>
  route.GET(new Request(`${ORIGIN}/admin/dossiers/${id}/x`), context(id));

function noteForm(body: string, id = dossierId): FormData {
  const form = new FormData();
  form.append('dossierId', id);
  form.append('body', body);
  return form;
}

/** What a server action threw: Next's 404 or redirect signal. */
async function outcomeOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? error);
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return 'not-found';
    if (digest.startsWith('NEXT_REDIRECT;')) return `redirect:${digest.split(';')[2]}`;
    throw error;
  }
}

async function notesCount(): Promise<number> {
  return (await database.db.select({ id: dossierNotes.id }).from(dossierNotes).where(eq(dossierNotes.dossierId, dossierId))).length;
}

async function auditOf(actions: string[]) {
  return database.db.select().from(auditLog).where(inArray(auditLog.action, actions));
}

beforeAll(async () => {
  database = await createTestDatabase();
  state.db = database.db;
  await seedDatabase(database.db, { hashPassword: async () => 'not-a-real-hash' });
  blobDir = await mkdtemp(path.join(tmpdir(), 'dossier-exports-'));
  store = createLocalDiskBlobStore({ rootDir: blobDir });
  state.store = store;
  const [demoAgent] = await database.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, DEMO_ACCOUNTS.agent));
  agent = { id: demoAgent.id, email: demoAgent.email, role: 'agent', displayName: 'Agent', sessionVersion: 1 };
  outsider = await createUser('agent', 'horsdemarche');
  citizen = await createUser('citizen', 'usager');

  const created = await createDraft(database.db, citizen, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(created.reason);
  dossierId = created.id;
  const answers = { typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description: 'Lampadaire éteint.', recontact: false };
  const saved = await saveDraftAnswers(database.db, citizen.id, dossierId, { baseVersion: 1, changes: answers });
  if (!saved.ok) throw new Error(saved.reason);
  const submitted = await submitDossier(database.db, citizen.id, dossierId, { baseVersion: 2 }, { origin: ORIGIN, portalName: 'Portail de test', sendEmail: async () => {} });
  if (!submitted.ok) throw new Error(submitted.reason);

  attachmentIds = [];
  for (const [i, file] of HOSTILE.entries()) {
    const id = randomUUID();
    const key = `dossiers/${dossierId}/${id}`;
    await store.put(key, Buffer.from(file.body));
    await database.db.insert(dossierAttachments).values({
      id,
      dossierId,
      kind: i < 4 ? 'supporting' : 'response',
      filename: file.name,
      mimeType: 'application/octet-stream',
      sizeBytes: Buffer.byteLength(file.body),
      sha256: sha256(file.body),
      storageKey: key,
      createdAt: new Date(Date.UTC(2026, 2, 12, 10, i)),
    });
    attachmentIds.push(id);
  }
});

afterAll(async () => {
  await database?.drop();
  if (blobDir) await rm(blobDir, { recursive: true, force: true });
});

beforeEach(() => {
  state.user = null;
});

describe('private notes', () => {
  it('an agent of the procedure writes a note through the form post; it is listed with its author and date, and journaled without its text', async () => {
    state.user = agent;
    expect(await outcomeOf(() => addNoteAction(null, noteForm(`  ${NOTE}  `)))).toBe(`redirect:/admin/dossiers/${dossierId}?fait=note#notes`);
    const notes = await listPrivateNotes(database.db, agent, dossierId);
    expect(notes).toEqual([{ id: expect.any(String), body: NOTE, author: expect.any(String), at: expect.any(Date) }]);
    expect(notes[0].author).not.toBe('');
    const [entry] = await auditOf(['backoffice.note_added']);
    expect(entry).toMatchObject({ actorId: agent.id, targetType: 'dossier', targetId: dossierId, meta: { length: NOTE.length } });
    expect(JSON.stringify(entry)).not.toContain('sensible');
  });

  it('an empty note is refused with a French message, nothing is written', async () => {
    state.user = agent;
    const before = await notesCount();
    const result = await outcomeOf(() => addNoteAction(null, noteForm('   ')));
    expect(result).toMatchObject({ ok: false, fieldErrors: { body: ['Saisissez le texte de la note.'] } });
    expect(await notesCount()).toBe(before);
  });

  it('an agent outside the procedure can neither read nor write notes (forged post included)', async () => {
    const before = await notesCount();
    expect(await listPrivateNotes(database.db, outsider, dossierId)).toEqual([]);
    expect(await addPrivateNote(database.db, outsider, dossierId, 'intrusion')).toEqual({ ok: false, reason: 'not-found' });
    state.user = outsider;
    const result = await outcomeOf(() => addNoteAction(null, noteForm('intrusion')));
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining('introuvable') });
    expect(await notesCount()).toBe(before);
  });

  it('a citizen, even the dossier’s owner, cannot post a note: the same 404 as the back office pages', async () => {
    const before = await notesCount();
    state.user = citizen;
    expect(await outcomeOf(() => addNoteAction(null, noteForm('de l’usager')))).toBe('not-found');
    expect(await notesCount()).toBe(before);
  });

  it('nothing the citizen reaches carries the note: their dossier, its follow-up, their data export (JSON and ZIP)', async () => {
    expect(await notesCount()).toBeGreaterThan(0);
    const seen = JSON.stringify([
      await findSubmittedDossier(database.db, citizen.id, dossierId),
      await findCitizenFollowUp(database.db, citizen.id, dossierId),
      await collectAccountExport(database.db, citizen.id),
    ]);
    expect(seen).toContain('Lampadaire éteint.');
    expect(seen).not.toContain('dossier sensible');
    const archive = await openAccountArchive(database.db, store, citizen.id, { portalName: 'Portail de test' });
    const zipPath = path.join(blobDir, 'citizen-export.zip');
    const chunks: Buffer[] = [];
    for await (const chunk of archive!.stream) chunks.push(chunk as Buffer);
    await writeFile(zipPath, Buffer.concat(chunks));
    for (const [name, bytes] of await unzipEntries(zipPath)) expect(bytes.toString('latin1'), name).not.toContain('dossier sensible');
  });
});

describe('exports of one dossier', () => {
  it('the PDF route serves a PDF to an agent of the procedure and journals the export', async () => {
    state.user = agent;
    const response = await get(pdfRoute);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="dossier-\d{4}-\d+\.pdf"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const [entry] = await auditOf(['backoffice.dossier_pdf_exported']);
    expect(entry).toMatchObject({ actorId: agent.id, targetId: dossierId, meta: { pages: expect.any(Number) } });
  });

  it('the ZIP route streams every file, under safe and unique names, byte for byte', async () => {
    state.user = agent;
    const response = await get(zipRoute);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const zipPath = path.join(blobDir, 'agent.zip');
    await writeFile(zipPath, Buffer.from(await response.arrayBuffer()));
    const entries = await unzipEntries(zipPath);
    const names = [...entries.keys()];
    expect(names).toHaveLength(HOSTILE.length);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(HOSTILE.length);
    for (const name of names) {
      expect(name).toMatch(/^(pieces-justificatives|reponses)\/\d{2}-[^/\\]+$/);
      expect(name).not.toMatch(/\.\.|[\u202a-\u202e]/);
      expect(Buffer.byteLength(name.split('/')[1])).toBeLessThanOrEqual(124);
    }
    expect(names).toContain('reponses/01-Réponse.pdf');
    expect(names).toContain('reponses/02-Réponse.pdf');
    expect(names).toContain('reponses/03-日本語の書類.png');
    expect(names[0]).toBe('pieces-justificatives/01-etc_passwd');
    const hashes = [...entries.values()].map((bytes) => sha256(bytes)).sort();
    expect(hashes).toEqual(HOSTILE.map((file) => sha256(file.body)).sort());
    const [entry] = await auditOf(['backoffice.dossier_zip_exported']);
    expect(entry).toMatchObject({ actorId: agent.id, targetId: dossierId, meta: { files: HOSTILE.length, bytes: expect.any(Number) } });
    expect(JSON.stringify(entry.meta)).not.toMatch(/passwd|Réponse|usager/);
  });

  it('a file download by an agent is journaled with ids only', async () => {
    state.user = agent;
    const response = await fileRoute.GET(new Request(`${ORIGIN}/x`), { params: Promise.resolve({ id: dossierId, attachmentId: attachmentIds[4] }) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('%PDF-1.4 un');
    const entries = await auditOf(['backoffice.file_downloaded']);
    expect(entries.map((e) => e.meta)).toEqual([{ attachment: attachmentIds[4] }]);
  });

  it('an agent outside the procedure and a citizen (even the owner) get 404 on the PDF, the ZIP and the files; nothing is journaled', async () => {
    const before = (await auditOf(['backoffice.dossier_pdf_exported', 'backoffice.dossier_zip_exported', 'backoffice.file_downloaded'])).length;
    expect(await exportDossierPdf(database.db, outsider, dossierId, { portalName: 'x' })).toBeNull();
    expect(await openDossierArchive(database.db, store, outsider, dossierId)).toBeNull();
    for (const user of [outsider, citizen]) {
      state.user = user;
      expect((await get(pdfRoute)).status).toBe(404);
      expect((await get(zipRoute)).status).toBe(404);
      const file = await fileRoute.GET(new Request(`${ORIGIN}/x`), { params: Promise.resolve({ id: dossierId, attachmentId: attachmentIds[0] }) });
      expect(file.status).toBe(404);
    }
    // An agent of the procedure with an unknown or malformed id: the same 404.
    state.user = agent;
    expect((await get(pdfRoute, randomUUID())).status).toBe(404);
    expect((await get(zipRoute, 'pas-un-identifiant')).status).toBe(404);
    expect((await auditOf(['backoffice.dossier_pdf_exported', 'backoffice.dossier_zip_exported', 'backoffice.file_downloaded'])).length).toBe(before);
  });

  it('signed out, the routes send to the sign-in page', async () => {
    state.user = null;
    const response = await get(pdfRoute);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('/connexion?callbackUrl=');
    expect((await get(zipRoute)).status).toBe(303);
  });
});
