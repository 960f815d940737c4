import 'server-only';
import PgBoss from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseHandle } from '@/db/client';
import { logger } from '@/lib/platform/logger';

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
  const id = await boss.send(name, data, options);
  // Without a singleton key, no id means no row was inserted: pg-boss's silent answer to an unknown queue.
  if (!id && !options.singletonKey) throw new Error(`Job "${name}" was not queued: was its queue created?`);
  return id;
}

/** Runs `handler` for each job of the queue, one job at a time per worker; a throw fails the attempt. */
export async function workJobs<T extends object>(
  boss: PgBoss,
  name: string,
  handler: JobHandler<T>,
  { concurrency = 1 }: { concurrency?: number } = {},
): Promise<void> {
  await boss.createQueue(name);
  for (let i = 0; i < concurrency; i++) {
    await boss.work<T>(name, { batchSize: 1, includeMetadata: true }, async ([job]) => {
      try {
        return await handler(job.data, job);
      } catch (error) {
        // The job data may hold personal data: log the queue, id and attempt, not the payload.
        const attempt = `${job.retryCount + 1}/${job.retryLimit + 1}`;
        logger.warn({ queue: name, jobId: job.id, attempt, err: error }, '[jobs] attempt failed');
        throw error;
      }
    });
  }
}
