import { desc, eq } from 'drizzle-orm';
import { mailOutbox } from '@/db/schema';
import type { AccountContext } from '@/lib/accounts/context';
import { createOutboxMailer } from '@/lib/mail';
import type { TestDatabase } from './db';

/** An account context over a test database whose emails land in that database's outbox. */
export function createTestAccountContext(db: TestDatabase): AccountContext {
  const mailer = createOutboxMailer(db.db, 'Portail <ne-pas-repondre@test.localhost>');
  return {
    db: db.db,
    sendEmail: async (message) => {
      await mailer.send(message);
    },
    origin: 'https://demarches.test',
    portalName: 'Portail de test',
  };
}

export async function lastEmailTo(db: TestDatabase, to: string) {
  const [row] = await db.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  return row ?? null;
}

export async function emailsTo(db: TestDatabase, to: string) {
  return db.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt));
}

/** Extracts the token of the first link to `path` (e.g. '/confirmer/') in an email's text. */
export function linkToken(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/\//g, '\\/')}([A-Za-z0-9_-]{43})`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}
