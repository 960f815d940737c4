import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dossiers, procedureVersions, procedures, profiles, users } from '@/db/schema';
import { archiveProcedure, restoreProcedure } from '@/lib/administration/procedures/archive-procedure';
import { getProcedureForEditing } from '@/lib/administration/procedures/get-procedure-for-editing';
import { listAdminProcedures } from '@/lib/administration/procedures/list-admin-procedures';
import { createDraft, findDraft, saveDraftAnswers, submitDossier } from '@/lib/dossiers';
import { getPublishedProcedureBySlug, listCategories, listPublishedProcedures } from '@/lib/procedures/catalogue';
import { findDossierInScope } from '@/lib/processing/queries';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Archiving (issue 11, decision 024): out of the catalogue at once and "Commencer" refused;
// drafts already started may still be submitted; putting it back offers it again. Both are journaled.

let db: TestDatabase;
let owner: { id: string; email: string };
let admin: { id: string; role: 'admin' };

async function publishedProcedure() {
  const slug = `archive-${randomUUID().slice(0, 8)}`;
  const [procedure] = await db.db
    .insert(procedures)
    .values({ slug, title: `Carte de pêche ${slug}`, summary: 'Demander une carte de pêche.', category: 'culture-sport', published: true })
    .returning({ id: procedures.id });
  const definition = {
    beneficiaries: ['self'],
    steps: [{ key: 'carte', title: 'Carte', fields: [{ key: 'riviere', type: 'text', label: 'Rivière', required: true }] }],
    statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
  };
  await db.db.insert(procedureVersions).values({ procedureId: procedure.id, version: 1, definition, publishedAt: new Date() });
  return { id: procedure.id, slug };
}

const start = (slug: string) => createDraft(db.db, owner, { procedureSlug: slug, beneficiary: { kind: 'self' } });
const inCatalogue = async (slug: string) => (await listPublishedProcedures(db.db)).some((p) => p.slug === slug);
const auditActions = async (procedureId: string) =>
  (await db.db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(and(eq(auditLog.targetType, 'procedure'), eq(auditLog.targetId, procedureId)))).map((r) => `${r.action}:${r.actorId === admin.id}`);

beforeAll(async () => {
  db = await createTestDatabase();
  const [user] = await db.db.insert(users).values({ email: `usager.${randomUUID()}@exemple.fr`, passwordHash: 'x', role: 'citizen', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await db.db.insert(profiles).values({ userId: user.id, birthName: 'Durand', firstNames: 'Lou' });
  owner = { id: user.id, email: 'lou@exemple.fr' };
  const [adminRow] = await db.db.insert(users).values({ email: `admin.${randomUUID()}@exemple.fr`, passwordHash: 'x', role: 'admin', emailVerifiedAt: new Date() }).returning({ id: users.id });
  admin = { id: adminRow.id, role: 'admin' };
});
afterAll(async () => db?.drop());

describe('archiving a procedure', () => {
  it('takes it out of the catalogue and refuses "Commencer"; its page still answers and says so', async () => {
    const { id, slug } = await publishedProcedure();
    expect(await inCatalogue(slug)).toBe(true);
    const counted = async () => (await listCategories(db.db)).find((c) => c.key === 'culture-sport')?.count ?? 0;
    const countedBefore = await counted();
    expect(await archiveProcedure(db.db, admin, { procedureId: id, confirmArchive: true })).toEqual({ ok: true, changed: true });

    expect(await inCatalogue(slug)).toBe(false);
    expect((await listPublishedProcedures(db.db, { query: 'carte de peche' })).map((p) => p.slug)).not.toContain(slug);
    expect(await counted()).toBe(countedBefore - 1);
    expect(await getPublishedProcedureBySlug(db.db, slug)).toMatchObject({ slug, archived: true });
    expect(await start(slug)).toEqual({ ok: false, reason: 'archived' });
    expect(await db.db.$count(dossiers, eq(dossiers.procedureId, id))).toBe(0);

    const editing = await getProcedureForEditing(db.db, admin, id);
    expect(editing).toMatchObject({ archived: true, inCatalogue: false });
    expect((await listAdminProcedures(db.db, admin)).find((p) => p.id === id)).toMatchObject({ archived: true, inCatalogue: false });
    // Twice: nothing more happens, nothing more is journaled.
    expect(await archiveProcedure(db.db, admin, { procedureId: id, confirmArchive: true })).toEqual({ ok: true, changed: false });
    expect(await auditActions(id)).toEqual(['procedure.archived:true']);
  });

  it('lets a draft started before be finished and submitted, with a notice; the back office still reaches the dossier', async () => {
    const { id, slug } = await publishedProcedure();
    const created = await start(slug);
    if (!created.ok) throw new Error(created.reason);
    await archiveProcedure(db.db, admin, { procedureId: id, confirmArchive: true });
    expect((await findDraft(db.db, owner.id, created.id))?.procedure.archived).toBe(true);
    expect(await saveDraftAnswers(db.db, owner.id, created.id, { baseVersion: 1, changes: { riviere: 'La Loire' } })).toMatchObject({ ok: true });
    const submitted = await submitDossier(db.db, owner.id, created.id, { baseVersion: 2 }, { origin: 'https://demarches.test', portalName: 'Portail de test', sendEmail: async () => {} });
    expect(submitted).toMatchObject({ ok: true });
    expect(await findDossierInScope(db.db, admin, created.id)).toMatchObject({ id: created.id, status: { key: 'recue' } });
  });

  it('"Remettre au catalogue" offers it again, and both are journaled', async () => {
    const { id, slug } = await publishedProcedure();
    await archiveProcedure(db.db, admin, { procedureId: id, confirmArchive: true });
    expect(await restoreProcedure(db.db, admin, { procedureId: id })).toEqual({ ok: true, changed: true });
    expect(await inCatalogue(slug)).toBe(true);
    expect(await getPublishedProcedureBySlug(db.db, slug)).toMatchObject({ archived: false });
    expect(await start(slug)).toMatchObject({ ok: true });
    expect(await auditActions(id)).toEqual(['procedure.archived:true', 'procedure.restored:true']);
  });

  it('an unknown procedure is not found', async () => {
    expect(await archiveProcedure(db.db, admin, { procedureId: randomUUID(), confirmArchive: true })).toEqual({ ok: false, reason: 'not-found' });
    expect(await restoreProcedure(db.db, admin, { procedureId: randomUUID() })).toEqual({ ok: false, reason: 'not-found' });
  });
});
