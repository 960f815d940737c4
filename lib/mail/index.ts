import 'server-only';
import { getEnv } from '@/lib/env';
import { getDb } from '@/lib/db';
import { createOutboxMailer } from './outbox';
import { createResendMailer } from './resend';
import type { Mailer } from './types';

export type { MailAttachment, MailMessage, Mailer, SendOptions } from './types';
export type { MailPort } from './port';
export { createResendMailer, MailDeliveryError, type ResendMailerOptions } from './resend';
export { createOutboxMailer, getOutboxMessage, listOutbox, type OutboxMessage, type OutboxSummary } from './outbox';

/** Resend when RESEND_API_KEY is set, the development outbox otherwise. */
export function getMailer(): Mailer {
  const env = getEnv();
  if (env.RESEND_API_KEY) {
    return createResendMailer({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL, from: env.MAIL_FROM });
  }
  // The database is opened on first send, not here: callers may pick a mailer at import time.
  return {
    send: async (message, options) => createOutboxMailer(await getDb(), env.MAIL_FROM).send(message, options),
  };
}
