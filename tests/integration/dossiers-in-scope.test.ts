import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { dossiers, procedureAccessGrants, procedures, profiles, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDatabase } from '@/db/seed';
import { createDraft, saveDraftAnswers, submitDossier } from '@/lib/dossiers';
import { dossiersInScope, type BackOfficeUser } from '@/lib/processing/scope';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// dossiersInScope, the WHERE condition every back-office query starts from, on a real database:
// an administrator reaches every submitted dossier, an agent those of the procedures they were
// granted access to (habilitation), nobody a draft, a citizen nothing.

const streetReport = { typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description: 'Lampadaire éteint depuis lundi.', recontact: false };

let database: TestDatabase;
let db: Database;
let submittedId: string;
let draftId: string;
let procedureId: string;

async function createUser(role: BackOfficeUser['role']): Promise<BackOfficeUser & { email: string }> {
  const email = `${role}.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await db
    .insert(users)
    .values({ email, role, passwordHash: 'not-used', emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  await db.insert(profiles).values({ userId: user.id, birthName: 'Bernard', firstNames: 'Alex' });
  return { id: user.id, role, email };
}

async function startDraft(owner: { id: string; email: string }): Promise<string> {
  const created = await createDraft(db, owner, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(`createDraft: ${created.reason}`);
  const saved = await saveDraftAnswers(db, owner.id, created.id, { baseVersion: 1, changes: streetReport });
  if (!saved.ok) throw new Error(`saveDraftAnswers: ${saved.reason}`);
  return created.id;
}

async function reachable(user: BackOfficeUser): Promise<string[]> {
  const rows = await db.select({ id: dossiers.id }).from(dossiers).where(dossiersInScope(user));
  return rows.map((row) => row.id).filter((id) => id === submittedId || id === draftId);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDatabase(db, { hashPassword: async () => 'not-a-real-hash' });
  const citizen = await createUser('citizen');
  draftId = await startDraft(citizen);
  submittedId = await startDraft(citizen);
  const submitted = await submitDossier(db, citizen.id, submittedId, { baseVersion: 2 }, { origin: 'https://demarches.test', portalName: 'Portail de test', sendEmail: async () => {} });
  if (!submitted.ok) throw new Error(`submitDossier: ${submitted.reason}`);
  const [procedure] = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.slug, 'signalement-voirie'));
  procedureId = procedure.id;
});

afterAll(async () => {
  await database?.drop();
});

describe('dossiersInScope', () => {
  it('gives an administrator every submitted dossier, never a draft', async () => {
    expect(await reachable(await createUser('admin'))).toEqual([submittedId]);
  });

  it('gives an agent the submitted dossiers of the procedures they were granted access to, and only those', async () => {
    const [demoAgent] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.agent));
    expect(await reachable({ id: demoAgent.id, role: 'agent' })).toEqual([submittedId]);

    const agent = await createUser('agent');
    expect(await reachable(agent)).toEqual([]);
    await db.insert(procedureAccessGrants).values({ agentId: agent.id, procedureId });
    expect(await reachable(agent)).toEqual([submittedId]);
  });

  it('gives a citizen nothing, even the owner of the dossiers', async () => {
    const [owner] = await db.select({ id: dossiers.ownerId }).from(dossiers).where(eq(dossiers.id, submittedId));
    expect(await reachable({ id: owner.id, role: 'citizen' })).toEqual([]);
  });
});
