import 'server-only';
import path from 'node:path';
import { getEnv } from './env';
import { migrateDatabase, openDatabase, type Database, type DatabaseHandle } from '@/db/client';
import { startDatabaseProbe, watchPostgresClient } from './db-watch';

// One database handle per process (PGlite allows a single process per data directory).
// Opened lazily: `next build` imports modules while collecting page data.
const globalForDb = globalThis as unknown as { __portalDb?: Promise<DatabaseHandle>; __portalDbProbe?: () => void };

const POOL_MAX = 10;

async function openPortalDatabase(): Promise<DatabaseHandle> {
  const env = getEnv();
  const dataDir = path.resolve(env.DATA_DIR, 'pglite');
  if (env.DATABASE_URL && env.MIGRATE_ON_START) {
    // Migrations on a short-lived client of their own, without the statement bound: a long index
    // build, or the wait for another instance's migration lock, must not be cancelled at 15 s.
    const migrator = await openDatabase({ url: env.DATABASE_URL, maxConnections: 2, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
    try {
      await migrateDatabase(migrator);
    } finally {
      await migrator.close();
    }
  }
  const handle = await openDatabase({
    url: env.DATABASE_URL,
    dataDir,
    maxConnections: POOL_MAX,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
  });
  if (!env.DATABASE_URL && env.MIGRATE_ON_START) await migrateDatabase(handle);
  if (handle.client) {
    watchPostgresClient(handle.client, POOL_MAX);
    globalForDb.__portalDbProbe = startDatabaseProbe(handle);
  }
  return handle;
}

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.__portalDb ??= openPortalDatabase();
  // A failed open must not poison the process for good: the next call retries.
  globalForDb.__portalDb.catch(() => {
    globalForDb.__portalDb = undefined;
  });
  return globalForDb.__portalDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

export async function closeDb(): Promise<void> {
  const pending = globalForDb.__portalDb;
  globalForDb.__portalDb = undefined;
  globalForDb.__portalDbProbe?.();
  globalForDb.__portalDbProbe = undefined;
  if (pending) await (await pending).close();
}
