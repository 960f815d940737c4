import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, profiles, users } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { createDraft } from '@/lib/dossiers';
import { discardDraft } from '@/lib/dossiers/delete-draft';
import { saveStep, type SaveStepInput } from '@/lib/dossiers/save-step';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// "Valider l'étape" as a use case (lib/dossiers/save-step.ts): what is typed is saved first, then
// the step is checked; a stale page is a conflict unless it says what is stored already; questions
// revealed by an answer (no JavaScript) are introduced, not reported; then on to the next step.

let database: TestDatabase;
let store: BlobStore;
let blobsDir: string;
let owner: { id: string; email: string };

async function createCitizen() {
  const email = `save-step.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await database.db.insert(users).values({ email, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await database.db.insert(profiles).values({ userId: user.id, birthName: 'Bernard', firstNames: 'Alex', phone: '0612345678' });
  return { id: user.id, email };
}

async function startStreetReport(): Promise<string> {
  const created = await createDraft(database.db, owner, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(`createDraft: ${created.reason}`);
  return created.id;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

function step(dossierId: string, input: Partial<SaveStepInput>, fields: Record<string, string>) {
  const full: SaveStepInput = { dossierId, stepKey: 'probleme', baseVersion: 1, shown: 'typeProbleme', returnToRecap: false, ...input };
  return saveStep(database.db, store, owner.id, full, form(fields));
}

async function stored(id: string) {
  const [row] = await database.db.select({ data: dossiers.data, version: dossiers.version }).from(dossiers).where(eq(dossiers.id, id));
  return row;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { hashPassword: async () => 'not-a-real-hash' });
  blobsDir = await mkdtemp(path.join(tmpdir(), 'save-step-'));
  store = createBlobStore({ kind: 'local-disk', rootDir: blobsDir });
  owner = await createCitizen();
});
afterAll(async () => {
  await database?.drop();
  await rm(blobsDir, { recursive: true, force: true });
});

describe('saveStep', () => {
  it('saves, then goes on to the next step, or back to the recap when asked', async () => {
    const id = await startStreetReport();
    expect(await step(id, {}, { typeProbleme: 'eclairage' })).toEqual({ kind: 'done', dossierId: id, version: 2, next: 'lieu' });
    expect(await stored(id)).toMatchObject({ version: 2, data: { typeProbleme: 'eclairage' } });
    expect(await step(id, { baseVersion: 2, returnToRecap: true }, { typeProbleme: 'nid-de-poule' })).toMatchObject({ kind: 'done', version: 3, next: null });
  });

  it('after the last step, the recap comes next', async () => {
    const id = await startStreetReport();
    const outcome = await step(id, { stepKey: 'contact', shown: 'recontact' }, { recontact: 'non' });
    expect(outcome).toEqual({ kind: 'done', dossierId: id, version: 2, next: null });
  });

  it('introduces a question the answer revealed (not on screen yet) instead of reporting it, and saves the answer', async () => {
    const id = await startStreetReport();
    const revealed = await step(id, {}, { typeProbleme: 'autre' });
    expect(revealed).toEqual({ kind: 'revealed', version: 2, answers: expect.objectContaining({ typeProbleme: 'autre' }), fieldErrors: {} });
    expect((await stored(id)).data).toMatchObject({ typeProbleme: 'autre' });
    // Now on screen, left empty: an error like any other.
    const invalid = await step(id, { baseVersion: 2, shown: 'typeProbleme,typePrecision' }, { typeProbleme: 'autre', typePrecision: '' });
    expect(invalid).toMatchObject({ kind: 'invalid', version: 3, fieldErrors: { typePrecision: [expect.stringContaining('Précisez')] } });
    const done = await step(id, { baseVersion: 3, shown: 'typeProbleme,typePrecision' }, { typeProbleme: 'autre', typePrecision: 'Arbre tombé' });
    expect(done).toMatchObject({ kind: 'done', version: 4, next: 'lieu' });
  });

  it('reports the errors of the questions on screen and still saves what was typed', async () => {
    const id = await startStreetReport();
    const outcome = await step(id, { stepKey: 'lieu', shown: 'lieu,description' }, { lieu: 'Place de la Mairie', description: '' });
    expect(outcome).toMatchObject({ kind: 'invalid', version: 2, answers: { lieu: 'Place de la Mairie' }, fieldErrors: { description: [expect.any(String)] } });
    expect((await stored(id)).data).toMatchObject({ lieu: 'Place de la Mairie' });
  });

  it('a stale page is a conflict, unless it says what is stored already; "keep mine" saves over the stored version', async () => {
    const id = await startStreetReport();
    await step(id, {}, { typeProbleme: 'eclairage' }); // version 2, from another tab
    const conflict = await step(id, { baseVersion: 1 }, { typeProbleme: 'depot-sauvage' });
    expect(conflict).toEqual({
      kind: 'conflict',
      version: 2,
      baseVersion: 1,
      answers: expect.objectContaining({ typeProbleme: 'depot-sauvage' }),
      saved: expect.objectContaining({ typeProbleme: 'eclairage' }),
    });
    expect((await stored(id)).data).toMatchObject({ typeProbleme: 'eclairage' });
    // The same page sent again (a resubmission): nothing to choose, on to the next step.
    expect(await step(id, { baseVersion: 1 }, { typeProbleme: 'eclairage' })).toMatchObject({ kind: 'done', version: 2, next: 'lieu' });
    // "Garder mes saisies": saved over version 2.
    expect(await step(id, { baseVersion: 1, keepVersion: 2 }, { typeProbleme: 'depot-sauvage' })).toMatchObject({ kind: 'done', version: 3 });
    expect((await stored(id)).data).toMatchObject({ typeProbleme: 'depot-sauvage' });
  });

  it('someone else’s draft, an unknown id and an unknown step are not found, and nothing is written', async () => {
    const id = await startStreetReport();
    const stranger = await createCitizen();
    const asStranger = await saveStep(database.db, store, stranger.id, { dossierId: id, stepKey: 'probleme', baseVersion: 1, shown: 'typeProbleme', returnToRecap: false }, form({ typeProbleme: 'autre' }));
    expect(asStranger).toEqual({ kind: 'not-found' });
    expect(await step(randomUUID(), {}, { typeProbleme: 'autre' })).toEqual({ kind: 'not-found' });
    expect(await step(id, { stepKey: 'pas-une-etape' }, { typeProbleme: 'autre' })).toEqual({ kind: 'not-found' });
    expect(await stored(id)).toMatchObject({ version: 1 });
  });
});

describe('discardDraft', () => {
  it('deletes the owner’s draft and its files; someone else’s draft is not found and keeps its files', async () => {
    const id = await startStreetReport();
    const key = `dossiers/${id}/${randomUUID()}`;
    await store.put(key, Buffer.from('%PDF-1.7 piece'));
    const stranger = await createCitizen();
    expect(await discardDraft(database.db, store, stranger.id, id)).toEqual({ ok: false, reason: 'not-found' });
    expect(await store.head(key)).not.toBeNull();
    expect(await discardDraft(database.db, store, owner.id, id)).toEqual({ ok: true });
    expect(await stored(id)).toBeUndefined();
    expect(await store.head(key)).toBeNull();
    expect(await discardDraft(database.db, store, owner.id, id)).toEqual({ ok: false, reason: 'not-found' });
  });
});
