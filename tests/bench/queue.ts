// The back-office queue at 10,000 then 1,000,000 dossiers (issue 10): seeded in SQL (queue-seed.ts),
// then each queue query timed through the real lib/processing functions (p50/p95 of 30 runs), the
// plan of each of its statements printed with EXPLAIN (ANALYZE, BUFFERS), and the first 100,000
// rows of a CSV export read while the process's RSS is sampled; p50 and p95 ratios between sizes.
// `npm run bench -- --only=queue` (no server); `--keep` reuses one seeded database per size;
// `--queue-sizes=10000` to stop early.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database } from '@/db/client';
import * as schema from '@/db/schema';
import { exportQueueCsv } from '@/lib/processing/export-csv';
import { listQueuePage } from '@/lib/processing/queue';
import { countQueue } from '@/lib/processing/queue-counts';
import { dossierListQuerySchema } from '@/lib/processing/schemas';
import type { BackOfficeUser } from '@/lib/processing/scope';
import type { Benchmark, LoadResult } from './harness';
import { countSeededDossiers, createBenchAgents, seedDossiers } from './queue-seed';

// 200 samples: with 30, the p95 was the second slowest run, and one scheduling hiccup of the shared
// machine moved it by 10 ms between runs (decision 022, fourth benchmark).
const RUNS = 200;

type Timing = { name: string; p50: number; p95: number };
type QueryCase = { name: string; run: () => Promise<unknown> };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function time(name: string, run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { name, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function explain(sql: postgres.Sql, captured: { query: string; params: unknown[] }): Promise<string> {
  const rows = await sql.unsafe(`explain (analyze, buffers) ${captured.query}`, captured.params as never[]);
  return rows.map((row) => (row as Record<string, string>)['QUERY PLAN']).join('\n');
}

const EXPORT_ROWS = 100_000;

/**
 * Reads the first 100,000 rows of a procedure's CSV export (then cancels, as a client closing the
 * download would), sampling this process's RSS every 20 ms and at every chunk.
 */
// A collector callable from here without restarting node with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function measureExport(db: Database, user: BackOfficeUser, procedure: string): Promise<{ rows: number; seconds: number; rssGrowthMb: number; heapGrowthMb: number }> {
  const query = dossierListQuerySchema.parse({ procedure });
  collectGarbage();
  const before = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  const start = performance.now();
  try {
    const result = await exportQueueCsv(db, user, query);
    const reader = result!.stream.getReader();
    let lines = 0;
    while (lines <= EXPORT_ROWS) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const byte of value) if (byte === 10) lines++;
      sample();
    }
    await reader.cancel();
    const seconds = (performance.now() - start) / 1000;
    // What stays once the garbage is collected: a leak would show here, lazy collection in the RSS peak.
    collectGarbage();
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    return { rows: Math.min(lines - 1, EXPORT_ROWS), seconds, rssGrowthMb: (peak - before) / 1024 / 1024, heapGrowthMb };
  } finally {
    clearInterval(timer);
  }
}

/**
 * `databaseFor(size)`: with `--keep`, one kept database per size (seeded once, reused by the next
 * runs); otherwise the same fresh database for every size, grown from one size to the next.
 */
export function createQueueBenchmark(options: { databaseFor: (size: number) => Promise<string>; sizes: number[] }) {
  const report: string[] = [];
  // Printed as it goes too: the 1M run takes minutes.
  const note = (line: string) => {
    report.push(line);
    console.log(line);
  };
  return {
    name: 'queue (back office, 10k then 1M dossiers)',
    async run(): Promise<LoadResult> {
      const results: Record<number, Timing[]> = {};
      for (const size of options.sizes) results[size] = await measureSize(await options.databaseFor(size), size, note);
      const sizes = options.sizes;
      const [small, large] = [sizes[0], sizes.at(-1)!];
      note(`\n=== Summary: p50 / p95 ms; ratios ${large.toLocaleString('en')} / ${small.toLocaleString('en')} of p50 and of p95 ===`);
      for (let i = 0; i < results[small].length; i++) {
        const cells = sizes.map((size) => `${size.toLocaleString('en')}: ${results[size][i].p50.toFixed(2)} / ${results[size][i].p95.toFixed(2)}`);
        const ratio = sizes.length > 1 ? `  ratios ${(results[large][i].p50 / results[small][i].p50).toFixed(2)}× / ${(results[large][i].p95 / results[small][i].p95).toFixed(2)}×` : '';
        note(`${results[small][i].name.padEnd(40)} ${cells.join('   ')}${ratio}`);
      }
      const largest = results[large][0];
      return { name: 'queue first page (largest size, direct query)', requestsPerSecond: 1000 / largest.p50, p50: largest.p50, p95: largest.p95, p99: largest.p95, errors: 0, non2xx: 0 };
    },
    printVerdict(): void {
      console.log(report.join('\n'));
    },
  } satisfies Benchmark & { printVerdict(): void };
}

