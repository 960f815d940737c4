import 'server-only';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '@/db/client';
import { dossierEvents, dossiers, procedureAccessGrants, profiles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { isDossierId } from '@/lib/dossiers/ids';
import { isUuid } from '@/lib/common/uuid';
import { dossiersInScope, type BackOfficeUser } from './scope';
import { personNameSql } from './queue';

// Who handles a dossier: "Je prends ce dossier", assign to another agent of the procedure, unassign.
// Each change is one transaction: the dossier row (locked through the actor's scope), an event of
// the kinds below and an audit entry. These event kinds are not in lib/dossiers/event-kinds.ts, so
// the citizen's timeline (listTimeline keeps known kinds only) never shows an agent's name.

export const ASSIGNMENT_EVENT_KINDS = { assigned: 'assigned', unassigned: 'unassigned' } as const;

export type AssignResult = { ok: true; changed: boolean } | { ok: false; reason: 'not-found' | 'agent-not-eligible' };

type Ctx = { db: Database };

async function lockInScope(db: Executor, user: BackOfficeUser, dossierId: string) {
  const [row] = await db
    .select({ id: dossiers.id, procedureId: dossiers.procedureId, assigneeId: dossiers.assigneeId })
    .from(dossiers)
    .where(and(eq(dossiers.id, dossierId), dossiersInScope(user)))
    .for('update');
  return row ?? null;
}

/** Who may be given a dossier of this procedure: an agent granted access to it, or an administrator. */
function eligibleFor(procedureId: string) {
  return or(
    eq(users.role, 'admin'),
    and(
      eq(users.role, 'agent'),
      sql`exists (select 1 from ${procedureAccessGrants} g where g.agent_id = ${users.id} and g.procedure_id = ${procedureId})`,
    ),
  )!;
}

/** Gives the dossier to `agentId` (the actor themself for "Je prends ce dossier"). */
export async function assignDossier(ctx: Ctx, user: BackOfficeUser, dossierId: string, agentId: string): Promise<AssignResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  if (!isUuid(agentId)) return { ok: false, reason: 'agent-not-eligible' };
  return ctx.db.transaction(async (tx): Promise<AssignResult> => {
    const dossier = await lockInScope(tx, user, dossierId);
    if (!dossier) return { ok: false, reason: 'not-found' };
    const [eligible] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, agentId), eligibleFor(dossier.procedureId)));
    if (!eligible) return { ok: false, reason: 'agent-not-eligible' };
    if (dossier.assigneeId === agentId) return { ok: true, changed: false };
    await tx.update(dossiers).set({ assigneeId: agentId }).where(eq(dossiers.id, dossierId));
    // The event's note holds the assignee's id: the agents' history names them, the citizen never sees it.
    await tx.insert(dossierEvents).values({ dossierId, kind: ASSIGNMENT_EVENT_KINDS.assigned, actorId: user.id, note: agentId });
    await recordAudit(tx, {
      action: 'backoffice.dossier_assigned',
      actorId: user.id,
      targetType: 'dossier',
      targetId: dossierId,
      meta: { assigneeId: agentId, previousAssigneeId: dossier.assigneeId, self: agentId === user.id },
    });
    return { ok: true, changed: true };
  });
}

export async function takeDossier(ctx: Ctx, user: BackOfficeUser, dossierId: string): Promise<AssignResult> {
  return assignDossier(ctx, user, dossierId, user.id);
}

export async function unassignDossier(ctx: Ctx, user: BackOfficeUser, dossierId: string): Promise<AssignResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  return ctx.db.transaction(async (tx): Promise<AssignResult> => {
    const dossier = await lockInScope(tx, user, dossierId);
    if (!dossier) return { ok: false, reason: 'not-found' };
    if (!dossier.assigneeId) return { ok: true, changed: false };
    await tx.update(dossiers).set({ assigneeId: null }).where(eq(dossiers.id, dossierId));
    await tx.insert(dossierEvents).values({ dossierId, kind: ASSIGNMENT_EVENT_KINDS.unassigned, actorId: user.id, note: dossier.assigneeId });
    await recordAudit(tx, { action: 'backoffice.dossier_unassigned', actorId: user.id, targetType: 'dossier', targetId: dossierId, meta: { previousAssigneeId: dossier.assigneeId } });
    return { ok: true, changed: true };
  });
}

export type AgentOption = { id: string; name: string };

/** The people a dossier of this procedure can be given to, for the "Attribuer à" list. */
export async function listAssignableAgents(db: Executor, procedureId: string): Promise<AgentOption[]> {
  const rows = await db
    .select({ id: users.id, name: personNameSql(profiles, users) })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(eligibleFor(procedureId))
    .orderBy(asc(users.role), asc(users.email))
    .limit(500);
  return rows.map((row) => ({ id: row.id, name: row.name ?? '' }));
}

export type AssignmentEntry = { id: string; kind: 'assigned' | 'unassigned'; at: Date; actorName: string | null; assigneeName: string | null };

const actor = alias(users, 'actor');
const actorProfile = alias(profiles, 'actor_profile');
const target = alias(users, 'target');
const targetProfile = alias(profiles, 'target_profile');

/** Assignment history of a dossier whose access the caller has established (agents only). */
export async function listAssignmentHistory(db: Executor, dossierId: string): Promise<AssignmentEntry[]> {
  const rows = await db
    .select({
      id: dossierEvents.id,
      kind: dossierEvents.kind,
      at: dossierEvents.createdAt,
      actorName: personNameSql(actorProfile, actor),
      assigneeName: personNameSql(targetProfile, target),
    })
    .from(dossierEvents)
    .leftJoin(actor, eq(actor.id, dossierEvents.actorId))
    .leftJoin(actorProfile, eq(actorProfile.userId, dossierEvents.actorId))
    .leftJoin(target, sql`${target.id}::text = ${dossierEvents.note}`)
    .leftJoin(targetProfile, eq(targetProfile.userId, target.id))
    .where(and(eq(dossierEvents.dossierId, dossierId), inArray(dossierEvents.kind, Object.values(ASSIGNMENT_EVENT_KINDS))))
    .orderBy(desc(dossierEvents.createdAt), desc(dossierEvents.id))
    .limit(20);
  return rows.map((row) => ({ ...row, kind: row.kind === 'assigned' ? 'assigned' : 'unassigned' }));
}
