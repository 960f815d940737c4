import 'server-only';
import path from 'node:path';
import { getEnv } from './env';
import { migrateDatabase, openDatabase, type Database, type DatabaseHandle } from '@/db/client';

// One database handle per process (PGlite allows a single process per data directory).
// Opened lazily: `next build` imports modules while collecting page data.
const globalForDb = globalThis as unknown as { __portalDb?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.__portalDb ??= (async () => {
    const env = getEnv();
    const handle = await openDatabase({
      url: env.DATABASE_URL,
      dataDir: path.resolve(env.DATA_DIR, 'pglite'),
    });
    if (env.MIGRATE_ON_START) await migrateDatabase(handle);
    return handle;
  })();
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
  if (pending) await (await pending).close();
}
