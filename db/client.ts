import 'server-only';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

// One Drizzle schema and one query API for both drivers. The PGlite database is typed as the
// postgres.js one: the query builder is identical; raw results differ, hence queryRows() below.
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  kind: 'postgres' | 'pglite';
  db: Database;
  /** The in-process PGlite instance (embedded mode only), shared with pg-boss. */
  pglite?: PGlite;
  /** The postgres.js client (PostgreSQL mode only). */
  client?: Sql;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; 'memory://' for a throwaway in-memory database. */
  dataDir?: string;
  maxConnections?: number;
  /** PostgreSQL's statement_timeout for every connection of the pool; unset or 0: none (migrations, scripts). */
  statementTimeoutMs?: number;
  /** How long a new connection may take; default 5 s. */
  connectTimeoutMs?: number;
};

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      // Fail in seconds, not minutes, when the server does not answer (start-up, and pages during an outage).
      connect_timeout: (options.connectTimeoutMs ?? 5000) / 1000,
      // A startup parameter of each connection: the server cancels a statement past it (error 57014).
      connection: options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {},
      onnotice: () => {},
      // Keep bigint counts as JS numbers, as PGlite returns them.
      types: { bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) } },
    });
    const db = drizzle(client, { schema, casing: 'snake_case' });
    return { kind: 'postgres', db, client, close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(path.resolve(/*turbopackIgnore: true*/ dataDir), { recursive: true });
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const db = drizzle(pglite, { schema, casing: 'snake_case' }) as unknown as Database;
  return { kind: 'pglite', db, pglite, close: () => pglite.close() };
}

// Start-up work that several instances may attempt at once (migrations, the job queue's set-up).
export const MIGRATION_LOCK = 72707369;

/**
 * Runs `work` while holding a PostgreSQL session-level advisory lock, on one reserved connection:
 * a lock taken on one pooled connection and released on another stays held (and every other
 * instance waits for it forever). PGlite is one process and one session: no lock needed.
 */
export async function withAdvisoryLock<T>(handle: DatabaseHandle, key: number, work: () => Promise<T>): Promise<T> {
  if (handle.kind !== 'postgres') return work();
  const connection = await handle.client!.reserve();
  try {
    await connection`select pg_advisory_lock(${key})`;
    try {
      return await work();
    } finally {
      await connection`select pg_advisory_unlock(${key})`;
    }
  } finally {
    connection.release();
  }
}

export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db/migrations')) {
  if (handle.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // Several app instances may start together: one migrates, the others wait for the lock, then find nothing to do.
    await withAdvisoryLock(handle, MIGRATION_LOCK, () => migrate(handle.db, { migrationsFolder }));
    return;
  }
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  await migrate(handle.db as never, { migrationsFolder });
}

/** Runs raw SQL and returns rows, whatever the driver (postgres.js: array, PGlite: { rows }). */
export async function queryRows<T = Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function pingDatabase(db: Executor): Promise<void> {
  await queryRows(db, sql`select 1 as ok`);
}

export { schema };
