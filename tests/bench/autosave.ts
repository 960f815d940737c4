// Autosave benchmark: 50 citizens, each with a draft and a session, save their draft over and
// over (PATCH /api/brouillons/[id]), each save naming the version the previous one returned, as
// the browser does. Afterwards every client's last acknowledged value must be in the database
// (zero lost saves) and the server's memory must be back within 20 % of where it started.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type autocannon from 'autocannon';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';
import { runLoad, type BenchContext, type Benchmark, type LoadResult } from './harness';

const CLIENTS = 50;
const DURATION_SECONDS = 10;
// Auth.js names its cookie after the scheme; the bench server runs on plain http.
const SESSION_COOKIE = 'authjs.session-token';
// A realistic autosave: one textarea of a few hundred characters.
const FILLER = ' Le lampadaire au coin de la rue est éteint depuis plusieurs soirs.'.repeat(4);

type Client = {
  draftId: string;
  cookie: string;
  /** The version the next save names. */
  version: number;
  saves: number;
  acked?: { version: number; value: string };
  /** The last value sent: it may have landed even if the run ended before its answer. */
  lastSent?: string;
};

export type AutosaveBenchmark = Benchmark & { printVerdict(baseline: LoadResult): void };

export function createAutosaveBenchmark(options: { databaseUrl: string; authSecret: string }): AutosaveBenchmark {
  const name = `autosave (PATCH, ${CLIENTS} clients)`;
  let verdict: { saves: number; conflicts: number; failures: number; lost: number; rssBefore: number; rssAfter: number; result: LoadResult } | undefined;

  return {
    name,
    async run({ baseUrl, serverPid }: BenchContext) {
      const sql = postgres(options.databaseUrl, { max: 4, onnotice: () => {} });
      try {
        const clients = await createClients(sql, options.authSecret);
        const counters = { saves: 0, conflicts: 0, failures: 0 };
        // Warm-up as long as the run: compiles the route, fills the caches and the connection pool,
        // and lets V8 size its heap for this load, so the memory check detects growth (a leak)
        // rather than the first seconds of heap sizing. (Measured here: +29 % over the run after a
        // 2 s warm-up; +2 % from one 10 s run to the next.)
        await runLoad('autosave warm-up', { url: baseUrl, duration: DURATION_SECONDS, connections: CLIENTS, requests: [saveRequest(clients, { saves: 0, conflicts: 0, failures: 0 })] });
        // Saves cut off at the end of the warm-up may still land after it: once the server is idle,
        // each client reloads its page (takes the stored version), as a citizen would, so that the
        // run starts without conflicts.
        const rssBefore = await readRssAtRest(serverPid);
        await reloadClients(sql, clients);
        const result = await runLoad(name, { url: baseUrl, duration: DURATION_SECONDS, connections: CLIENTS, requests: [saveRequest(clients, counters)] });
        const rssAfter = await readRssAtRest(serverPid);
        const lost = await countLostSaves(sql, clients);
        verdict = { ...counters, lost, rssBefore, rssAfter, result };
        return result;
      } finally {
        await sql.end();
      }
    },
    printVerdict(baseline) {
      if (!verdict) return;
      const { saves, conflicts, failures, lost, rssBefore, rssAfter, result } = verdict;
      const savesPerSecond = saves / DURATION_SECONDS;
      const rssChange = (rssAfter - rssBefore) / rssBefore;
      const checks = [
        [`saves/s ${savesPerSecond.toFixed(0)} ≥ 0.5 × baseline ${baseline.requestsPerSecond.toFixed(0)} req/s`, savesPerSecond >= 0.5 * baseline.requestsPerSecond],
        [`p95 ${result.p95.toFixed(1)} ms ≤ 2 × baseline p95 ${baseline.p95.toFixed(1)} ms`, result.p95 <= 2 * baseline.p95],
        [`server RSS ${mb(rssBefore)} → ${mb(rssAfter)} MB (${(rssChange * 100).toFixed(1)} %), within 20 %`, Math.abs(rssChange) <= 0.2],
        [lost === 0 ? 'zero lost saves' : `${lost} lost saves`, lost === 0],
      ] as const;
      console.log(`\nautosave: ${saves} saves (${savesPerSecond.toFixed(0)}/s), p50 ${result.p50} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99} ms, ${conflicts} conflicts, ${failures} other answers`);
      for (const [label, ok] of checks) console.log(`  ${ok ? 'OK  ' : 'FAIL'} ${label}`);
    },
  };
}

