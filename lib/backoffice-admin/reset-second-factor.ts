import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { recoveryCodes, secondFactors, users } from '@/db/schema';
import { bumpSessionVersion } from '@/lib/accounts/users';
import { recordAudit } from '@/lib/audit';
import type { ActionResult } from '@/lib/actions/result';
import { clearSecondFactorFailures } from '@/lib/auth/second-factor/throttle';
import { assertAdmin, type AdminActor } from './admin-actor';
import { USER_NOT_FOUND_MESSAGE } from './change-agent-role';
import { refuseSecondFactorReset } from './role-rules';
import type { ResetSecondFactorInput } from './schemas';

/**
 * For an agent who lost their phone and their recovery codes: the secret and the codes are
 * deleted and every session ends; the next sign-in goes through enrolment again. Not for oneself
 * (another administrator checks who is asking), so a stolen administrator session cannot swap
 * its owner's second factor for the thief's.
 */
export async function resetSecondFactor(db: Database, actor: AdminActor, input: ResetSecondFactorInput): Promise<ActionResult> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [target] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!target) return { ok: false, formError: USER_NOT_FOUND_MESSAGE };
    const refusal = refuseSecondFactorReset(actor.id, target);
    if (refusal) return { ok: false, formError: refusal };
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
