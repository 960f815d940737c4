import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '@/db/client';

export type TestDatabase = DatabaseHandle & { url?: string; drop(): Promise<void> };

/** Admin URL of the throwaway PostgreSQL 15 cluster that scripts/test.sh starts. */
export function requireTestDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set: run `npm test` (it starts PostgreSQL) or point it at a PostgreSQL 15 server.');
  }
  return url;
}

/** A fresh, migrated PostgreSQL database for one test file; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requireTestDatabaseUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), maxConnections: 20 });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

/** A fresh, migrated embedded (PGlite, in-memory) database: covers the `npm run demo` path. */
export async function createEmbeddedTestDatabase(): Promise<TestDatabase> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(handle);
  return { ...handle, drop: () => handle.close() };
}
