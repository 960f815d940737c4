// The back-office queue at 10,000 then 1,000,000 dossiers (issue 10): seeded in SQL, then each
// queue query timed through the real lib/processing functions (p50/p95 of 30 runs), its plan
// printed with EXPLAIN (ANALYZE, BUFFERS), and the CSV export of 100,000 rows read to the end while
// the process's RSS is sampled. `npm run bench -- --only=queue`; `--queue-sizes=10000` to stop early.
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database } from '@/db/client';
import * as schema from '@/db/schema';
import { exportQueueCsv } from '@/lib/processing/export-csv';
import { countQueue, listQueuePage } from '@/lib/processing/queue';
import { dossierListQuerySchema } from '@/lib/processing/schemas';
import type { BackOfficeUser } from '@/lib/processing/scope';
import type { Benchmark, LoadResult } from './harness';

const FIRST_NAMES = ['Hélène', 'Élodie', 'Jérôme', 'François', 'Chloé', 'Léa', 'Noémie', 'Gaëlle', 'Loïc', 'Zoé', 'Camille', 'Thomas', 'Inès', 'Maëlys', 'Benoît', 'Céline', 'Amélie', 'Rémi', 'Anaïs', 'Stéphane'];
const LAST_NAMES = ['Lefèvre', 'Dupré', 'Girard', 'Mercier', 'Bérard', 'Gauthier', 'Lemaître', 'Fournier', 'Rousseau', 'Leroy', 'Martin', 'Bernard', 'Petit', 'Durand', 'Moreau', 'Lefebvre', 'Garnier', 'Chevalier', 'François', 'Lambert', 'Bonnet', 'Faure', 'André', 'Mathieu', 'Clément', 'Gérard', 'Noël', 'Perrin', 'Morel', 'Dumont', 'Brunet', 'Blanchard', 'Guérin', 'Boyer', 'Roche', 'Roy', 'Vidal', 'Aubert', 'Barbier', 'Œuvrard'];
const RUNS = 30;

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

/** Adds dossiers numbered from `from` to `to` (citizens one per 10 dossiers), search words filled in one statement. */
async function seedDossiers(sql: postgres.Sql, from: number, to: number): Promise<void> {
  const first = sql.array(FIRST_NAMES);
  const last = sql.array(LAST_NAMES);
  await sql`alter table dossiers disable trigger dossiers_search_terms`;
  await sql`alter table profiles disable trigger profiles_search_terms`;
  const citizensFrom = Math.floor(from / 10);
  const citizensTo = Math.ceil(to / 10);
  await sql`
    insert into users (id, email, password_hash, role, email_verified_at)
    select md5('bench-citizen-' || i)::uuid, 'usager' || i || '@bench.localhost', 'x', 'citizen', now()
    from generate_series(${citizensFrom}::int, ${citizensTo}::int) i on conflict do nothing`;
  await sql`
    insert into profiles (user_id, first_names, birth_name)
    select md5('bench-citizen-' || i)::uuid, (${first}::text[])[1 + i % ${FIRST_NAMES.length}], (${last}::text[])[1 + (i / 7) % ${LAST_NAMES.length}]
    from generate_series(${citizensFrom}::int, ${citizensTo}::int) i on conflict do nothing`;
  await sql`
    with procs as (
      select row_number() over (order by p.slug) - 1 as k, p.id as procedure_id, v.id as version_id,
             array(select s->>'key' from jsonb_array_elements(v.definition->'statuses') s) as statuses
      from procedures p join lateral (select * from procedure_versions v where v.procedure_id = p.id order by v.version desc limit 1) v on true
    ), agents as (select array_agg(id order by id) as ids from users where email like 'agent%@bench.localhost')
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data, number, submitted_at, last_activity_at, assignee_id)
    select md5('bench-citizen-' || (i / 10))::uuid, procs.procedure_id, procs.version_id, 'self',
           jsonb_build_object('label', pr.first_names || ' ' || pr.birth_name || ' (vous-même)'),
           procs.statuses[1 + (i / 3) % least(3, cardinality(procs.statuses))],
           jsonb_build_object('description', 'Demande ' || i || ' : lampadaire éteint rue de l’Église', 'lieu', i || ' rue de la République'),
           'B' || lpad(i::text, 9, '0'),
           timestamptz '2026-01-01' + (i * interval '20 seconds'),
           timestamptz '2026-01-01' + (i * interval '20 seconds') + ((i::bigint * 7919) % 86400) * interval '1 minute',
           case when i % 3 = 0 then agents.ids[1 + i % cardinality(agents.ids)] end
    from generate_series(${from}::int, ${to - 1}::int) i
    join procs on procs.k = i % (select count(*) from procs)
    join profiles pr on pr.user_id = md5('bench-citizen-' || (i / 10))::uuid
    cross join agents`;
  await sql`
    insert into dossier_search_terms (term, dossier_id)
    select distinct w.term, d.id from dossiers d left join profiles p on p.user_id = d.owner_id
    cross join lateral (
      select lower(d.number) as term
      union all select regexp_split_to_table(portal_fold(concat_ws(' ', d.number, d.beneficiary_snapshot->>'label', p.first_names, p.usage_name, p.birth_name)), '[^a-z0-9]+')
    ) w
    where d.number between ${'B' + String(from).padStart(9, '0')} and ${'B' + String(to - 1).padStart(9, '0')} and w.term <> ''
    on conflict do nothing`;
  await sql`alter table dossiers enable trigger dossiers_search_terms`;
  await sql`alter table profiles enable trigger profiles_search_terms`;
  await sql`vacuum analyze dossiers`;
  await sql`vacuum analyze dossier_search_terms`;
}

