// Page benchmarks (issue 12): a form step and the recap rendered under load, as signed-in citizens
// open them. 50 citizens, each with a draft of the street report half filled and a session
// cookie; each connection keeps its citizen and asks for the same page over and over (GET, full
// server render through the proxy: CSP nonce, session, database reads, React rendering). Every
// answer must be a 200 page; reported as req/s and p95 against the bare route (tests/bench/run.ts).
import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';
import { runLoad, type BenchContext, type Benchmark, type LoadResult } from './harness';

const CLIENTS = 50;
const SESSION_COOKIE = 'authjs.session-token';

type Client = { draftId: string; cookie: string };
type Counters = { pages: number; failures: number };

export type PageBenchmarks = { step: Benchmark; recap: Benchmark; printVerdict(baseline: LoadResult): void };

export function createPageBenchmarks(options: { databaseUrl: string; authSecret: string }): PageBenchmarks {
  let clients: Client[] | undefined;
  let stepKey = '';
  const outcomes: { name: string; counters: Counters; result: LoadResult }[] = [];

  async function prepare(): Promise<Client[]> {
    if (clients) return clients;
    const sql = postgres(options.databaseUrl, { max: 4, onnotice: () => {} });
    try {
      ({ clients, stepKey } = await createClients(sql, options.authSecret));
      return clients;
    } finally {
      await sql.end();
    }
  }

  function benchmark(name: string, pathOf: (client: Client) => string): Benchmark {
    return {
      name,
      async run({ baseUrl }: BenchContext) {
        const all = await prepare();
        // Warm-up: compiles nothing (a production build) but fills caches and the connection pool.
        await runLoad(`${name} warm-up`, { url: baseUrl, duration: 3, connections: CLIENTS, requests: [pageRequest(all, pathOf, { pages: 0, failures: 0 })] });
        const counters = { pages: 0, failures: 0 };
        const result = await runLoad(name, { url: baseUrl, connections: CLIENTS, requests: [pageRequest(all, pathOf, counters)] });
        outcomes.push({ name, counters, result });
        return result;
      },
    };
  }

  return {
    step: benchmark(`form step page (GET, ${CLIENTS} citizens)`, (client) => `/brouillons/${client.draftId}/${stepKey}`),
    recap: benchmark(`recap page (GET, ${CLIENTS} citizens)`, (client) => `/brouillons/${client.draftId}/recapitulatif`),
    printVerdict(baseline) {
      for (const { name, counters, result } of outcomes) {
        console.log(
          `\n${name}: ${counters.pages} pages, ${(result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} × baseline req/s, ` +
            `p95 ${result.p95.toFixed(1)} ms (${(result.p95 / baseline.p95).toFixed(2)} × baseline), ${counters.failures} answers other than a 200 page, ${result.errors} errors or timeouts`,
        );
        const ok = counters.pages > 0 && counters.failures === 0 && result.errors === 0;
        console.log(`  ${ok ? 'OK  ' : 'FAIL'} every request answered with the page`);
      }
    },
  };
}

async function createClients(sql: postgres.Sql, authSecret: string): Promise<{ clients: Client[]; stepKey: string }> {
  const run = randomBytes(4).toString('hex');
  const [procedure] = await sql<{ procedure_id: string; version_id: string; step_key: string; field_key: string }[]>`
    select p.id as procedure_id, v.id as version_id,
      v.definition -> 'steps' -> 0 ->> 'key' as step_key,
      v.definition -> 'steps' -> 0 -> 'fields' -> 0 ->> 'key' as field_key
    from procedures p join procedure_versions v on v.procedure_id = p.id
    where p.slug = 'signalement-voirie' order by v.version desc limit 1`;
  if (!procedure) throw new Error('the bench database has no "signalement-voirie" procedure: was it seeded?');
  const clients: Client[] = [];
  for (let i = 0; i < CLIENTS; i += 1) {
    const email = `bench.pages.${run}.${i}@exemple.fr`;
    const [user] = await sql<{ id: string }[]>`
      insert into users (email, password_hash, email_verified_at) values (${email}, 'not-used', now()) returning id`;
    await sql`insert into profiles (user_id, birth_name, first_names) values (${user.id}, 'Banc', ${`Page ${i}`})`;
    await sql`insert into preferences (user_id) values (${user.id})`;
    // Half filled: the recap shows a complete step next to incomplete ones, the step its answer.
    const [draft] = await sql<{ id: string }[]>`
      insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
      values (${user.id}, ${procedure.procedure_id}, ${procedure.version_id}, 'self', ${sql.json({ label: `Page ${i} (vous-même)` })},
        ${sql.json({ [procedure.field_key]: 'eclairage' })})
      returning id`;
    const token = await encode({
      token: { sub: user.id, email, userId: user.id, role: 'citizen', sessionVersion: 1, auth_time: Math.floor(Date.now() / 1000) },
      secret: authSecret,
      salt: SESSION_COOKIE,
      maxAge: 3600,
    });
    clients.push({ draftId: draft.id, cookie: `${SESSION_COOKIE}=${token}` });
  }
  return { clients, stepKey: procedure.step_key };
}

type ConnectionState = { index?: number };
type RequestContext = { index: number };

function pageRequest(clients: Client[], pathOf: (client: Client) => string, counters: Counters): autocannon.Request & { state: ConnectionState } {
  let next = 0;
  return {
    method: 'GET',
    path: '/',
    state: {},
    setupRequest(request, rawContext) {
      const state = (request as unknown as { state: ConnectionState }).state;
      state.index ??= next++ % clients.length;
      (rawContext as RequestContext).index = state.index;
      const client = clients[state.index];
      return { ...request, path: pathOf(client), headers: { cookie: client.cookie, accept: 'text/html' } };
    },
    onResponse(status, body) {
      if (status === 200 && body.includes('</html>')) counters.pages += 1;
      else counters.failures += 1;
    },
  };
}
