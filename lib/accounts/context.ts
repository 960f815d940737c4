import 'server-only';
import type { Database } from '@/db/client';
import type { MailPort } from '@/lib/mail';
import { logger } from '@/lib/platform/logger';

/**
 * What account use cases need from the platform. The app passes the process database and the job
 * queue; integration tests pass a test database and the outbox of that database.
 */
export type AccountContext = {
  db: Database;
  /** Queues an email after the change (lib/mail/port.ts); must not throw for delivery problems. */
  sendEmail: MailPort['sendEmail'];
  /** Public origin used to build emailed links (never the request's Host header). */
  origin: string;
  portalName: string;
  /**
   * Runs work after the answer is sent (the app passes Next's `after()`). Work whose cost depends on
   * whether an address has an account goes here, so the answer takes as long either way. Absent:
   * the work runs before the use case returns (scripts, most tests).
   */
  defer?: (task: () => Promise<void>) => void;
};

/** Hands `task` to ctx.defer, or runs it now. A deferred failure is logged: the answer has gone already. */
export async function runAfterAnswer(ctx: AccountContext, label: string, task: () => Promise<void>): Promise<void> {
  if (!ctx.defer) return task();
  ctx.defer(() =>
    task().catch((error: unknown) => {
      logger.error({ err: error, task: label }, 'account task failed after the answer');
    }),
  );
}
