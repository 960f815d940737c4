import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { agentAssignments, procedures, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { ActionResult } from '@/lib/actions/result';
import { assertAdmin, type AdminActor } from './admin-actor';
import type { AssignmentInput } from './schemas';

/** The agent will see and process the dossiers of this procedure. */
export async function assignProcedure(db: Database, actor: AdminActor, input: AssignmentInput): Promise<ActionResult> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [agent] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, input.userId), inArray(users.role, ['agent', 'admin'])));
    if (!agent) return { ok: false, formError: 'Ce compte n’a pas (ou plus) accès à l’espace agents. Rechargez la page.' };
    const [procedure] = await tx.select({ id: procedures.id, slug: procedures.slug }).from(procedures).where(eq(procedures.id, input.procedureId));
    if (!procedure) return { ok: false, fieldErrors: { procedureId: ['Cette démarche est introuvable. Rechargez la page.'] } };
    const inserted = await tx
      .insert(agentAssignments)
      .values({ agentId: agent.id, procedureId: procedure.id })
      .onConflictDoNothing()
      .returning({ agentId: agentAssignments.agentId });
    if (!inserted.length) return { ok: false, fieldErrors: { procedureId: ['Cette démarche est déjà affectée à cette personne.'] } };
    await recordAudit(tx, { action: 'agent.procedure_assigned', actorId: actor.id, targetType: 'user', targetId: agent.id, meta: { procedure: procedure.slug } });
    return { ok: true };
  });
}
