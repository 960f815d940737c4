// `npm run bench`: benchmarks against `next start` on PostgreSQL, reported as ratios to the
// baseline (a bare route handler) measured in the same run on the same machine. Not part of CI.
// Options: --build (rebuild first), --only=<name>. `--only=queue` needs no server (the queue is
// measured through lib functions) and starts none; add `--keep` to seed one database per size once
// (portail_bench_queue_<size>) and reuse it in the next runs, `--queue-sizes=10000,1000000`.
// `--only=export`: the CSV export of 100,000 rows through `next start` on the kept database of the
// largest size, the server's RSS sampled (tests/bench/export.ts).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '@/db/client';
import { seedDatabase } from '@/db/seed';
import { hashPassword } from '@/lib/security/password';
import { createAutosaveBenchmark } from './autosave';
import { createPageBenchmarks } from './pages';
import { measureServerExport } from './export';
import { createQueueBenchmark } from './queue';
import { countSeededDossiers, createBenchAgents, seedDossiers } from './queue-seed';
import { ensureBuild, printReport, runLoad, startServer, type Benchmark, type LoadResult } from './harness';

const root = path.resolve(import.meta.dirname, '..', '..');
const port = Number(process.argv.find((arg) => arg.startsWith('--port='))?.slice('--port='.length) ?? 3200);
const baseUrl = `http://127.0.0.1:${port}`;
const authSecret = `bench-${randomBytes(24).toString('hex')}`;

/** A fresh (or, with `keptName`, an existing) migrated and seeded database on the test cluster (started here when none is configured). */
async function createBenchDatabase(keptName?: string): Promise<{ url: string; drop(): Promise<void> }> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let startedServices = false;
  if (!adminUrl) {
    console.log('TEST_DATABASE_URL is not set: starting the throwaway PostgreSQL cluster (scripts/test-services.sh).');
    const started = spawnSync('bash', ['scripts/test-services.sh', 'start'], { cwd: root, stdio: 'inherit' });
    if (started.status !== 0) throw new Error('scripts/test-services.sh start failed');
    startedServices = true;
    adminUrl = /TEST_DATABASE_URL=(\S+)/.exec(readFileSync(path.join(root, '.test-run/env'), 'utf8'))?.[1];
    if (!adminUrl) throw new Error('.test-run/env has no TEST_DATABASE_URL');
  }
  const name = keptName ?? `portail_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  // Migrating a kept database applies only what is new since it was seeded.
  await migrateDatabase(handle);
  if (!exists) await seedDatabase(handle.db, { hashPassword });
  await handle.close();
  return {
    url: url.toString(),
    async drop() {
      if (!keptName) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      if (startedServices) spawnSync('bash', ['scripts/test-services.sh', 'stop'], { cwd: root, stdio: 'inherit' });
    },
  };
}

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const keep = process.argv.includes('--keep');
const queueSizes = process.argv.find((arg) => arg.startsWith('--queue-sizes='))?.slice('--queue-sizes='.length).split(',').map(Number) ?? [10_000, 1_000_000];

if (only === 'queue') {
  // No server: each size gets its kept database (--keep) or they share one fresh database, grown size after size.
  const opened: { drop(): Promise<void> }[] = [];
  const shared = keep ? null : await createBenchDatabase();
  if (shared) opened.push(shared);
  const queue = createQueueBenchmark({
    sizes: queueSizes,
    async databaseFor(size) {
      if (shared) return shared.url;
      const kept = await createBenchDatabase(`portail_bench_queue_${size}`);
      opened.push(kept);
      return kept.url;
    },
  });
  try {
    await queue.run();
    queue.printVerdict();
  } finally {
    for (const database of opened) await database.drop();
  }
  process.exit(0);
}

if (only === 'export') {
  // The CSV export on a running server, over the kept database of the largest queue size (seeded first if absent).
  const size = queueSizes.at(-1)!;
  const database = await createBenchDatabase(`portail_bench_queue_${size}`);
  let ok = false;
  try {
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    try {
      await createBenchAgents(sql);
      await seedDossiers(sql, await countSeededDossiers(sql), size);
    } finally {
      await sql.end();
    }
    ensureBuild(root);
    const server = await startServer(root, port, { DATABASE_URL: database.url, PUBLIC_ORIGIN: baseUrl, AUTH_SECRET: authSecret });
    try {
      ok = await measureServerExport({ databaseUrl: database.url, authSecret, baseUrl, serverPid: server.pid! });
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    }
  } finally {
    await database.drop();
  }
  process.exit(ok ? 0 : 1);
}

ensureBuild(root);
const database = await createBenchDatabase();
const autosave = createAutosaveBenchmark({ databaseUrl: database.url, authSecret });
const pages = createPageBenchmarks({ databaseUrl: database.url, authSecret });
const queue = createQueueBenchmark({ databaseFor: async () => database.url, sizes: queueSizes });
// Benchmarks beyond the baseline register here. Autosave runs first: its memory check compares the
// server before and after its own run, and a benchmark before it would leave a larger heap that
// V8 only gives back under the next load (measured: −26 % after the health run, +1 to +6 % without).
const benchmarks: Benchmark[] = [
  autosave,
  { name: 'health (database + storage)', run: ({ baseUrl }) => runLoad('health (database + storage)', { url: `${baseUrl}/api/health` }) },
  // Server rendering of the pages citizens spend their time on (issue 12).
  pages.step,
  pages.recap,
  // Last: it adds up to a million dossiers to the database (issue 10).
  queue,
];

try {
  const server = await startServer(root, port, { DATABASE_URL: database.url, PUBLIC_ORIGIN: baseUrl, AUTH_SECRET: authSecret });
  try {
    // Warm up the route so that compilation and first-request costs stay out of the numbers.
    await runLoad('warm-up', { url: `${baseUrl}/api/ping`, duration: 2 });
    const baseline = await runLoad('baseline: bare route handler', { url: `${baseUrl}/api/ping` });
    const results: LoadResult[] = [];
    for (const benchmark of benchmarks) {
      if (only && !benchmark.name.includes(only)) continue;
      results.push(await benchmark.run({ baseUrl, serverPid: server.pid! }));
    }
    printReport(baseline, results);
    autosave.printVerdict(baseline);
    pages.printVerdict(baseline);
    queue.printVerdict();
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
  }
} finally {
  await database.drop();
}
