import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedureAccessGrants, procedures, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from './admin-actor';
import type { AgentAdminOutcome } from './outcomes';
import type { ProcedureAccessInput } from './schemas';

/** The agent will see and process the dossiers of this procedure. */
export async function grantProcedureAccess(db: Database, actor: AdminActor, input: ProcedureAccessInput): Promise<AgentAdminOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [agent] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, input.userId), inArray(users.role, ['agent', 'admin'])));
    if (!agent) return { ok: false, reason: 'agent-not-found' };
    const [procedure] = await tx.select({ id: procedures.id, slug: procedures.slug }).from(procedures).where(eq(procedures.id, input.procedureId));
    if (!procedure) return { ok: false, reason: 'procedure-not-found' };
    const inserted = await tx
      .insert(procedureAccessGrants)
      .values({ agentId: agent.id, procedureId: procedure.id })
      .onConflictDoNothing()
      .returning({ agentId: procedureAccessGrants.agentId });
    if (!inserted.length) return { ok: false, reason: 'already-granted' };
    await recordAudit(tx, { action: 'agent.procedure_assigned', actorId: actor.id, targetType: 'user', targetId: agent.id, meta: { procedure: procedure.slug } });
    return { ok: true };
  });
}
