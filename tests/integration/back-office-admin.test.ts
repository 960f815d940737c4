import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureAccessGrants, auditLog, procedures, users } from '@/db/schema';
import type { AccountContext } from '@/lib/accounts/context';
import { resetPassword } from '@/lib/accounts/password-reset';
import { authenticate } from '@/lib/accounts/sign-in';
import { addAgent } from '@/lib/administration/add-agent';
import { AdminRequiredError, type AdminActor } from '@/lib/administration/admin-actor';
import { grantProcedureAccess } from '@/lib/administration/grant-procedure-access';
import { changeAgentRole } from '@/lib/administration/change-agent-role';
import { listAuditEntries } from '@/lib/administration/list-audit-entries';
import { listBackOfficeUsers } from '@/lib/administration/list-back-office-users';
import { withdrawProcedureAccess } from '@/lib/administration/withdraw-procedure-access';
import { withdrawBackOfficeAccess } from '@/lib/administration/withdraw-back-office-access';
import { agentsResult } from '@/app/admin/agents/messages';
import { createTestAccountContext, lastEmailTo, linkToken } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let db: TestDatabase;
let ctx: AccountContext;
let admin: AdminActor & { email: string };
let procedureId: string;

async function createUser(role: 'citizen' | 'agent' | 'admin', email = `${role}.${randomUUID()}@exemple.fr`) {
  const [row] = await db.db.insert(users).values({ email, passwordHash: 'not-used', role, emailVerifiedAt: new Date() }).returning({ id: users.id });
  return { id: row.id, role, email };
}

async function sessionVersionOf(id: string) {
  const [row] = await db.db.select({ sessionVersion: users.sessionVersion, role: users.role }).from(users).where(eq(users.id, id));
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = createTestAccountContext(db);
  admin = await createUser('admin');
  const [procedure] = await db.db
    .insert(procedures)
    .values({ slug: `voirie-${randomUUID().slice(0, 6)}`, title: 'Signalement voirie', summary: 'Test', category: 'voirie', published: true })
    .returning({ id: procedures.id });
  procedureId = procedure.id;
});
afterAll(async () => db?.drop());

describe('adding an agent', () => {
  it('creates an account and emails a single-use link to choose a password; the agent can then sign in', async () => {
    const email = `nouvel.agent.${randomUUID().slice(0, 6)}@mairie.fr`;
    expect(await addAgent(ctx, admin, { email, role: 'agent' })).toEqual({ ok: true, data: { created: true } });
    const [created] = await db.db.select().from(users).where(eq(users.email, email));
    expect(created).toMatchObject({ role: 'agent', emailVerifiedAt: null });
    const mail = await lastEmailTo(db, email);
    expect(mail!.text).toContain('https://demarches.test/reinitialiser/');
    expect(mail!.text).toContain('72 heures');
    const token = linkToken(mail!.text, '/reinitialiser/');
    expect(await resetPassword(ctx, token, 'une phrase de passe pour l’agent')).toEqual({ ok: true });
    expect(await resetPassword(ctx, token, 'une autre phrase de passe')).toEqual({ ok: false, reason: 'invalid-link' });
    expect((await authenticate(db.db, email, 'une phrase de passe pour l’agent')).ok).toBe(true);
  });

  it('promotes an existing citizen, ends their sessions and tells them by email; an existing agent is refused', async () => {
    const citizen = await createUser('citizen');
    const before = await sessionVersionOf(citizen.id);
    expect(await addAgent(ctx, admin, { email: citizen.email.toUpperCase(), role: 'admin' })).toEqual({ ok: true, data: { created: false } });
    const after = await sessionVersionOf(citizen.id);
    expect(after.role).toBe('admin');
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect((await lastEmailTo(db, citizen.email))!.subject).toContain('espace agents');
    const again = await addAgent(ctx, admin, { email: citizen.email, role: 'agent' });
    expect(agentsResult(again)).toEqual({ ok: false, fieldErrors: { email: [expect.stringContaining('déjà accès')] } });
  });
});

