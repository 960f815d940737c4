import 'server-only';
import type { Sql } from 'postgres';
import { pingDatabase, type DatabaseHandle } from '@/db/client';
import { changeInFlight, onDatabaseStatusChange, recordDatabaseOutcome } from '@/lib/platform/database-status';
import { logger } from '@/lib/platform/logger';
import { getMetrics } from '@/lib/platform/metrics';

// What postgres.js does not tell: how many calls are in flight (it exposes no pool statistics) and
// whether the database answers. Every query and transaction of the web pool goes through
// `unsafe` or `begin` (that is how Drizzle calls it), so wrapping those two counts them all.

type Thenable = { then: (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => unknown };

function settle(error: unknown): void {
  getMetrics().dbInFlight.set(changeInFlight(-1));
  recordDatabaseOutcome(error);
}

function start(): void {
  getMetrics().dbInFlight.set(changeInFlight(1));
}

// A postgres.js query is a lazy Promise: it runs at its first then(). Count from there.
function trackQuery<Q extends Thenable>(query: Q): Q {
  const originalThen = query.then;
  let started = false;
  query.then = function (this: Q, onFulfilled, onRejected) {
    if (!started) {
      started = true;
      start();
      originalThen.call(query, () => settle(undefined), (error: unknown) => settle(error ?? new Error('query failed')));
    }
    return originalThen.call(this, onFulfilled, onRejected);
  };
  return query;
}

export function watchPostgresClient(client: Sql, maxConnections: number): void {
  getMetrics().dbPoolMax.set(maxConnections);
  const unsafe = client.unsafe;
  const begin = client.begin;
  client.unsafe = ((...args: Parameters<Sql['unsafe']>) => trackQuery(unsafe.apply(client, args))) as Sql['unsafe'];
  client.begin = ((...args: unknown[]) => {
    start();
    const transaction = (begin as (...a: unknown[]) => Promise<unknown>).apply(client, args);
    transaction.then(() => settle(undefined), (error: unknown) => settle(error ?? new Error('transaction failed')));
    return transaction;
  }) as Sql['begin'];
}

onDatabaseStatusChange((down) => {
  getMetrics().dbAvailable.set(down ? 0 : 1);
  if (down) logger.error('[database] unreachable: pages that need it answer 503 until it is back');
  else logger.info('[database] reachable again');
});

const PROBE_EVERY_MS = 2000;

/**
 * A `select 1` every 2 s, so that an outage is noticed (and its end too) even while no request
 * comes, and the proxy's 503 follows the database within seconds. Stopped at shutdown.
 */
export function startDatabaseProbe(handle: DatabaseHandle): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    // The outcome is recorded by the wrapper above; here only the rejection is swallowed.
    pingDatabase(handle.db)
      .catch(() => {})
      .finally(() => (running = false));
  }, PROBE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