async function createAgents(sql: postgres.Sql): Promise<BackOfficeUser> {
  await sql`
    insert into users (id, email, password_hash, role, email_verified_at)
    select md5('bench-agent-' || i)::uuid, 'agent' || i || '@bench.localhost', 'x', 'agent', now() from generate_series(1, 8) i on conflict do nothing`;
  // Each agent is granted two procedures.
  await sql`
    insert into agent_assignments (agent_id, procedure_id)
    select md5('bench-agent-' || i)::uuid, p.id from generate_series(1, 8) i
    join (select id, row_number() over (order by slug) as k from procedures) p on p.k in (1 + i % 4, 1 + (i + 1) % 4)
    on conflict do nothing`;
  return { id: (await sql<{ id: string }[]>`select md5('bench-agent-1')::uuid::text as id`)[0].id, role: 'agent' };
}

async function explain(sql: postgres.Sql, captured: { query: string; params: unknown[] }): Promise<string> {
  const rows = await sql.unsafe(`explain (analyze, buffers) ${captured.query}`, captured.params as never[]);
  return rows.map((row) => (row as Record<string, string>)['QUERY PLAN']).join('\n');
}

async function measureExport(db: Database, user: BackOfficeUser, procedure: string, status?: string): Promise<{ rows: number; seconds: number; rssGrowthMb: number }> {
  const query = dossierListQuerySchema.parse({ procedure, ...(status ? { status } : {}) });
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const start = performance.now();
  const result = await exportQueueCsv(db, user, query);
  const reader = result!.stream.getReader();
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const byte of value) if (byte === 10) lines++;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return { rows: lines - 1, seconds: (performance.now() - start) / 1000, rssGrowthMb: (peak - before) / 1024 / 1024 };
}