describe('roles and access', () => {
  it('agent ↔ admin and withdrawal bump sessionVersion; withdrawal removes assignments', async () => {
    const agent = await createUser('agent');
    const v0 = (await sessionVersionOf(agent.id)).sessionVersion;
    expect(await changeAgentRole(db.db, admin, { userId: agent.id, role: 'admin' })).toEqual({ ok: true });
    expect(await sessionVersionOf(agent.id)).toEqual({ role: 'admin', sessionVersion: v0 + 1 });
    expect(await changeAgentRole(db.db, admin, { userId: agent.id, role: 'agent' })).toEqual({ ok: true });
    expect(await sessionVersionOf(agent.id)).toEqual({ role: 'agent', sessionVersion: v0 + 2 });

    expect(await grantProcedureAccess(db.db, admin, { userId: agent.id, procedureId })).toEqual({ ok: true });
    expect((await listBackOfficeUsers(db.db, admin)).users.find((u) => u.id === agent.id)!.grantedProcedures).toEqual([{ procedureId, title: 'Signalement voirie' }]);
    expect(await withdrawBackOfficeAccess(db.db, admin, { userId: agent.id })).toEqual({ ok: true });
    expect(await sessionVersionOf(agent.id)).toEqual({ role: 'citizen', sessionVersion: v0 + 3 });
    expect(await db.db.$count(procedureAccessGrants, eq(procedureAccessGrants.agentId, agent.id))).toBe(0);
    expect((await listBackOfficeUsers(db.db, admin)).users.some((u) => u.id === agent.id)).toBe(false);
  });

  it('an administrator cannot change or withdraw their own role', async () => {
    const before = await sessionVersionOf(admin.id);
    expect(agentsResult(await changeAgentRole(db.db, admin, { userId: admin.id, role: 'agent' }))).toEqual({ ok: false, formError: expect.stringContaining('votre propre rôle') });
    expect(agentsResult(await withdrawBackOfficeAccess(db.db, admin, { userId: admin.id }))).toEqual({ ok: false, formError: expect.stringContaining('votre propre rôle') });
    expect(await sessionVersionOf(admin.id)).toEqual(before);
  });

  it('assigns and unassigns once', async () => {
    const agent = await createUser('agent');
    expect(await grantProcedureAccess(db.db, admin, { userId: agent.id, procedureId })).toEqual({ ok: true });
    expect(agentsResult(await grantProcedureAccess(db.db, admin, { userId: agent.id, procedureId }))).toEqual({ ok: false, fieldErrors: { procedureId: [expect.stringContaining('déjà affectée')] } });
    expect(await withdrawProcedureAccess(db.db, admin, { userId: agent.id, procedureId })).toEqual({ ok: true });
    expect(agentsResult(await withdrawProcedureAccess(db.db, admin, { userId: agent.id, procedureId }))).toEqual({ ok: false, formError: expect.stringContaining('n’existe plus') });
    const citizen = await createUser('citizen');
    expect((await grantProcedureAccess(db.db, admin, { userId: citizen.id, procedureId })).ok).toBe(false);
  });

  it('refuses agents, citizens and a session that still claims a withdrawn admin role', async () => {
    const agent = await createUser('agent');
    const citizen = await createUser('citizen');
    const demoted = await createUser('admin');
    await changeAgentRole(db.db, admin, { userId: demoted.id, role: 'agent' });
    const auditBefore = await db.db.$count(auditLog);
    for (const actor of [agent, citizen, { id: demoted.id, role: 'admin' as const }]) {
      await expect(addAgent(ctx, actor, { email: `x.${randomUUID().slice(0, 6)}@exemple.fr`, role: 'admin' })).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(changeAgentRole(db.db, actor, { userId: agent.id, role: 'admin' })).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(withdrawBackOfficeAccess(db.db, actor, { userId: admin.id })).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(grantProcedureAccess(db.db, actor, { userId: agent.id, procedureId })).rejects.toBeInstanceOf(AdminRequiredError);
      await expect(listAuditEntries(db.db, actor, { page: 1 })).rejects.toBeInstanceOf(AdminRequiredError);
    }
    expect((await sessionVersionOf(agent.id)).role).toBe('agent');
    expect((await sessionVersionOf(admin.id)).role).toBe('admin');
    expect(await db.db.$count(auditLog)).toBe(auditBefore);
  });
});

describe('journal', () => {
  it('lists newest first with who did what to whom, filtered by kind and date, never secrets', async () => {
    await db.db.insert(auditLog).values({ action: 'account.password_reset', actorId: admin.id, meta: { token: 'abc', password: 'x', knownAccount: true } });
    const agent = await createUser('agent');
    await changeAgentRole(db.db, admin, { userId: agent.id, role: 'admin' });
    const page = await listAuditEntries(db.db, admin, { page: 1 });
    expect(page.entries[0]).toMatchObject({ action: 'agent.role_changed', actionLabel: 'Rôle modifié', actor: admin.email, target: agent.email });
    // jsonb keeps its own key order.
    expect(page.entries[0].details).toHaveLength(2);
    expect(page.entries[0].details).toEqual(expect.arrayContaining([{ label: 'avant', value: 'agent' }, { label: 'après', value: 'administrateur' }]));
    const reset = page.entries.find((e) => e.action === 'account.password_reset')!;
    expect(reset.details).toEqual([{ label: 'compte existant', value: 'oui' }]);

    const agentsOnly = await listAuditEntries(db.db, admin, { type: 'agent', page: 1 });
    expect(agentsOnly.entries.length).toBeGreaterThan(0);
    expect(agentsOnly.entries.every((e) => e.action.startsWith('agent.'))).toBe(true);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    expect((await listAuditEntries(db.db, admin, { du: today, au: today, page: 1 })).total).toBe(page.total);
    expect((await listAuditEntries(db.db, admin, { au: '2020-01-01', page: 1 })).total).toBe(0);
  });
});
