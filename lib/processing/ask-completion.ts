import 'server-only';
import { dossierEvents, dossierRequestItems, dossierRequests } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { formatDueDay } from '@/lib/completions/schemas';
import { EVENT_KINDS } from '@/lib/dossiers/event-kinds';
import { isDossierId } from '@/lib/dossiers/ids';
import { notifyCitizen, type FollowUpContext } from '@/lib/notifications/notify';
import { lockDossierInScope } from './process';
import type { BackOfficeUser } from './scope';

export type AskCompletionResult = { ok: true; requestId: string; emailed: boolean } | { ok: false; reason: 'not-found' };

/**
 * "Demander un complément": named documents and/or a correction, due on a day. One transaction:
 * the request and its items, the timeline event, the citizen's notification (live, and the email
 * when their preferences allow it) and the audit entry (never the words asked). Out of scope, a
 * draft or an unknown id: "not-found". The dossier's status does not change: the agent may change
 * it as well, the citizen sees "À compléter" while a request is open.
 */
export async function askForCompletion(ctx: FollowUpContext, user: BackOfficeUser, dossierId: string, input: { documents: string[]; correction?: string; dueOn: string }): Promise<AskCompletionResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  return ctx.db.transaction(async (tx): Promise<AskCompletionResult> => {
    const dossier = await lockDossierInScope(tx, user, dossierId);
    if (!dossier) return { ok: false, reason: 'not-found' };
    const [request] = await tx
      .insert(dossierRequests)
      .values({ dossierId, askedBy: user.id, correction: input.correction ?? null, dueOn: input.dueOn })
      .returning({ id: dossierRequests.id });
    if (input.documents.length) {
      await tx.insert(dossierRequestItems).values(input.documents.map((label, position) => ({ requestId: request.id, position, label })));
    }
    await tx.insert(dossierEvents).values({ dossierId, kind: EVENT_KINDS.completionRequested, actorId: user.id });
    const { emailed } = await notifyCitizen(tx, ctx, dossier.ownerId, dossier.ref, { kind: 'completion_request', dueLabel: formatDueDay(input.dueOn) });
    await recordAudit(tx, {
      action: 'backoffice.completion_requested',
      actorId: user.id,
      targetType: 'dossier',
      targetId: dossierId,
      meta: { requestId: request.id, documents: input.documents.length, withCorrection: !!input.correction, dueOn: input.dueOn },
    });
    return { ok: true, requestId: request.id, emailed };
  });
}
