import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/schema';
import { bumpSessionVersion } from '@/lib/accounts/users';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from './admin-actor';
import type { AgentAdminOutcome } from './outcomes';
import { refuseRoleChange } from './role-rules';
import type { ChangeRoleInput } from './schemas';

/** Agent ↔ administrator. The person's open sessions end: their next page asks them to sign in again. */
export async function changeAgentRole(db: Database, actor: AdminActor, input: ChangeRoleInput): Promise<AgentAdminOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [target] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!target) return { ok: false, reason: 'user-not-found' };
    const refusal = refuseRoleChange(actor.id, target, input.role);
    if (refusal) return { ok: false, reason: refusal };
    await tx.update(users).set({ role: input.role, updatedAt: sql`now()` }).where(eq(users.id, target.id));
    await bumpSessionVersion(tx, target.id);
    await recordAudit(tx, { action: 'agent.role_changed', actorId: actor.id, targetType: 'user', targetId: target.id, meta: { from: target.role, to: input.role } });
    return { ok: true };
  });
}
