import 'server-only';
import type PgBoss from 'pg-boss';
import { getMailer, type Mailer, type MailMessage } from '@/lib/mail';
import { MAINTENANCE_JOB_NAMES, registerMaintenanceJobs } from '@/lib/lifecycle/jobs';
import { createQueues, sendJob, workJobs, type EnqueueOptions } from '@/lib/queue/boss';

// The portal's jobs: their names, the data each carries, their retry policy and their workers.

export const JOB_NAMES = { sendEmail: 'send-email' } as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/** Job data is stored as JSON, so attachments travel as base64. */
export type EmailJobData = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; contentType: string; base64: string }[];
};

export type JobPayloads = { [JOB_NAMES.sendEmail]: EmailJobData };

// Provider outages last minutes to hours: 6 retries with exponential backoff from 30 s span
// roughly 30 to 60 minutes before the job is marked failed.
const JOB_DEFAULTS: Record<JobName, EnqueueOptions> = {
  [JOB_NAMES.sendEmail]: { retryLimit: 6, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
};

export function toEmailJobData(message: MailMessage): EmailJobData {
  return {
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      base64: a.content.toString('base64'),
    })),
  };
}

export function fromEmailJobData(data: EmailJobData): MailMessage {
  return {
    to: data.to,
    subject: data.subject,
    text: data.text,
    html: data.html,
    attachments: data.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.base64, 'base64'),
    })),
  };
}

/** Queues a job with its name's retry policy; `options` override it (tests use short delays). */
export function enqueueJob<N extends JobName>(boss: PgBoss, name: N, data: JobPayloads[N], options: EnqueueOptions = {}) {
  return sendJob(boss, name, data, { ...JOB_DEFAULTS[name], ...options });
}

/** Every queue, created once under the start-up lock (lib/jobs/start.ts): several instances start together. */
export async function createJobQueues(boss: PgBoss): Promise<void> {
  await createQueues(boss, [...Object.values(JOB_NAMES), ...MAINTENANCE_JOB_NAMES]);
}

export type WorkerDependencies = { getMailer?: () => Mailer };

export async function registerWorkers(boss: PgBoss, deps: WorkerDependencies = {}): Promise<void> {
  const mailer = deps.getMailer ?? getMailer;
  await workJobs<EmailJobData>(
    boss,
    JOB_NAMES.sendEmail,
    async (data, job) => {
      // The job id as idempotency key: a retry after a send that went through but timed out is not sent twice.
      const { id } = await mailer().send(fromEmailJobData(data), { idempotencyKey: `${JOB_NAMES.sendEmail}/${job.id}` });
      return { messageId: id };
    },
    // Up to 2 × 5 emails in flight per process: a backlog (a status change on hundreds of dossiers)
    // drains at tens of emails a second. Resend limits requests per second per account: beyond it
    // answers 429 and the jobs are retried later (docs/deploy.md).
    { concurrency: 2, batchSize: 5 },
  );
  // Daily data-lifecycle jobs (orphan files, expired account data, retention): docs/decisions/013.
  await registerMaintenanceJobs(boss);
}
