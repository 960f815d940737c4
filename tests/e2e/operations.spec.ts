import { expect, test } from '@playwright/test';
import { createCitizen, e2eSql } from './support/db';
import { createDraft, mintSessionCookie, openEventStream, startSlowAutosave } from './support/raw-http';
import { startPrivateS3, type PrivateS3 } from './support/private-s3';
import { startServer, type StartedServer } from './support/server';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { e2eServerEnv } from '../../playwright.config';

// What an operations team relies on, on a server of its own (it is stopped here): a clean stop on
// SIGTERM, and logs that carry no personal data. Port 3116 (E2E_OPERATIONS_PORT) is this file's.

test.describe.configure({ mode: 'serial' });

let server: StartedServer;
let s3: PrivateS3;
let database: TcpProxy;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  s3 = await startPrivateS3();
  // The database through a relay that this file can cut.
  const url = new URL(e2eServerEnv.DATABASE_URL);
  database = await startTcpProxy(url.hostname, Number(url.port || 5432));
  url.port = String(database.port);
  server = await startServer(Number(process.env.E2E_OPERATIONS_PORT ?? 3116), { SHUTDOWN_TIMEOUT: '10', LOG_LEVEL: 'info', S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, DATABASE_URL: url.toString() });
});

test.afterAll(async () => {
  await server?.stop('SIGKILL');
  await s3?.close();
  await database?.close();
});

test('a failing query with a draft answer as parameter leaves neither the answer nor the ids in the log', async () => {
  const citizen = await createCitizen();
  const draftId = await createDraft(citizen.id);
  const cookie = await mintSessionCookie(citizen);
  const secret = `Réponse-confidentielle-${Date.now()}`;
  // PostgreSQL refuses a NUL character in jsonb: the update of the draft fails with its answers as parameters.
  const response = await fetch(`${server.url}/api/brouillons/${draftId}`, {
    method: 'PATCH',
    headers: { cookie, origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: 1, changes: { lieu: `${secret}\u0000 suite` } }),
  });
  expect(response.status, 'the failing save is the premise of this test').toBe(500);
  // The failure is logged (one JSON line naming the failed query), without what was typed.
  await expect.poll(() => server.logLines().some((line) => JSON.stringify(line).includes('Failed query')), { timeout: 10_000 }).toBe(true);
  // With the route's pattern, never its concrete path.
  await expect.poll(() => server.logLines().find((line) => line.msg === 'request failed')).toMatchObject({ level: 'error', method: 'PATCH', route: '/api/brouillons/[id]' });
  const output = server.output();
  expect(output).not.toContain(secret);
  expect(output).not.toContain(citizen.id);
  expect(output).not.toContain(citizen.email);
  expect(output).not.toContain(draftId);
  // One line per event: every line Next or the portal prints once started is JSON.
  const started = output.slice(output.indexOf('{'));
  for (const line of started.split('\n').filter(Boolean)) expect(() => JSON.parse(line), line).not.toThrow();
});

test('with S3 down, the instance stays ready (pages without files are served) and its status says storage is degraded', async () => {
  await s3.close();
  const readiness = await fetch(`${server.url}/api/health`);
  expect(readiness.status).toBe(200);
  const status = await fetch(`${server.url}/api/health/status`);
  expect(status.status).toBe(200);
  expect(await status.json()).toMatchObject({ status: 'degraded', checks: { database: { status: 'ok' }, storage: { status: 'error', driver: 's3' } } });
  const home = await fetch(`${server.url}/demarches`);
  expect(home.status).toBe(200);
});

test('database outage: the process stays alive but unready, a signed-in page says in French that the service is unavailable, all is back after', async ({ browser }) => {
  test.setTimeout(60_000);
  const citizen = await createCitizen();
  const cookie = await mintSessionCookie(citizen);
  const [name, value] = cookie.split(/=(.*)/s);
  const context = await browser.newContext();
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  await page.goto(`${server.url}/compte`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await database.cut();
  try {
    expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(503);
    const started = Date.now();
    const response = await page.goto(`${server.url}/compte`);
    expect(response!.status()).toBeGreaterThanOrEqual(500);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service momentanément indisponible');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    expect(Date.now() - started).toBeLessThan(10_000);
    // A public page that needs no database is still served.
    expect((await fetch(`${server.url}/aide`)).status).toBe(200);
  } finally {
    await database.restore();
  }
  await expect.poll(() => fetch(`${server.url}/api/health`).then((r) => r.status), { timeout: 20_000 }).toBe(200);
  await page.goto(`${server.url}/compte`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Service momentanément indisponible');
  await context.close();
});

test('on SIGTERM: open streams are told to reconnect, an in-flight save completes, new connections are refused, exit 0', async () => {
  test.setTimeout(60_000);
  const citizen = await createCitizen();
  const draftId = await createDraft(citizen.id);
  const cookie = await mintSessionCookie(citizen);
  const stream = await openEventStream(`${server.url}/api/notifications/flux`, cookie);
  await stream.waitFor(/: ouvert/);
  const save = await startSlowAutosave(server.url, draftId, cookie, { baseVersion: 1, changes: { lieu: 'Rue du Départ, 12' } });

  const stoppedAt = Date.now();
  server.child.kill('SIGTERM');

  // The stream gets a reconnection delay and is closed at once (not after its two-minute cap).
  await stream.waitFor(/retry: \d+\n: reconnectez-vous/);
  await stream.ended;
  expect(Date.now() - stoppedAt).toBeLessThan(5_000);
  // The instance stopped listening: a load balancer's next attempt goes elsewhere.
  await expect.poll(() => fetch(`${server.url}/api/health/live`).then(() => 'answered', () => 'refused')).toBe('refused');
  // The save that was still arriving is processed and acknowledged, and it is in the database.
  const answer = await save.finish();
  expect(answer.status).toBe(200);
  const [row] = await e2eSql()<{ lieu: string }[]>`select data->>'lieu' as lieu from dossiers where id = ${draftId}`;
  expect(row.lieu).toBe('Rue du Départ, 12');

  const { code } = await server.exited;
  expect(code).toBe(0);
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  expect(server.logLines().some((line) => line.msg === 'stopped cleanly')).toBe(true);
});
