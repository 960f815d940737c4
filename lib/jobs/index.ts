import 'server-only';
import type PgBoss from 'pg-boss';
import { getEnv } from '@/lib/env';
import { getDatabaseHandle } from '@/lib/db';
import type { MailMessage, MailPort } from '@/lib/mail';
import { enqueueEmailInTransaction } from './in-transaction';
import type { EnqueueOptions } from '@/lib/queue/boss';
import { enqueueJob, JOB_NAMES, registerWorkers, toEmailJobData, type JobName, type JobPayloads } from './handlers';
import { startJobQueue, stopJobQueue } from './start';

export { JOB_QUEUE_SETUP_LOCK, startJobQueue, stopJobQueue } from './start';
export { enqueueEmailInTransaction, toDrizzleQuery, transactionJobDb } from './in-transaction';
export { createJobQueue, createQueues, sendJob, workJobs, type EnqueueOptions, type JobHandler, type JobQueueOptions, type JobQueueSource } from '@/lib/queue/boss';
export {
  createJobQueues,
  enqueueJob,
  fromEmailJobData,
  JOB_NAMES,
  registerWorkers,
  toEmailJobData,
  type EmailJobData,
  type JobName,
  type JobPayloads,
} from './handlers';

// One queue per process, kept on globalThis so that dev-server reloads do not start a second one.
// Any process may enqueue; only the one that called startJobs() runs workers (JOBS_IN_PROCESS).
type JobsState = { queue?: Promise<PgBoss>; workers?: Promise<void> };
const globalForJobs = globalThis as unknown as { __portalJobs?: JobsState };
const state = (globalForJobs.__portalJobs ??= {});

/** The started queue of this process, with the portal's queues created; no workers unless startJobs() ran. */
export function getJobQueue(): Promise<PgBoss> {
  if (!state.queue) {
    const pending = openJobQueue();
    state.queue = pending;
    // A failed start must not stick: the next call tries again.
    pending.catch(() => {
      if (state.queue === pending) state.queue = undefined;
    });
  }
  return state.queue;
}

async function openJobQueue(): Promise<PgBoss> {
  const handle = await getDatabaseHandle();
  return startJobQueue({ handle, connectionString: getEnv().DATABASE_URL });
}

/** Starts this process's workers; called once at boot when JOBS_IN_PROCESS is true. */
export async function startJobs(): Promise<void> {
  if (!state.workers) {
    const pending = getJobQueue().then((boss) => registerWorkers(boss));
    state.workers = pending;
    pending.catch(() => {
      if (state.workers === pending) state.workers = undefined;
    });
  }
  await state.workers;
}

/**
 * Lets running jobs finish (up to `timeoutMs`, 15 s by default), then stops polling and closes the
 * queue's pool. Call it before closeDb(): on PGlite the queue uses that handle.
 */
export async function stopJobs({ timeoutMs = 15_000 }: { timeoutMs?: number } = {}): Promise<void> {
  const pending = state.queue;
  state.queue = undefined;
  state.workers = undefined;
  if (!pending) return;
  const boss = await pending.catch(() => undefined);
  if (boss) await stopJobQueue(boss, timeoutMs);
}

/**
 * Queues a job. Call it after the change that causes it is committed: the queue does not join the
 * caller's transaction, and on the embedded database a call from inside a transaction would wait
 * for that transaction to end, forever.
 */
export async function enqueue<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions): Promise<string | null> {
  return enqueueJob(await getJobQueue(), name, data, options);
}

/** Sends an email in the background, retried with backoff; a failure never undoes the caller's change. */
export function enqueueEmail(message: MailMessage, options?: EnqueueOptions): Promise<string | null> {
  return enqueue(JOB_NAMES.sendEmail, toEmailJobData(message), options);
}

/** The app's `MailPort.sendEmail` (lib/mail/port.ts): queued, after the change is committed. */
export async function sendEmailAfterCommit(message: MailMessage): Promise<void> {
  await enqueueEmail(message);
}

/**
 * The app's mail port, both moments. The queue is opened first: on the embedded database, opening
 * it from inside a transaction would wait for that transaction's own lock.
 */
export async function openMailPort(): Promise<MailPort> {
  const boss = await getJobQueue();
  return { sendEmail: sendEmailAfterCommit, sendEmailInTransaction: (tx, message) => enqueueEmailInTransaction(boss, tx, message) };
}
