import 'server-only';
import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { dossierAttachments, dossierEvents, dossiers, messages } from '@/db/schema';
import { discardStaged, lockAndCheckQuota, sentFileQuotaMessage, stageUpload, type StagedFile } from '@/lib/documents/dossier-files';
import { EVENT_KINDS } from '@/lib/dossiers/event-kinds';
import { isDossierId } from '@/lib/dossiers/ids';
import { publishLiveEvent } from '@/lib/notifications/live';
import type { BlobStore } from '@/lib/storage';

export type CitizenReplyResult =
  | { ok: true; messageId: string }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'file-refused' | 'quota'; message: string };

function ownedSubmitted(ownerId: string, dossierId: string) {
  return and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), ne(dossiers.status, 'draft'), isNotNull(dossiers.submittedAt))!;
}

/**
 * The citizen answers the administration from "Ma demande", optionally with one file (checked,
 * scanned and within the storage quota, like every upload). Owner-scoped: another citizen's
 * dossier, a draft or an unknown id are the same "not found", checked before any file is stored.
 * Nobody is emailed: the message appears in the back office, marked unread until an agent opens it.
 */
export async function postCitizenMessage(
  db: Database,
  ownerId: string,
  dossierId: string,
  body: string,
  attachment?: { store: BlobStore; file: File },
): Promise<CitizenReplyResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  let staged: StagedFile | null = null;
  if (attachment) {
    const [owned] = await db.select({ id: dossiers.id }).from(dossiers).where(ownedSubmitted(ownerId, dossierId));
    if (!owned) return { ok: false, reason: 'not-found' };
    const result = await stageUpload(attachment.store, dossierId, attachment.file);
    if (!result.ok) return { ok: false, reason: 'file-refused', message: result.message };
    staged = result.file;
  }
  try {
    const outcome = await db.transaction(async (tx): Promise<CitizenReplyResult> => {
      if (staged) {
        const over = await lockAndCheckQuota(tx, ownerId, staged.sizeBytes);
        if (over) return { ok: false, reason: 'quota', message: sentFileQuotaMessage(over, staged.sizeBytes) };
      }
      const [dossier] = await tx.select({ id: dossiers.id }).from(dossiers).where(ownedSubmitted(ownerId, dossierId)).for('update');
      if (!dossier) return { ok: false, reason: 'not-found' };
      const [message] = await tx.insert(messages).values({ dossierId, authorId: ownerId, authorRole: 'citizen', body }).returning({ id: messages.id });
      if (staged) await tx.insert(dossierAttachments).values(messageFileRow(dossierId, message.id, ownerId, staged));
      await tx.insert(dossierEvents).values({ dossierId, kind: EVENT_KINDS.citizenMessage, actorId: ownerId });
      await tx.update(dossiers).set({ agentUnreadSince: sql`coalesce(${dossiers.agentUnreadSince}, now())` }).where(eq(dossiers.id, dossierId));
      // Agents with the dossier open see the reply arrive; the citizen wrote it, no need to tell them.
      await publishLiveEvent(tx, { userId: null, dossierId, kind: EVENT_KINDS.citizenMessage });
      return { ok: true, messageId: message.id };
    });
    if (!outcome.ok && staged && attachment) await discardStaged(attachment.store, [staged]);
    return outcome;
  } catch (error) {
    if (staged && attachment) await discardStaged(attachment.store, [staged]);
    throw error;
  }
}

/** The attachment row of a file joined to a message (either side). */
export function messageFileRow(dossierId: string, messageId: string, uploadedBy: string, file: StagedFile) {
  return {
    id: file.attachmentId,
    dossierId,
    messageId,
    kind: 'message' as const,
    filename: file.filename,
    mimeType: file.mimeType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    storageKey: file.storageKey,
    uploadedBy,
  };
}
