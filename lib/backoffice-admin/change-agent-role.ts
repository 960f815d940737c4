import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/schema';
import { bumpSessionVersion } from '@/lib/accounts/users';
import { recordAudit } from '@/lib/audit';
import type { ActionResult } from '@/lib/actions/result';
import { assertAdmin, type AdminActor } from './admin-actor';
import { refuseRoleChange } from './role-rules';
import type { ChangeRoleInput } from './schemas';

export const USER_NOT_FOUND_MESSAGE = 'Ce compte est introuvable : il a peut-être été supprimé. Rechargez la page.';

/** Agent ↔ administrator. The person's open sessions end: their next page asks them to sign in again. */
export async function changeAgentRole(db: Database, actor: AdminActor, input: ChangeRoleInput): Promise<ActionResult> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [target] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!target) return { ok: false, formError: USER_NOT_FOUND_MESSAGE };
    const refusal = refuseRoleChange(actor.id, target, input.role);
    if (refusal) return { ok: false, formError: refusal };
    await tx.update(users).set({ role: input.role, updatedAt: sql`now()` }).where(eq(users.id, target.id));
    await bumpSessionVersion(tx, target.id);
    await recordAudit(tx, { action: 'agent.role_changed', actorId: actor.id, targetType: 'user', targetId: target.id, meta: { from: target.role, to: input.role } });
    return { ok: true };
  });
}
