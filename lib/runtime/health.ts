import 'server-only';
import { sql } from 'drizzle-orm';
import { pingDatabase, queryRows } from '@/db/client';
import { getDatabaseHandle } from '@/lib/db';
import { getBlobStore } from '@/lib/storage';
import { getEnv } from '@/lib/env';
import { isShuttingDown } from '@/lib/platform/shutdown';
import { logger } from '@/lib/platform/logger';

// Three questions a load balancer and an operator ask (docs/deploy.md):
// - liveness (/api/ping, /api/health/live): is the process up? No dependency is touched.
// - readiness (/api/health): can this instance serve pages? Only the database decides: a page that
//   needs no file must still be served while S3 is down, and a mail outage never concerns a visitor.
//   A draining instance (SIGTERM received) answers 503 so the balancer stops sending it requests.
// - status (/api/health/status): every dependency, storage, mail and queue reported as degraded
//   without failing readiness.

export type CheckStatus = 'ok' | 'error';
export type DatabaseCheck = { status: CheckStatus; driver: 'postgres' | 'pglite' };

export type ReadinessReport = {
  status: 'ok' | 'unavailable' | 'draining';
  checks: { database: DatabaseCheck };
};

export type StatusReport = {
  status: 'ok' | 'degraded' | 'unavailable' | 'draining';
  checks: {
    database: DatabaseCheck;
    storage: { status: CheckStatus; driver: 's3' | 'local' };
    mail: { status: 'ok' | 'degraded' | 'unknown'; driver: 'resend' | 'outbox'; retrying: number | null; failedLastHour: number | null };
    queue: { status: 'ok' | 'degraded' | 'error'; workersInThisProcess: boolean; waiting: number | null; oldestWaitingSeconds: number | null };
  };
};

const TIMEOUT_MS = 3000;
// A job waiting longer than this means no worker takes jobs (none running, or all stuck).
const STALE_QUEUE_SECONDS = 300;
const EMAIL_QUEUE = 'send-email';

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} timed out`)), TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runCheck(label: string, check: () => Promise<void>): Promise<CheckStatus> {
  try {
    await withTimeout(check(), label);
    return 'ok';
  } catch (error) {
    // Details stay in the server log; the public answer says only ok or error.
    logger.warn({ check: label, err: error }, 'health check failed');
    return 'error';
  }
}

function checkDatabase(): Promise<CheckStatus> {
  return runCheck('database', async () => pingDatabase((await getDatabaseHandle()).db));
}

function databaseDriver(): DatabaseCheck['driver'] {
  return getEnv().DATABASE_URL ? 'postgres' : 'pglite';
}

export async function checkReadiness(): Promise<ReadinessReport> {
  const database = await checkDatabase();
  const checks = { database: { status: database, driver: databaseDriver() } };
  if (isShuttingDown()) return { status: 'draining', checks };
  return { status: database === 'ok' ? 'ok' : 'unavailable', checks };
}

type QueueCounts = { waiting: number; oldest_waiting_seconds: number | null; retrying: number; failed_last_hour: number };

/** Counts of the email queue, from pg-boss's own table (the queue's state is the mail's state). */
async function readEmailQueue(): Promise<QueueCounts> {
  const { db } = await getDatabaseHandle();
  const [row] = await queryRows<QueueCounts>(
    db,
    sql`select
      count(*) filter (where state = 'created' and start_after <= now())::int as waiting,
      extract(epoch from now() - min(start_after) filter (where state = 'created' and start_after <= now()))::int as oldest_waiting_seconds,
      count(*) filter (where state = 'retry')::int as retrying,
      count(*) filter (where state = 'failed' and completed_on > now() - interval '1 hour')::int as failed_last_hour
    from pgboss.job where name = ${EMAIL_QUEUE}`,
  );
  return {
    waiting: Number(row?.waiting ?? 0),
    oldest_waiting_seconds: row?.oldest_waiting_seconds == null ? null : Number(row.oldest_waiting_seconds),
    retrying: Number(row?.retrying ?? 0),
    failed_last_hour: Number(row?.failed_last_hour ?? 0),
  };
}

async function checkQueueAndMail(database: CheckStatus) {
  const env = getEnv();
  const mailDriver: 'resend' | 'outbox' = env.RESEND_API_KEY ? 'resend' : 'outbox';
  const workersInThisProcess = env.JOBS_IN_PROCESS;
  let counts: QueueCounts | null = null;
  if (database === 'ok') {
    try {
      counts = await withTimeout(readEmailQueue(), 'queue');
    } catch (error) {
      logger.warn({ check: 'queue', err: error }, 'health check failed');
    }
  }
  const queue: StatusReport['checks']['queue'] = counts
    ? {
        status: (counts.oldest_waiting_seconds ?? 0) > STALE_QUEUE_SECONDS ? 'degraded' : 'ok',
        workersInThisProcess,
        waiting: counts.waiting,
        oldestWaitingSeconds: counts.oldest_waiting_seconds,
      }
    : { status: 'error', workersInThisProcess, waiting: null, oldestWaitingSeconds: null };
  // Emails being retried or given up on mean the provider refuses or does not answer.
  const mail: StatusReport['checks']['mail'] = counts
    ? { status: counts.retrying + counts.failed_last_hour > 0 ? 'degraded' : 'ok', driver: mailDriver, retrying: counts.retrying, failedLastHour: counts.failed_last_hour }
    : { status: 'unknown', driver: mailDriver, retrying: null, failedLastHour: null };
  return { queue, mail };
}

export async function checkStatus(): Promise<StatusReport> {
  const env = getEnv();
  const [database, storage] = await Promise.all([checkDatabase(), runCheck('storage', () => getBlobStore().check())]);
  const { queue, mail } = await checkQueueAndMail(database);
  const checks: StatusReport['checks'] = {
    database: { status: database, driver: databaseDriver() },
    storage: { status: storage, driver: env.S3_ENDPOINT ? 's3' : 'local' },
    mail,
    queue,
  };
  const degraded = storage !== 'ok' || mail.status !== 'ok' || queue.status !== 'ok';
  const status = isShuttingDown() ? 'draining' : database !== 'ok' ? 'unavailable' : degraded ? 'degraded' : 'ok';
  return { status, checks };
}
