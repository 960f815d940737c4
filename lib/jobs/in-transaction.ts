import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { queryRows, type Executor } from '@/db/client';
import type { MailMessage } from '@/lib/mail';
import { enqueueJob, JOB_NAMES, toEmailJobData } from './handlers';

// pg-boss can insert a job through any `db` that runs SQL: given the caller's Drizzle transaction,
// the job row commits or rolls back with the change that causes it (a transactional outbox).
// On the embedded database this also avoids the wait described in decision 002: the statement runs
// inside the transaction that holds PGlite's lock instead of queueing behind it.

const PLACEHOLDER = /\$(\d+)/g;

/** Turns pg-boss's `$1`-style SQL and values into a Drizzle query (public API, both drivers). */
export function toDrizzleQuery(text: string, values: unknown[] = []): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${serialize(values[Number(match[1]) - 1])}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

// As node-postgres does for pg-boss's own pool: objects (job data) travel as JSON text.
function serialize(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || value instanceof Date || Buffer.isBuffer(value) || Array.isArray(value) || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

export function transactionJobDb(tx: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      return { rows: await queryRows(tx, toDrizzleQuery(text, values ?? [])) };
    },
  };
}

/**
 * Queues an email inside the caller's transaction: no email for a change that rolled back, and no
 * change committed without its email job. The queue must be started before the transaction opens.
 */
export async function enqueueEmailInTransaction(boss: PgBoss, tx: Executor, message: MailMessage): Promise<string | null> {
  return enqueueJob(boss, JOB_NAMES.sendEmail, toEmailJobData(message), { db: transactionJobDb(tx) });
}
