import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { profiles, users } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { queryRows } from '@/db/client';
import { createDraft } from '@/lib/dossiers';
import { closeDb, getDb } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { CookieJar, mintSessionCookie, SESSION_COOKIE } from '../helpers/session-cookies';

// /api/metrics called directly, on the process's real database handle (lib/db, PostgreSQL), after
// real autosaves through the autosave route: what a Prometheus server would read. Only the cookie
// store of the autosave route is replaced (next/headers needs a Next request context).
const jar = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('next/headers', () => ({ cookies: async () => jar.current }));

const { GET } = await import('@/app/api/metrics/route');
const { PATCH } = await import('@/app/api/brouillons/[id]/route');

const ORIGIN = 'https://demarches.test';
const TOKEN = 'metrics-token-for-tests-0123456789';
let database: TestDatabase;
let email: string;
let userId: string;
let draftId: string;

const scrape = (authorization?: string) =>
  GET(new Request(`${ORIGIN}/api/metrics`, { headers: authorization ? { authorization } : {} }));

async function autosave(baseVersion: number, changes: Record<string, unknown>) {
  const cookies = new CookieJar();
  cookies.reset({ [SESSION_COOKIE]: await mintSessionCookie({ userId, sessionVersion: 1 }) });
  jar.current = cookies;
  const request = new Request(`${ORIGIN}/api/brouillons/${draftId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ baseVersion, changes }),
  });
  return PATCH(request, { params: Promise.resolve({ id: draftId }) });
}

beforeAll(async () => {
  database = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: database.url, PUBLIC_ORIGIN: ORIGIN, METRICS_TOKEN: TOKEN });
  resetEnvCache();
  await seedDatabase(database.db, { hashPassword: async () => 'not-a-real-hash' });
  email = `metrics.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await database.db.insert(users).values({ email, passwordHash: 'x', emailVerifiedAt: new Date() }).returning({ id: users.id });
  userId = user.id;
  await database.db.insert(profiles).values({ userId, birthName: 'Mesure', firstNames: 'Test', phone: '06 00 00 00 00' });
  const created = await createDraft(database.db, { id: userId, email }, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(created.reason);
  draftId = created.id;
});

afterAll(async () => {
  await closeDb();
  await database?.drop();
  for (const key of ['DATABASE_URL', 'PUBLIC_ORIGIN', 'METRICS_TOKEN']) delete process.env[key];
  resetEnvCache();
});

describe('GET /api/metrics', () => {
  it('does not exist without the bearer token, with a wrong one, or with the token in another form', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length-000000', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, TOKEN]) {
      await expect(scrape(authorization), String(authorization)).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    }
  });

  it('does not exist when METRICS_TOKEN is unset, whatever is sent', async () => {
    delete process.env.METRICS_TOKEN;
    resetEnvCache();
    try {
      await expect(scrape(`Bearer ${TOKEN}`)).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
      await expect(scrape('Bearer ')).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
      resetEnvCache();
    }
  });

  it('answers the text format with the token: autosave outcomes, jobs, streams, database pool; no personal data', async () => {
    expect((await autosave(1, { lieu: `Rue de ${email}` })).status).toBe(200);
    expect((await autosave(1, { lieu: 'version périmée' })).status).toBe(409);
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const family of [
      'portail_http_request_duration_seconds',
      'portail_autosave_total',
      'portail_jobs_queued_total',
      'portail_jobs_total',
      'portail_job_duration_seconds',
      'portail_job_queue_latency_seconds',
      'portail_sse_connections',
      'portail_db_pool_max_connections',
      'portail_db_queries_in_flight',
      'portail_db_up',
    ]) {
      expect(text, family).toContain(`# TYPE ${family} `);
    }
    expect(text).toMatch(/^portail_autosave_total\{outcome="saved"\} 1$/m);
    expect(text).toMatch(/^portail_autosave_total\{outcome="conflict"\} 1$/m);
    expect(text).toMatch(/^portail_autosave_total\{outcome="refused"\} 0$/m);
    expect(text).toMatch(/^portail_db_pool_max_connections 10$/m);
    expect(text).toMatch(/^portail_db_up 1$/m);
    // The queue's backlog is read from the database at each scrape (the queue is not started here).
    expect(text).toContain('# TYPE portail_jobs_waiting gauge');
    // Nothing that names a person or a record.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toMatch(/@/);
    expect(text).not.toContain(email);
    expect(text).not.toContain(TOKEN);
  });

  it('counts calls in flight on the process pool, and each one is settled', async () => {
    const db = await getDb();
    const { sql } = await import('drizzle-orm');
    // queryRows awaits the query at once (a Drizzle query runs only once awaited).
    const slow = queryRows(db, sql`select pg_sleep(2)`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const during = await (await scrape(`Bearer ${TOKEN}`)).text();
    await slow;
    const after = await (await scrape(`Bearer ${TOKEN}`)).text();
    // The scrape's own backlog query is settled before the text is rendered.
    expect(during).toMatch(/^portail_db_queries_in_flight 1$/m);
    expect(after).toMatch(/^portail_db_queries_in_flight 0$/m);
  });
});
