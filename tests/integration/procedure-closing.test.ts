import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, procedureVersions, procedures, profiles, users } from '@/db/schema';
import { createDraft, saveDraftAnswers, submitDossier } from '@/lib/dossiers';
import { todayInParis } from '@/lib/procedures/compile-step';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Opening and closing (issue 11, decision 024): after the closing day "Commencer" is refused;
// drafts already started may still be submitted until the grace day, not after.

let db: TestDatabase;
let owner: { id: string; email: string };

const day = (offset: number) => todayInParis(new Date(Date.now() + offset * 24 * 3600 * 1000));

async function publishedProcedure() {
  const slug = `cloture-${randomUUID().slice(0, 8)}`;
  const [procedure] = await db.db.insert(procedures).values({ slug, title: 'Inscription au vide-grenier', summary: 'Réserver un emplacement.', category: 'urbanisme', published: true }).returning({ id: procedures.id });
  const definition = {
    beneficiaries: ['self'],
    steps: [{ key: 'emplacement', title: 'Emplacement', fields: [{ key: 'metres', type: 'text', label: 'Longueur souhaitée', required: true }] }],
    statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
  };
  await db.db.insert(procedureVersions).values({ procedureId: procedure.id, version: 1, definition, publishedAt: new Date() });
  return { id: procedure.id, slug };
}

const setOpening = (id: string, opening: { opensOn?: string | null; closesAfter?: string | null; graceUntil?: string | null }) => db.db.update(procedures).set(opening).where(eq(procedures.id, id));

async function startedDraft(slug: string) {
  const created = await createDraft(db.db, owner, { procedureSlug: slug, beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(created.reason);
  expect(await saveDraftAnswers(db.db, owner.id, created.id, { baseVersion: 1, changes: { metres: '3 mètres' } })).toMatchObject({ ok: true });
  return created.id;
}

const submit = (id: string) => submitDossier(db.db, owner.id, id, { baseVersion: 2 }, { origin: 'https://demarches.test', portalName: 'Portail de test', sendEmail: async () => {} });

beforeAll(async () => {
  db = await createTestDatabase();
  const [user] = await db.db.insert(users).values({ email: `usager.${randomUUID()}@exemple.fr`, passwordHash: 'x', role: 'citizen', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await db.db.insert(profiles).values({ userId: user.id, birthName: 'Durand', firstNames: 'Lou' });
  owner = { id: user.id, email: 'lou@exemple.fr' };
});
afterAll(async () => db?.drop());

describe('closing of a procedure', () => {
  it('refuses "Commencer" after the closing day and before the opening day, and accepts it on the last day', async () => {
    const { id, slug } = await publishedProcedure();
    await setOpening(id, { closesAfter: day(-1) });
    expect(await createDraft(db.db, owner, { procedureSlug: slug, beneficiary: { kind: 'self' } })).toEqual({ ok: false, reason: 'closed' });
    await setOpening(id, { opensOn: day(2), closesAfter: null });
    expect(await createDraft(db.db, owner, { procedureSlug: slug, beneficiary: { kind: 'self' } })).toEqual({ ok: false, reason: 'closed' });
    await setOpening(id, { opensOn: null, closesAfter: day(0) });
    expect(await createDraft(db.db, owner, { procedureSlug: slug, beneficiary: { kind: 'self' } })).toMatchObject({ ok: true });
    expect(await db.db.$count(dossiers, eq(dossiers.procedureId, id))).toBe(1);
  });

  it('lets a draft started before the closing be submitted until the grace day', async () => {
    const { id, slug } = await publishedProcedure();
    const draft = await startedDraft(slug);
    await setOpening(id, { closesAfter: day(-3), graceUntil: day(0) });
    expect(await submit(draft)).toMatchObject({ ok: true });
  });

  it('refuses the submission after the grace day, and the draft stays a draft', async () => {
    const { id, slug } = await publishedProcedure();
    const draft = await startedDraft(slug);
    await setOpening(id, { closesAfter: day(-5), graceUntil: day(-1) });
    expect(await submit(draft)).toEqual({ ok: false, reason: 'closed', lastDay: day(-1) });
    const [row] = await db.db.select({ status: dossiers.status, number: dossiers.number }).from(dossiers).where(eq(dossiers.id, draft));
    expect(row).toEqual({ status: 'draft', number: null });
  });

  it('without a grace day, the closing day is the last day of submission', async () => {
    const { id, slug } = await publishedProcedure();
    const draft = await startedDraft(slug);
    await setOpening(id, { closesAfter: day(-1) });
    expect(await submit(draft)).toMatchObject({ ok: false, reason: 'closed' });
  });
});
