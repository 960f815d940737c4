import 'server-only';
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { agentAssignments, procedures, profiles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { canManageAssignments } from './rules';
import type { BackOfficeUser } from './scope';

// "Agents" (administrators only): which procedures each agent processes.

export type BackOfficeMember = { id: string; email: string; name: string; role: 'agent' | 'admin'; procedureIds: string[] };

export async function listBackOfficeMembers(db: Executor): Promise<BackOfficeMember[]> {
  const rows = await db
    .select({ id: users.id, email: users.email, role: users.role, firstNames: profiles.firstNames, usageName: profiles.usageName, birthName: profiles.birthName })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(inArray(users.role, ['agent', 'admin']))
    .orderBy(asc(users.role), asc(users.email));
  const assignments = rows.length
    ? await db.select().from(agentAssignments).where(inArray(agentAssignments.agentId, rows.map((r) => r.id)))
    : [];
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: [row.firstNames, row.usageName ?? row.birthName].filter(Boolean).join(' ') || row.email,
    role: row.role as 'agent' | 'admin',
    procedureIds: assignments.filter((a) => a.agentId === row.id).map((a) => a.procedureId),
  }));
}

export type SetAssignmentsResult = { ok: true; added: number; removed: number } | { ok: false; reason: 'not-found' };

/**
 * Replaces an agent's assignments with `procedureIds` (unknown ids are ignored). Only an
 * administrator may; the target must be an agent (administrators reach every procedure anyway).
 */
export async function setAgentAssignments(db: Database, actor: BackOfficeUser, agentId: string, procedureIds: string[]): Promise<SetAssignmentsResult> {
  if (!canManageAssignments(actor.role)) return { ok: false, reason: 'not-found' };
  return db.transaction(async (tx): Promise<SetAssignmentsResult> => {
    const [agent] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, agentId), eq(users.role, 'agent'))).for('update');
    if (!agent) return { ok: false, reason: 'not-found' };
    const wanted = procedureIds.length ? (await tx.select({ id: procedures.id }).from(procedures).where(inArray(procedures.id, [...new Set(procedureIds)]))).map((p) => p.id) : [];
    const removed = await tx
      .delete(agentAssignments)
      .where(and(eq(agentAssignments.agentId, agentId), wanted.length ? notInArray(agentAssignments.procedureId, wanted) : undefined))
      .returning({ procedureId: agentAssignments.procedureId });
    const added = wanted.length
      ? await tx
          .insert(agentAssignments)
          .values(wanted.map((procedureId) => ({ agentId, procedureId })))
          .onConflictDoNothing()
          .returning({ procedureId: agentAssignments.procedureId })
      : [];
    if (added.length || removed.length) {
      await recordAudit(tx, {
        action: 'backoffice.assignments_changed',
        actorId: actor.id,
        targetType: 'user',
        targetId: agentId,
        meta: { added: added.map((a) => a.procedureId), removed: removed.map((r) => r.procedureId) },
      });
    }
    return { ok: true, added: added.length, removed: removed.length };
  });
}
