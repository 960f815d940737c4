import 'server-only';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { dossierEvents, dossiers, messages } from '@/db/schema';
import { EVENT_KINDS } from '@/lib/dossiers/event-kinds';
import { isDossierId } from '@/lib/dossiers/ids';
import { publishLiveEvent } from '@/lib/notifications/live';

export type CitizenReplyResult = { ok: true; messageId: string } | { ok: false; reason: 'not-found' };

/**
 * The citizen answers the administration from "Ma demande". Owner-scoped: another citizen's
 * dossier, a draft or an unknown id are the same "not found". Nobody is emailed: the message
 * appears in the back office, in the dossier's thread and timeline.
 */
export async function postCitizenMessage(db: Database, ownerId: string, dossierId: string, body: string): Promise<CitizenReplyResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  return db.transaction(async (tx) => {
    const [dossier] = await tx
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), ne(dossiers.status, 'draft'), isNotNull(dossiers.submittedAt)))
      .for('update');
    if (!dossier) return { ok: false, reason: 'not-found' } as const;
    const [message] = await tx.insert(messages).values({ dossierId, authorId: ownerId, authorRole: 'citizen', body }).returning({ id: messages.id });
    await tx.insert(dossierEvents).values({ dossierId, kind: EVENT_KINDS.citizenMessage, actorId: ownerId });
    // Agents with the dossier open see the reply arrive; the citizen wrote it, no need to tell them.
    await publishLiveEvent(tx, { userId: null, dossierId, kind: EVENT_KINDS.citizenMessage });
    return { ok: true, messageId: message.id } as const;
  });
}