export function createQueueBenchmark(options: { databaseUrl: string; sizes: number[] }) {
  const report: string[] = [];
  // Printed as it goes too: the 1M run takes minutes.
  const note = (line: string) => {
    report.push(line);
    console.log(line);
  };
  const firstPage: Record<number, number> = {};
  return {
    name: 'queue (back office, 10k then 1M dossiers)',
    async run(): Promise<LoadResult> {
      const sql = postgres(options.databaseUrl, { max: 2, onnotice: () => {} });
      let captured = { query: '', params: [] as unknown[] };
      const db = drizzle(sql, {
        schema,
        casing: 'snake_case',
        logger: { logQuery: (query, params) => (captured = { query, params }) },
      }) as unknown as Database;
      const agent = await createAgents(sql);
      const [{ id: procedure }] = await sql<{ id: string }[]>`
        select a.procedure_id as id from agent_assignments a where a.agent_id = ${agent.id} order by a.procedure_id limit 1`;
      const results: Record<number, Timing[]> = {};
      let seeded = 0;
      for (const size of options.sizes) {
        const start = performance.now();
        console.log(`queue bench: seeding up to ${size} dossiers…`);
        await seedDossiers(sql, seeded, size);
        seeded = size;
        note(`\n=== Queue at ${size.toLocaleString('en')} dossiers (seeded in ${((performance.now() - start) / 1000).toFixed(0)} s) ===`);
        const [{ status }] = await sql<{ status: string }[]>`select status from dossiers where procedure_id = ${procedure} and number is not null limit 1`;
        // The cursor of a deep page (row 5,000 of the agent's queue), found once, outside the timing.
        const deep = await listQueuePage(db, agent, dossierListQuerySchema.parse({}), 5000);
        const last = deep.items.at(-1)!;
        const [{ key }] = await sql<{ key: string }[]>`select submitted_at::text as key from dossiers where id = ${last.id}`;
        const cases: QueryCase[] = [
          { name: 'first page', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({})) },
          { name: 'deep keyset page (after row 5,000)', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({ apres: `${key}~${last.id}` })) },
          { name: 'status filter (one procedure)', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({ procedure, status })) },
          { name: 'name search "lefevre"', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({ q: 'lefevre' })) },
          { name: 'name search "helene lefevre"', run: () => listQueuePage(db, agent, dossierListQuerySchema.parse({ q: 'helene lefevre' })) },
          { name: 'counts per status (one procedure)', run: () => countQueue(db, agent, dossierListQuerySchema.parse({ procedure })) },
        ];
        results[size] = [];
        for (const queryCase of cases) {
          const timing = await time(queryCase.name, queryCase.run);
          results[size].push(timing);
          await queryCase.run();
          note(`\n--- ${queryCase.name}: p50 ${timing.p50.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms\n${await explain(sql, captured)}`);
        }
        firstPage[size] = results[size][0].p95;
        if (size >= 100_000) {
          const exported = await measureExport(db, agent, procedure);
          note(`\n--- CSV export of one procedure: ${exported.rows.toLocaleString('en')} rows in ${exported.seconds.toFixed(1)} s, RSS growth ${exported.rssGrowthMb.toFixed(1)} MB (this process)`);
        }
      }
      const sizes = options.sizes;
      note('\n=== Summary (p95 ms) ===');
      for (let i = 0; i < results[sizes[0]].length; i++) {
        const cells = sizes.map((size) => `${size.toLocaleString('en')}: ${results[size][i].p95.toFixed(2)}`);
        const ratio = sizes.length > 1 ? ` ratio ${(results[sizes.at(-1)!][i].p95 / results[sizes[0]][i].p95).toFixed(2)}×` : '';
        note(`${results[sizes[0]][i].name.padEnd(40)} ${cells.join('  ')}${ratio}`);
      }
      await sql.end();
      const largest = results[sizes.at(-1)!][0];
      return { name: 'queue first page (largest size, direct query)', requestsPerSecond: 1000 / largest.p50, p50: largest.p50, p95: largest.p95, p99: largest.p95, errors: 0, non2xx: 0 };
    },
    printVerdict(): void {
      console.log(report.join('\n'));
    },
  } satisfies Benchmark & { printVerdict(): void };
}
