import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { agentAssignments, procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from './admin-actor';
import type { AgentAdminOutcome } from './outcomes';
import type { AssignmentInput } from './schemas';

export async function unassignProcedure(db: Database, actor: AdminActor, input: AssignmentInput): Promise<AgentAdminOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const removed = await tx
      .delete(agentAssignments)
      .where(and(eq(agentAssignments.agentId, input.userId), eq(agentAssignments.procedureId, input.procedureId)))
      .returning({ procedureId: agentAssignments.procedureId });
    if (!removed.length) return { ok: false, reason: 'assignment-not-found' };
    const [procedure] = await tx.select({ slug: procedures.slug }).from(procedures).where(eq(procedures.id, input.procedureId));
    await recordAudit(tx, { action: 'agent.procedure_unassigned', actorId: actor.id, targetType: 'user', targetId: input.userId, meta: { procedure: procedure?.slug } });
    return { ok: true };
  });
}
