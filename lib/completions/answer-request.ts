import 'server-only';
import { and, asc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { dossierAttachments, dossierEvents, dossierRequestItems, dossierRequests, dossiers } from '@/db/schema';
import { discardStaged, lockAndCheckQuota, sentFileQuotaMessage, stageLockerCopy, stageUpload, type StagedFile } from '@/lib/documents/dossier-files';
import { EVENT_KINDS } from '@/lib/dossiers/event-kinds';
import { isDossierId } from '@/lib/dossiers/ids';
import { publishLiveEvent } from '@/lib/notifications/live';
import type { BlobStore } from '@/lib/storage';

// The citizen answers a request for documents or a correction on their submitted dossier: one
// file per requested document (from the computer or copied from the Porte-documents) and a
// message. Answered once: the request is claimed by a conditional update (`answered_at is null`)
// in the transaction that writes the files' rows, so two answers posted at once file one; the
// other's staged files are removed. Nothing else of the dossier changes (its answers stay frozen).

/** Where the file of one requested document comes from, as posted. */
export type ItemSource = { upload: File | null; lockerId: string | null };

export type AnswerOutcome =
  | { ok: true }
  | { ok: false; reason: 'not-found' | 'already-answered' }
  | { ok: false; reason: 'withdrawn' }
  | { ok: false; reason: 'incomplete'; missingItems: RequestedItem[]; missingMessage: boolean; bothSources: RequestedItem[] }
  | { ok: false; reason: 'file-refused'; errors: Record<string, string> }
  | { ok: false; reason: 'quota'; message: string };

type Context = { db: Database; store: BlobStore };
type RequestedItem = { id: string; label: string };

function ownedSubmitted(ownerId: string) {
  return and(eq(dossiers.ownerId, ownerId), ne(dossiers.status, 'draft'), isNotNull(dossiers.submittedAt))!;
}

export async function answerCompletionRequest(
  ctx: Context,
  ownerId: string,
  dossierId: string,
  requestId: string,
  input: { message?: string; sourceOf: (itemId: string) => ItemSource },
): Promise<AnswerOutcome> {
  if (!isDossierId(dossierId) || !isDossierId(requestId)) return { ok: false, reason: 'not-found' };
  // Read through the owner: another citizen's dossier or request is "not found", before any file is stored.
  const [request] = await ctx.db
    .select({ id: dossierRequests.id, correction: dossierRequests.correction, answeredAt: dossierRequests.answeredAt, withdrawnAt: dossierRequests.withdrawnAt })
    .from(dossierRequests)
    .innerJoin(dossiers, eq(dossiers.id, dossierRequests.dossierId))
    .where(and(eq(dossierRequests.id, requestId), eq(dossierRequests.dossierId, dossierId), ownedSubmitted(ownerId)));
  if (!request) return { ok: false, reason: 'not-found' };
  if (request.answeredAt) return { ok: false, reason: 'already-answered' };
  if (request.withdrawnAt) return { ok: false, reason: 'withdrawn' };
  const items = await ctx.db
    .select({ id: dossierRequestItems.id, label: dossierRequestItems.label })
    .from(dossierRequestItems)
    .where(eq(dossierRequestItems.requestId, requestId))
    .orderBy(asc(dossierRequestItems.position));

  const sources = items.map((item) => ({ itemId: item.id, item, ...input.sourceOf(item.id) }));
  const missingItems = sources.filter((s) => !s.upload && !s.lockerId).map((s) => s.item);
  const bothSources = sources.filter((s) => s.upload && s.lockerId).map((s) => s.item);
  const missingMessage = !!request.correction && !input.message;
  if (missingItems.length || bothSources.length || missingMessage) return { ok: false, reason: 'incomplete', missingItems, missingMessage, bothSources };

  const staged: { itemId: string; file: StagedFile }[] = [];
  const errors: Record<string, string> = {};
  for (const source of sources) {
    const result = source.upload
      ? await stageUpload(ctx.store, dossierId, source.upload)
      : await stageLockerCopy(ctx.db, ctx.store, ownerId, dossierId, source.lockerId!);
    if (result.ok) staged.push({ itemId: source.itemId, file: result.file });
    else errors[source.itemId] = result.message;
  }
  const discard = () => discardStaged(ctx.store, staged.map((s) => s.file));
  if (Object.keys(errors).length) {
    // All or nothing: one refused file means none is kept.
    await discard();
    return { ok: false, reason: 'file-refused', errors };
  }

  try {
    const outcome = await ctx.db.transaction(async (tx): Promise<AnswerOutcome> => {
      const addedBytes = staged.reduce((sum, s) => sum + s.file.sizeBytes, 0);
      const over = await lockAndCheckQuota(tx, ownerId, addedBytes);
      if (over) return { ok: false, reason: 'quota', message: sentFileQuotaMessage(over, addedBytes) };
      // The freeze: only the first answer finds answered_at null; a concurrent one waits on the row
      // lock, then finds it set and claims nothing. A withdrawal (withdrawn_at) closes it the same way.
      const [claimed] = await tx
        .update(dossierRequests)
        .set({ answeredAt: sql`now()`, answerMessage: input.message ?? null })
        .where(
          and(
            eq(dossierRequests.id, requestId),
            eq(dossierRequests.dossierId, dossierId),
            isNull(dossierRequests.answeredAt),
            isNull(dossierRequests.withdrawnAt),
            sql`exists (select 1 from ${dossiers} where ${dossiers.id} = ${dossierRequests.dossierId} and ${ownedSubmitted(ownerId)})`,
          ),
        )
        .returning({ id: dossierRequests.id });
      if (!claimed) return { ok: false, reason: (await isWithdrawn(tx, requestId)) ? 'withdrawn' : 'already-answered' };
      for (const { itemId, file } of staged) {
        await tx.insert(dossierAttachments).values({
          id: file.attachmentId,
          dossierId,
          kind: 'request_answer',
          filename: file.filename,
          mimeType: file.mimeType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          storageKey: file.storageKey,
          uploadedBy: ownerId,
        });
        await tx
          .update(dossierRequestItems)
          .set({ attachmentId: file.attachmentId })
          .where(and(eq(dossierRequestItems.id, itemId), eq(dossierRequestItems.requestId, requestId)));
      }
      await tx.insert(dossierEvents).values({ dossierId, kind: EVENT_KINDS.completionAnswered, actorId: ownerId });
      await tx
        .update(dossiers)
        .set({ agentUnreadSince: sql`coalesce(${dossiers.agentUnreadSince}, now())` })
        .where(eq(dossiers.id, dossierId));
      // Agents with the dossier open see the answer arrive.
      await publishLiveEvent(tx, { userId: null, dossierId, kind: EVENT_KINDS.completionAnswered });
      return { ok: true };
    });
    if (!outcome.ok) await discard();
    return outcome;
  } catch (error) {
    await discard();
    throw error;
  }
}

/** Why a claim found the request closed: withdrawn by an agent, or answered (read after the row lock was released to us). */
async function isWithdrawn(tx: Executor, requestId: string): Promise<boolean> {
  const [row] = await tx.select({ withdrawnAt: dossierRequests.withdrawnAt }).from(dossierRequests).where(eq(dossierRequests.id, requestId));
  return !!row?.withdrawnAt;
}
