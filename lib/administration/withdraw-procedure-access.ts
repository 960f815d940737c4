import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedureAccessGrants, procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from './admin-actor';
import type { AgentAdminOutcome } from './outcomes';
import type { ProcedureAccessInput } from './schemas';

export async function withdrawProcedureAccess(db: Database, actor: AdminActor, input: ProcedureAccessInput): Promise<AgentAdminOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const removed = await tx
      .delete(procedureAccessGrants)
      .where(and(eq(procedureAccessGrants.agentId, input.userId), eq(procedureAccessGrants.procedureId, input.procedureId)))
      .returning({ procedureId: procedureAccessGrants.procedureId });
    if (!removed.length) return { ok: false, reason: 'grant-not-found' };
    const [procedure] = await tx.select({ slug: procedures.slug }).from(procedures).where(eq(procedures.id, input.procedureId));
    await recordAudit(tx, { action: 'agent.procedure_unassigned', actorId: actor.id, targetType: 'user', targetId: input.userId, meta: { procedure: procedure?.slug } });
    return { ok: true };
  });
}
