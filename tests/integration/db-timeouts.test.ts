import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK, openDatabase, queryRows } from '@/db/client';
import { closeDb, getDb } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { isDatabaseUnavailableError } from '@/lib/platform/database-status';
import { requireTestDatabaseUrl } from '../helpers/db';

// The bounds of a database call (DB_STATEMENT_TIMEOUT_MS, DB_CONNECT_TIMEOUT_MS) against the real
// PostgreSQL cluster, and migrations that must not be cut by them.

let name: string;
let url: string;
let admin: postgres.Sql;

beforeAll(async () => {
  admin = postgres(requireTestDatabaseUrl(), { max: 2, onnotice: () => {} });
  name = `t_timeouts_${Date.now().toString(36)}`;
  await admin.unsafe(`create database ${name}`);
  const u = new URL(requireTestDatabaseUrl());
  u.pathname = `/${name}`;
  url = u.toString();
});

afterAll(async () => {
  await closeDb();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  for (const key of ['DATABASE_URL', 'DB_STATEMENT_TIMEOUT_MS', 'DB_CONNECT_TIMEOUT_MS', 'MIGRATE_ON_START']) delete process.env[key];
  resetEnvCache();
});

describe('database timeouts', () => {
  it('migrates on start while another instance holds the migration lock longer than the statement bound, then bounds every statement', async () => {
    Object.assign(process.env, { DATABASE_URL: url, DB_STATEMENT_TIMEOUT_MS: '300', MIGRATE_ON_START: 'true' });
    resetEnvCache();
    // Another instance "migrating" for 1.5 s: waiting for its lock is one long statement.
    const other = postgres(url, { max: 1, onnotice: () => {} });
    const holder = await other.reserve();
    await holder`select pg_advisory_lock(${MIGRATION_LOCK})`;
    const release = setTimeout(() => void holder`select pg_advisory_unlock(${MIGRATION_LOCK})`.then(() => holder.release()), 1500);
    try {
      const db = await getDb();
      const [{ count }] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
      expect(count).toBeGreaterThan(0);
      const [setting] = await queryRows<{ statement_timeout: string }>(db, sql`show statement_timeout`);
      expect(setting.statement_timeout).toBe('300ms');
      const started = Date.now();
      const error = await queryRows(db, sql`select pg_sleep(3)`).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2000);
      // Cancelled by the server (57014), and not mistaken for an outage.
      expect(JSON.stringify((error as { cause?: unknown }).cause ?? error)).toContain('57014');
      expect(isDatabaseUnavailableError(error)).toBe(false);
    } finally {
      clearTimeout(release);
      await other.end({ timeout: 1 });
    }
  });

  it('the default statement bound of the web pool is 15 s', async () => {
    await closeDb();
    delete process.env.DB_STATEMENT_TIMEOUT_MS;
    resetEnvCache();
    const [setting] = await queryRows<{ statement_timeout: string }>(await getDb(), sql`show statement_timeout`);
    expect(setting.statement_timeout).toBe('15s');
    await closeDb();
  });

  it('a server that accepts the connection and never answers fails within the connect bound, as an outage', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const handle = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/none`, connectTimeoutMs: 1000, maxConnections: 1 });
    try {
      const started = Date.now();
      const error = await queryRows(handle.db, sql`select 1`).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(4000);
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      await handle.close().catch(() => {});
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });
});
