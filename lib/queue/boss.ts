import 'server-only';
import PgBoss from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseHandle } from '@/db/client';
import { logger } from '@/lib/platform/logger';
import { describeError } from '@/lib/platform/safe-error';
import { currentRequestId } from '@/lib/platform/request-id';
import { getMetrics } from '@/lib/platform/metrics';

// pg-boss plumbing with no knowledge of the portal's jobs (those are in handlers.ts).
// See docs/decisions/002-job-queue.md for why pg-boss, and how it runs on the embedded database.

export type JobQueueSource = {
  handle: DatabaseHandle;
  /** Required on PostgreSQL: pg-boss opens its own small pool (the handle's postgres.js client cannot be shared). */
  connectionString?: string;
};

export type JobQueueOptions = {
  /** How often an idle worker looks for work; pg-boss refuses less than 0.5 s. */
  pollingIntervalSeconds?: number;
};

export type EnqueueOptions = Pick<
  PgBoss.SendOptions,
  'retryLimit' | 'retryDelay' | 'retryBackoff' | 'startAfter' | 'singletonKey' | 'expireInSeconds' | 'priority' | 'db'
>;

export type JobHandler<T> = (data: T, job: PgBoss.JobWithMetadata<T>) => Promise<unknown>;

type QueryResult = { rows: unknown[] };

/**
 * pg-boss over the in-process PGlite instance, through its `db` option: PGlite is a single session,
 * so every statement takes its turn behind PGlite's own lock, alongside the app's Drizzle queries.
 */
function createPgliteExecutor(pglite: PGlite) {
  let open = true;
  async function runScript(text: string): Promise<QueryResult> {
    try {
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    } catch (error) {
      // A failed BEGIN…COMMIT script leaves the only session in an aborted transaction: every later
      // query of the app would fail until someone rolls back.
      if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
      throw error;
    }
  }
  const db: PgBoss.Db = {
    async executeSql(text: string, values?: unknown[]) {
      // pg-boss's own pool adapter answers nothing once closed; a worker still finishing its loop after
      // stop() lands here, and must neither touch a database that may be closed nor throw unhandled.
      if (!open) return undefined as unknown as QueryResult;
      // Scripts (schema creation, maintenance) are several statements, which only the simple protocol runs.
      if (values === undefined) return runScript(text);
      return pglite.query(text, values);
    },
  };
  return { db, close: () => void (open = false) };
}

/** describeError (the logger) strips credentials from URLs that connection errors may quote. */
function logQueueError(error: unknown) {
  logger.error({ err: error }, '[jobs] queue error');
}

/** A pg-boss instance over the given database, not started yet. */
export function createJobQueue({ handle, connectionString }: JobQueueSource, options: JobQueueOptions = {}): PgBoss {
  const common = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 };
  let boss: PgBoss;
  if (handle.kind === 'postgres') {
    if (!connectionString) throw new Error('createJobQueue needs the connection string of the PostgreSQL database.');
    boss = new PgBoss({ connectionString, max: 5, application_name: 'portail-jobs', ...common });
  } else {
    if (!handle.pglite) throw new Error('createJobQueue: the embedded database handle has no PGlite instance.');
    const executor = createPgliteExecutor(handle.pglite);
    boss = new PgBoss({ db: executor.db, ...common });
    boss.on('stopped', executor.close);
  }
  // pg-boss is an EventEmitter: an 'error' event without a listener would crash the process.
  boss.on('error', logQueueError);
  return boss;
}

/** pg-boss 10 drops jobs sent to a queue that does not exist: create every queue before use. */
export async function createQueues(boss: PgBoss, names: readonly string[]): Promise<void> {
  for (const name of names) await boss.createQueue(name);
}

/** Returns the job id, or null when a job with the same singletonKey is already queued. */
export async function sendJob(boss: PgBoss, name: string, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  // The request that queues the job, for the worker's log lines (absent outside a request).
  const requestId = await currentRequestId();
  const id = await boss.send(name, requestId ? { ...data, requestId } : data, options);
  // Without a singleton key, no id means no row was inserted: pg-boss's silent answer to an unknown queue.
  if (!id && !options.singletonKey) throw new Error(`Job "${name}" was not queued: was its queue created?`);
  // Counted when sent: a job queued inside a transaction that then rolls back is counted too.
  if (id) getMetrics().jobsQueued.inc({ queue: name });
  return id;
}

function requestIdOf(data: unknown): string | undefined {
  const value = (data as { requestId?: unknown } | null)?.requestId;
  return typeof value === 'string' ? value : undefined;
}

export type WorkOptions = {
  /** Workers polling this queue in this process. */
  concurrency?: number;
  /** Jobs each worker takes at once and runs side by side; each succeeds or fails on its own. */
  batchSize?: number;
};

/**
 * Runs `handler` for each job of the queue; a throw fails that job's attempt (retried by its policy).
 *
 * pg-boss waits a whole polling interval between two fetches of a worker, even after it found
 * work: with one job per fetch, a worker ran at most one job a second. Here a worker that found
 * jobs is notified to fetch again at once, so a backlog drains at the speed of the handler, and an
 * idle queue is still polled once a second.
 */
export async function workJobs<T extends object>(boss: PgBoss, name: string, handler: JobHandler<T>, { concurrency = 1, batchSize = 1 }: WorkOptions = {}): Promise<void> {
  await boss.createQueue(name);
  const metrics = getMetrics();
  const runOne = async (job: PgBoss.JobWithMetadata<T>) => {
    const requestId = requestIdOf(job.data);
    // From when the job was due (a retry's delay is not the queue's latency).
    const due = Math.max(new Date(job.startAfter).getTime(), new Date(job.createdOn).getTime());
    metrics.jobQueueLatency.observe({ queue: name }, Math.max(0, Date.now() - due) / 1000);
    const endTimer = metrics.jobDuration.startTimer({ queue: name });
    try {
      const result = await handler(job.data, job);
      endTimer();
      metrics.jobsSettled.inc({ queue: name, outcome: 'done' });
      // Completed one by one: the handler's result (e.g. the provider's message id) is kept as the job's output.
      await boss.complete(name, job.id, result === undefined || result === null || typeof result === 'object' ? (result as object | undefined) : { value: result });
      logger.debug({ queue: name, jobId: job.id, requestId }, '[jobs] done');
    } catch (error) {
      // The job data may hold personal data: log the queue, id and attempt, not the payload.
      const attempt = `${job.retryCount + 1}/${job.retryLimit + 1}`;
      endTimer();
      metrics.jobsSettled.inc({ queue: name, outcome: 'failed' });
      logger.warn({ queue: name, jobId: job.id, requestId, attempt, err: error }, '[jobs] attempt failed');
      await boss.fail(name, job.id, describeError(error));
    }
  };
  for (let i = 0; i < concurrency; i++) {
    const worker: { id?: string } = {};
    worker.id = await boss.work<T>(name, { batchSize, includeMetadata: true }, async (jobs) => {
      // Jobs settled here are no longer active: pg-boss's own completion of the batch skips them.
      await Promise.all(jobs.map(runOne));
      if (jobs.length > 0 && worker.id) boss.notifyWorker(worker.id);
    });
  }
}
