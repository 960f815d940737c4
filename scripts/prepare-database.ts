// Migrates the configured database (PostgreSQL via DATABASE_URL, or the embedded PGlite under
// DATA_DIR) and seeds the demo content. Idempotent: a second run keeps every existing row.
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { migrateDatabase, openDatabase } from '@/db/client';
import { seedDatabase } from '@/db/seed';
import { hashPassword } from '@/lib/security/password';
import { getSecretBox } from '@/lib/auth/second-factor/portal-secret-box';

export async function prepareDatabase() {
  const env = getEnv();
  const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR, 'pglite') });
  try {
    await migrateDatabase(handle);
    const box = getSecretBox();
    return await seedDatabase(handle.db, { hashPassword, encryptTotpSecret: (userId, secret) => box.encrypt(userId, secret) });
  } finally {
    await handle.close();
  }
}
