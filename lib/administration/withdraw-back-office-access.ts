import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedureAccessGrants, users } from '@/db/schema';
import { bumpSessionVersion } from '@/lib/accounts/users';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from './admin-actor';
import type { AgentAdminOutcome } from './outcomes';
import { refuseRoleChange } from './role-rules';
import type { WithdrawAccessInput } from './schemas';

/** Back to a citizen account: assignments removed, open sessions ended. The account and its own requests stay. */
export async function withdrawBackOfficeAccess(db: Database, actor: AdminActor, input: WithdrawAccessInput): Promise<AgentAdminOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [target] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!target) return { ok: false, reason: 'user-not-found' };
    const refusal = refuseRoleChange(actor.id, target, 'citizen');
    if (refusal) return { ok: false, reason: refusal };
    await tx.update(users).set({ role: 'citizen', updatedAt: sql`now()` }).where(eq(users.id, target.id));
    const removed = await tx.delete(procedureAccessGrants).where(eq(procedureAccessGrants.agentId, target.id)).returning({ procedureId: procedureAccessGrants.procedureId });
    await bumpSessionVersion(tx, target.id);
    await recordAudit(tx, {
      action: 'agent.access_withdrawn',
      actorId: actor.id,
      targetType: 'user',
      targetId: target.id,
      meta: { from: target.role, assignmentsRemoved: removed.length },
    });
    return { ok: true };
  });
}