async function measureSize(databaseUrl: string, size: number, note: (line: string) => void): Promise<Timing[]> {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    // Every query of one case's last run, each explained (the grants read first is left out: a primary-key look-up).
    let captured: { query: string; params: unknown[] }[] = [];
    const db = drizzle(sql, {
      schema,
      casing: 'snake_case',
      logger: { logQuery: (query, params) => captured.push({ query, params }) },
    }) as unknown as Database;
    const agent: BackOfficeUser = { id: await createBenchAgents(sql), role: 'agent' };
    const [{ id: procedure }] = await sql<{ id: string }[]>`
      select a.procedure_id as id from agent_assignments a where a.agent_id = ${agent.id} order by a.procedure_id limit 1`;
    const start = performance.now();
    const seeded = await countSeededDossiers(sql);
    console.log(`queue bench: ${seeded} dossiers present, seeding up to ${size}…`);
    await seedDossiers(sql, seeded, size);
    note(`\n=== Queue at ${size.toLocaleString('en')} dossiers (${seeded >= size ? 'kept database, no seeding' : `seeded ${(size - seeded).toLocaleString('en')} in ${((performance.now() - start) / 1000).toFixed(0)} s`}) ===`);
    const [{ status }] = await sql<{ status: string }[]>`select status from dossiers where procedure_id = ${procedure} and number is not null limit 1`;
    // The cursor of a deep page (row 4,000 of the agent's queue, which holds 5,000 at 10,000: a full
    // page follows at both sizes), found once, outside the timing.
    const deep = await listQueuePage(db, agent, dossierListQuerySchema.parse({}), 4000);
    const last = deep.items.at(-1)!;
    const [{ key }] = await sql<{ key: string }[]>`select submitted_at::text as key from dossiers where id = ${last.id}`;
    const cases: QueryCase[] = [
      { name: 'first page', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({})) },
      { name: 'deep keyset page (after row 4,000)', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({ apres: `${key}~${last.id}` })) },
      { name: 'status filter (one procedure)', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({ procedure, status })) },
      { name: 'name search "lefevre"', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({ q: 'lefevre' })) },
      { name: 'name search "helene lefevre"', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({ q: 'helene lefevre' })) },
      { name: 'counts per status (one procedure)', run: () => countQueue(db, agent, dossierListQuerySchema.parse({ procedure })) },
      { name: 'total, no filter', run: () => countQueue(db, agent, dossierListQuerySchema.parse({})) },
      { name: 'total of name search "lefevre"', run: () => countQueue(db, agent, dossierListQuerySchema.parse({ q: 'lefevre' })) },
    ];
    const timings: Timing[] = [];
    for (const queryCase of cases) {
      const timing = await time(queryCase.name, queryCase.run);
      timings.push(timing);
      captured = [];
      await queryCase.run();
      const plans: string[] = [];
      for (const [i, query] of captured.entries()) {
        if (!query.query.includes('"agent_assignments"')) plans.push(`[query ${i + 1} of ${captured.length}]\n${await explain(sql, query)}`);
      }
      note(`\n--- ${queryCase.name}: p50 ${timing.p50.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms\n${plans.join('\n')}`);
    }
    if (size >= EXPORT_ROWS) {
      const exported = await measureExport(db, agent, procedure);
      note(
        `\n--- CSV export of one procedure: ${exported.rows.toLocaleString('en')} rows in ${exported.seconds.toFixed(1)} s (${Math.round(exported.rows / exported.seconds).toLocaleString('en')} rows/s), RSS growth ${exported.rssGrowthMb.toFixed(1)} MB (this process, peak − start), heap after collection ${exported.heapGrowthMb >= 0 ? '+' : ''}${exported.heapGrowthMb.toFixed(1)} MB`,
      );
    }
    return timings;
  } finally {
    await sql.end();
  }
}
