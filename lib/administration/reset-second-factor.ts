import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { recoveryCodes, secondFactors, users } from '@/db/schema';
import { bumpSessionVersion } from '@/lib/accounts/users';
import { recordAudit } from '@/lib/audit';
import { clearSecondFactorFailures } from '@/lib/auth/second-factor/throttle';
import { assertAdmin, type AdminActor } from './admin-actor';
import type { AgentAdminOutcome } from './outcomes';
import { refuseSecondFactorReset } from './role-rules';
import type { ResetSecondFactorInput } from './schemas';

/**
 * For an agent who lost their phone and their recovery codes: the secret and the codes are
 * deleted and every session ends; the next sign-in goes through enrolment again. Not for oneself
 * (another administrator checks who is asking), so a stolen administrator session cannot swap
 * its owner's second factor for the thief's.
 */
export async function resetSecondFactor(db: Database, actor: AdminActor, input: ResetSecondFactorInput): Promise<AgentAdminOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [target] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!target) return { ok: false, reason: 'user-not-found' };
    const refusal = refuseSecondFactorReset(actor.id, target);
    if (refusal) return { ok: false, reason: refusal };
    const removed = await tx.delete(secondFactors).where(eq(secondFactors.userId, target.id)).returning({ userId: secondFactors.userId });
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, target.id));
    await clearSecondFactorFailures(tx, target.id);
    await bumpSessionVersion(tx, target.id);
    await recordAudit(tx, {
      action: 'agent.second_factor_reset',
      actorId: actor.id,
      targetType: 'user',
      targetId: target.id,
      meta: { role: target.role, wasEnrolled: removed.length > 0 },
    });
    return { ok: true };
  });
}
