import 'server-only';
import type { Database } from '@/db/client';
import type { MailMessage } from '@/lib/mail';

/**
 * What account use cases need from the platform. The app passes the process database and the job
 * queue; integration tests pass a test database and the outbox of that database.
 */
export type AccountContext = {
  db: Database;
  /** Queues an email; must not throw for delivery problems (those are retried by the job queue). */
  sendEmail: (message: MailMessage) => Promise<void>;
  /** Public origin used to build emailed links (never the request's Host header). */
  origin: string;
  portalName: string;
};
