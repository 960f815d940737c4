import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '@/db/client';
import { stopJobQueue, startJobQueue } from '@/lib/jobs';
import { requireTestDatabaseUrl } from '../helpers/db';

// Several instances started at the same moment on a fresh database (a rollout, a scale-up, the
// compose example): each migrates and sets up the job queue. They must all start, whatever the
// interleaving: one does the work under an advisory lock, the others wait, then find it done.

async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = requireTestDatabaseUrl();
  const name = `t_start_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

/** What one instance does at start-up, with its own connections (as a separate process would). */
async function startInstance(url: string): Promise<{ handle: DatabaseHandle; stop(): Promise<void> }> {
  const handle = await openDatabase({ url, maxConnections: 4 });
  await migrateDatabase(handle);
  const boss = await startJobQueue({ handle, connectionString: url });
  return {
    handle,
    async stop() {
      await stopJobQueue(boss);
      await handle.close();
    },
  };
}

describe('start-up of several instances at once on a fresh PostgreSQL database', () => {
  it('three instances started together all start, five times in a row, and the queue works', async () => {
    for (let round = 0; round < 5; round++) {
      const database = await createEmptyDatabase();
      try {
        const results = await Promise.allSettled([startInstance(database.url), startInstance(database.url), startInstance(database.url)]);
        const failures = results.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
        const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
        try {
          expect(failures, `round ${round + 1}`).toEqual([]);
          // Every portal queue exists once: a job sent by one instance is not dropped.
          const check = postgres(database.url, { max: 1, onnotice: () => {} });
          const queues = await check<{ name: string }[]>`select name from pgboss.queue where name = 'send-email'`;
          await check.end();
          expect(queues).toHaveLength(1);
        } finally {
          await Promise.all(started.map((instance) => instance.stop()));
        }
      } finally {
        await database.drop();
      }
    }
  });
});
