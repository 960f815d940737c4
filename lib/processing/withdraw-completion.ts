import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { dossierEvents, dossierRequests } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { EVENT_KINDS } from '@/lib/dossiers/event-kinds';
import { isDossierId } from '@/lib/dossiers/ids';
import { notifyCitizen, type FollowUpContext } from '@/lib/notifications/notify';
import { lockDossierInScope } from './process';
import type { BackOfficeUser } from './scope';

export type WithdrawCompletionResult = { ok: true; emailed: boolean } | { ok: false; reason: 'not-found' | 'closed' };

/**
 * "Retirer la demande": an open request for documents or a correction is closed by the agent
 * (asked by mistake, or no longer needed); the citizen no longer sees "À compléter" for it and an
 * answer is refused. One transaction: the dossier locked through the agent's scope, the request
 * claimed by a conditional update (neither answered nor withdrawn: an answer filed at the same
 * moment waits on the row lock, and exactly one of the two wins), the timeline event, the
 * citizen's notification and the audit entry. Out of scope, a request of another dossier or an
 * unknown id: "not-found"; already answered or withdrawn: "closed".
 */
export async function withdrawCompletionRequest(ctx: FollowUpContext, user: BackOfficeUser, dossierId: string, requestId: string): Promise<WithdrawCompletionResult> {
  if (!isDossierId(dossierId) || !isDossierId(requestId)) return { ok: false, reason: 'not-found' };
  return ctx.db.transaction(async (tx): Promise<WithdrawCompletionResult> => {
    const dossier = await lockDossierInScope(tx, user, dossierId);
    if (!dossier) return { ok: false, reason: 'not-found' };
    const [claimed] = await tx
      .update(dossierRequests)
      .set({ withdrawnAt: sql`now()`, withdrawnBy: user.id })
      .where(and(eq(dossierRequests.id, requestId), eq(dossierRequests.dossierId, dossierId), isNull(dossierRequests.answeredAt), isNull(dossierRequests.withdrawnAt)))
      .returning({ id: dossierRequests.id });
    if (!claimed) {
      const [exists] = await tx.select({ id: dossierRequests.id }).from(dossierRequests).where(and(eq(dossierRequests.id, requestId), eq(dossierRequests.dossierId, dossierId)));
      return { ok: false, reason: exists ? 'closed' : 'not-found' };
    }
    await tx.insert(dossierEvents).values({ dossierId, kind: EVENT_KINDS.completionWithdrawn, actorId: user.id });
    const { emailed } = await notifyCitizen(tx, ctx, dossier.ownerId, dossier.ref, { kind: 'completion_withdrawn' });
    await recordAudit(tx, { action: 'backoffice.completion_withdrawn', actorId: user.id, targetType: 'dossier', targetId: dossierId, meta: { requestId } });
    return { ok: true, emailed };
  });
}
