import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { notifications, preferences, users } from '@/db/schema';
import type { MailPort } from '@/lib/mail';
import { followUpEmail, followUpNotification, type FollowUpDossier, type FollowUpEvent } from './follow-up-messages';
import { publishLiveEvent } from './live';

/** What notifying a citizen needs: where links point, and how an email joins the transaction (lib/mail/port.ts). */
export type NotifyContext = Pick<MailPort, 'sendEmailInTransaction'> & {
  origin: string;
  portalName: string;
};

/** What a follow-up use case (status change, message, response) needs: the database too. */
export type FollowUpContext = NotifyContext & { db: Database };

const preferenceOf = {
  status_change: preferences.emailOnStatusChange,
  message: preferences.emailOnMessage,
  response: preferences.emailOnResponse,
  // A request for documents is a message from the administration: the same choice applies.
  completion_request: preferences.emailOnMessage,
  completion_withdrawn: preferences.emailOnMessage,
} as const;

/**
 * Inside the caller's transaction: the notification row, a live event for the citizen's open
 * pages, and the email job when the citizen's preference allows it (no preferences row yet means
 * the defaults: every email on).
 */
export async function notifyCitizen(
  tx: Transaction,
  ctx: NotifyContext,
  citizenId: string,
  dossier: FollowUpDossier,
  event: FollowUpEvent,
): Promise<{ emailed: boolean }> {
  const notice = followUpNotification(dossier, event);
  await tx.insert(notifications).values({ userId: citizenId, dossierId: dossier.id, kind: event.kind, ...notice });
  // Open pages refresh at commit: the citizen's (status, timeline, header count) and agents' on this dossier.
  await publishLiveEvent(tx, { userId: citizenId, dossierId: dossier.id, kind: event.kind });
  const [row] = await tx
    .select({ email: users.email, allowed: preferenceOf[event.kind] })
    .from(users)
    .leftJoin(preferences, eq(preferences.userId, users.id))
    .where(eq(users.id, citizenId));
  if (!row || row.allowed === false) return { emailed: false };
  await ctx.sendEmailInTransaction(tx, followUpEmail({ to: row.email, origin: ctx.origin, portalName: ctx.portalName, dossier, event }));
  return { emailed: true };
}
