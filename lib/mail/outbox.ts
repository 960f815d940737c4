import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { mailOutbox } from '@/db/schema';
import type { Mailer, MailMessage } from './types';
import { isUuid } from '@/lib/common/uuid';

// The development outbox: emails are kept in the database instead of leaving the machine,
// so that a developer (or an end-to-end test) can read them at /dev/courriels.

export type OutboxSummary = { id: string; to: string; subject: string; createdAt: Date };

export type OutboxMessage = OutboxSummary & {
  from: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; size: number; content: Buffer }[];
};

export function createOutboxMailer(db: Executor, from: string): Mailer {
  return {
    async send(message: MailMessage) {
      const [row] = await db
        .insert(mailOutbox)
        .values({
          to: message.to,
          from,
          subject: message.subject,
          text: message.text,
          html: message.html ?? null,
          attachments: message.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            base64: a.content.toString('base64'),
          })),
        })
        .returning({ id: mailOutbox.id });
      return { id: row.id };
    },
  };
}

/** Newest first; `to` matches the recipient exactly (case-insensitively, as addresses are). */
export async function listOutbox(db: Executor, options: { to?: string; limit: number }): Promise<OutboxSummary[]> {
  const to = options.to?.trim().toLowerCase();
  return db
    .select({ id: mailOutbox.id, to: mailOutbox.to, subject: mailOutbox.subject, createdAt: mailOutbox.createdAt })
    .from(mailOutbox)
    .where(to ? sql`lower(${mailOutbox.to}) = ${to}` : undefined)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(options.limit);
}

/** Returns null for an unknown or malformed id, so that the page answers 404 rather than 500. */
export async function getOutboxMessage(db: Executor, id: string): Promise<OutboxMessage | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1);
  if (!row) return null;
  return {
    id: row.id,
    to: row.to,
    from: row.from,
    subject: row.subject,
    text: row.text,
    html: row.html,
    createdAt: row.createdAt,
    attachments: (row.attachments ?? []).map((a) => {
      const content = Buffer.from(a.base64, 'base64');
      return { filename: a.filename, contentType: a.contentType, size: content.length, content };
    }),
  };
}
