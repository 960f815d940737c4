import 'server-only';

export type MailAttachment = { filename: string; contentType: string; content: Buffer };

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
};

export type SendOptions = {
  /** Lets the provider drop a duplicate when a job is retried after a send that actually went through. */
  idempotencyKey?: string;
};

export interface Mailer {
  send(message: MailMessage, options?: SendOptions): Promise<{ id: string }>;
}