async function createClients(sql: postgres.Sql, authSecret: string): Promise<Client[]> {
  const run = randomBytes(4).toString('hex');
  const [procedure] = await sql<{ procedure_id: string; version_id: string }[]>`
    select p.id as procedure_id, v.id as version_id from procedures p join procedure_versions v on v.procedure_id = p.id
    where p.slug = 'signalement-voirie' order by v.version desc limit 1`;
  if (!procedure) throw new Error('the bench database has no "signalement-voirie" procedure: was it seeded?');
  const clients: Client[] = [];
  for (let i = 0; i < CLIENTS; i += 1) {
    const email = `bench.${run}.${i}@exemple.fr`;
    const [user] = await sql<{ id: string }[]>`
      insert into users (email, password_hash, email_verified_at) values (${email}, 'not-used', now()) returning id`;
    await sql`insert into profiles (user_id, birth_name, first_names) values (${user.id}, 'Banc', ${`Client ${i}`})`;
    const [draft] = await sql<{ id: string }[]>`
      insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
      values (${user.id}, ${procedure.procedure_id}, ${procedure.version_id}, 'self', ${sql.json({ label: `Client ${i} (vous-même)` })}, ${sql.json({})})
      returning id`;
    // The same JWT the sign-in flow would set: Auth.js derives the key from the secret and the cookie name.
    const token = await encode({
      // auth_time: the sign-in time, without which a session is over (decision 009).
      token: { sub: user.id, email, userId: user.id, role: 'citizen', sessionVersion: 1, auth_time: Math.floor(Date.now() / 1000) },
      secret: authSecret,
      salt: SESSION_COOKIE,
      maxAge: 3600,
    });
    clients.push({ draftId: draft.id, cookie: `${SESSION_COOKIE}=${token}`, version: 1, saves: 0 });
  }
  return clients;
}

type Counters = { saves: number; conflicts: number; failures: number };
type ConnectionState = { index?: number };
type RequestContext = { index: number; value: string };

// autocannon clones the request per connection (so `state` is per connection) and resets the
// context before each request; the clients' versions live in `clients`, outside both.
function saveRequest(clients: Client[], counters: Counters): autocannon.Request & { state: ConnectionState } {
  let next = 0;
  return {
    method: 'PATCH',
    path: '/',
    state: {},
    setupRequest(request, rawContext) {
      const context = rawContext as RequestContext;
      const state = (request as unknown as { state: ConnectionState }).state;
      state.index ??= next++ % clients.length;
      context.index = state.index;
      const client = clients[state.index];
      client.saves += 1;
      const value = `client ${state.index} save ${client.saves}.${FILLER}`;
      client.lastSent = value;
      context.value = value;
      return {
        ...request,
        path: `/api/brouillons/${client.draftId}`,
        headers: { 'content-type': 'application/json', cookie: client.cookie },
        body: JSON.stringify({ baseVersion: client.version, changes: { description: value } }),
      };
    },
    onResponse(status, body, rawContext) {
      const context = rawContext as RequestContext;
      const client = clients[context.index];
      if (status === 200) {
        const { version } = JSON.parse(body) as { version: number };
        client.version = version;
        client.acked = { version, value: context.value };
        counters.saves += 1;
      } else if (status === 409) {
        // Should not happen (each client is alone on its draft): counted, then take what the server has.
        const { version, data } = JSON.parse(body) as { version: number; data: { description?: string } };
        client.version = version;
        client.acked = { version, value: data.description ?? '' };
        counters.conflicts += 1;
      } else {
        counters.failures += 1;
      }
    },
  };
}

/** A save is lost when the database holds neither the last acknowledged value nor the one still in flight. */
async function countLostSaves(sql: postgres.Sql, clients: Client[]): Promise<number> {
  const rows = await sql<{ id: string; version: number; description: string | null }[]>`
    select id, version, data ->> 'description' as description from dossiers where id in ${sql(clients.map((c) => c.draftId))}`;
  const stored = new Map(rows.map((r) => [r.id, r]));
  let lost = 0;
  for (const client of clients) {
    if (!client.acked) continue;
    const row = stored.get(client.draftId);
    const asAcked = row?.version === client.acked.version && row.description === client.acked.value;
    const inFlight = row?.version === client.acked.version + 1 && row.description === client.lastSent;
    if (!asAcked && !inFlight) lost += 1;
  }
  return lost;
}

async function reloadClients(sql: postgres.Sql, clients: Client[]): Promise<void> {
  const rows = await sql<{ id: string; version: number; description: string | null }[]>`
    select id, version, data ->> 'description' as description from dossiers where id in ${sql(clients.map((c) => c.draftId))}`;
  const stored = new Map(rows.map((r) => [r.id, r]));
  for (const client of clients) {
    const row = stored.get(client.draftId)!;
    client.version = row.version;
    client.acked = { version: row.version, value: row.description ?? '' };
    client.lastSent = undefined;
  }
}

/**
 * Resident memory at rest: once the load stops, V8 shrinks its heap over some seconds (more after
 * an earlier benchmark has grown it). Read every half second until three seconds go by without a
 * change of more than 1 %, at most 30 s; before and after the run are read alike.
 */
async function readRssAtRest(pid: number): Promise<number> {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 500));
  const readings: number[] = [];
  for (let i = 0; i < 60; i += 1) {
    await pause();
    readings.push(readRss(pid));
    const window = readings.slice(-6);
    if (window.length === 6 && (Math.max(...window) - Math.min(...window)) / Math.min(...window) <= 0.01) break;
  }
  return readings.at(-1)!;
}

function readRss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
