import type { Transaction } from '@/db/client';
import type { MailMessage } from './types';

/**
 * The one way use cases send mail. The app fills it with the job queue (lib/jobs: retried with
 * backoff, and a failed email never undoes the change that caused it); tests with a collector.
 * Two functions, because an email leaves at one of two moments:
 * - `sendEmail`: queued once the change is committed, or when there is none (account emails, the
 *   submission receipt). The queue does not join the caller's transaction; must not throw for
 *   delivery problems.
 * - `sendEmailInTransaction`: queued inside `tx`, so the email job exists if and only if the
 *   change commits (follow-up emails, written with the notification row).
 */
export type MailPort = {
  sendEmail: (message: MailMessage) => Promise<void>;
  sendEmailInTransaction: (tx: Transaction, message: MailMessage) => Promise<unknown>;
};
