// Migrates the configured database (PostgreSQL via DATABASE_URL, or the embedded PGlite under
// DATA_DIR) and seeds the demo content. Idempotent: a second run keeps every existing row.
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { migrateDatabase, openDatabase } from '@/db/client';
import { seedDatabase } from '@/db/seed';
import { hashPassword } from '@/lib/auth/password';

export async function prepareDatabase() {
  const env = getEnv();
  const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR, 'pglite') });
  try {
    await migrateDatabase(handle);
    return await seedDatabase(handle.db, { hashPassword });
  } finally {
    await handle.close();
  }
}
