import 'server-only';
import { Resend } from 'resend';
import type { Mailer, MailMessage, SendOptions } from './types';

const SEND_TIMEOUT_MS = 30_000;

export type ResendMailerOptions = {
  apiKey: string;
  from: string;
  /** A local fake in tests and development; Resend's public API when absent. */
  baseUrl?: string;
};

/** Thrown for any refusal by Resend, so that the email job fails and is retried. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

export function createResendMailer({ apiKey, from, baseUrl }: ResendMailerOptions): Mailer {
  // Passing baseUrl explicitly keeps the SDK from reading the environment (RESEND_BASE_URL) on its own.
  const resend = new Resend(apiKey, { baseUrl: (baseUrl ?? 'https://api.resend.com').replace(/\/+$/, '') });
  return {
    async send(message: MailMessage, options: SendOptions = {}) {
      const { data, error } = await resend.emails.send(
        {
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content.toString('base64'),
          })),
        },
        // A hung connection must fail the attempt (and let the job retry) rather than hold the worker.
        { idempotencyKey: options.idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
      );
      if (error || !data) {
        // Resend's error carries its own message and status, never the request headers (the API key).
        const status = error?.statusCode ?? null;
        throw new MailDeliveryError(`Resend refused the email (${status ?? 'no response'}): ${error?.message ?? 'empty answer'}`, status);
      }
      return { id: data.id };
    },
  };
}
