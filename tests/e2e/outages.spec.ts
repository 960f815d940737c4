import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createCitizen, e2eSql } from './support/db';
import { createDraft, mintSessionCookie } from './support/raw-http';
import { startPrivateS3, type PrivateS3 } from './support/private-s3';
import { startServer, type StartedServer } from './support/server';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { e2eServerEnv } from '../../playwright.config';

// Drills on a server of this file's own (decision 020): the database cut, then the file storage
// stopped, as a citizen and an operator would notice them. Pages are read without JavaScript: the
// outage pages must say everything in plain HTML. Port 3205 (E2E_OUTAGES_PORT) is this file's.

test.describe.configure({ mode: 'serial' });

const PORT = Number(process.env.E2E_OUTAGES_PORT ?? 3205);
const METRICS_TOKEN = 'metrics-token-e2e-0123456789abcdef';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

let server: StartedServer;
let s3: PrivateS3;
let database: TcpProxy;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  s3 = await startPrivateS3();
  const url = new URL(e2eServerEnv.DATABASE_URL);
  database = await startTcpProxy(url.hostname, Number(url.port || 5432));
  url.port = String(database.port);
  server = await startServer(PORT, { METRICS_TOKEN, S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' });
});

test.afterAll(async () => {
  await server?.stop('SIGKILL');
  await s3?.close();
  await database?.close();
});

async function signedInContext(browser: Browser, user: { id: string; email: string }): Promise<BrowserContext> {
  const [name, value] = (await mintSessionCookie(user)).split(/=(.*)/s);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

async function expectOutagePage(page: Page, heading: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page).toHaveTitle(new RegExp(heading));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
}

test('metrics: hidden without the token, per route pattern with it, and nothing personal in them', async () => {
  const citizen = await createCitizen();
  const draftId = await createDraft(citizen.id);
  const cookie = await mintSessionCookie(citizen);
  // An autosave and a page through the real server, so that their route patterns are timed.
  const saved = await fetch(`${server.url}/api/brouillons/${draftId}`, {
    method: 'PATCH',
    headers: { cookie, origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: 1, changes: { lieu: `Rue ${citizen.email}` } }),
  });
  expect(saved.status).toBe(200);
  expect((await fetch(`${server.url}/brouillons/${draftId}/lieu`, { headers: { cookie } })).status).toBeLessThan(500);
  expect((await fetch(`${server.url}/aide`)).status).toBe(200);

  // Without the token, or with a wrong one: the portal's usual 404 page, as for any unknown address.
  const unknown = await fetch(`${server.url}/api/nulle-part`);
  for (const headers of [{}, { authorization: 'Bearer pas-le-bon-jeton-0123456789abcdef' }] as Record<string, string>[]) {
    const hidden = await fetch(`${server.url}/api/metrics`, { headers });
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
  }

  const response = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/^portail_http_request_duration_seconds_count\{method="GET",route="\/aide",status="200"\} [1-9]/m);
  expect(text).toMatch(/^portail_http_request_duration_seconds_count\{method="PATCH",route="\/api\/brouillons\/\[id\]",status="200"\} 1$/m);
  expect(text).toMatch(/route="\/brouillons\/\[id\]\/\[step\]"/);
  expect(text).toMatch(/^portail_autosave_total\{outcome="saved"\} 1$/m);
  expect(text).toMatch(/^portail_db_pool_max_connections 10$/m);
  expect(text).not.toMatch(UUID);
  expect(text).not.toContain('@');
});

test('database cut: French 503 pages readable without JavaScript, help and legal pages still served, all back after', async ({ browser }) => {
  test.setTimeout(90_000);
  const citizen = await createCitizen();
  const signedIn = await signedInContext(browser, citizen);
  const anonymous = await browser.newContext({ javaScriptEnabled: false });
  const page = await signedIn.newPage();
  const visitor = await anonymous.newPage();
  await page.goto(`${server.url}/compte`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Service momentanément indisponible');

  await database.cut();
  try {
    const started = Date.now();
    // Noticed within seconds (the failing query itself, or the 2-second probe).
    await expect.poll(async () => (await page.goto(`${server.url}/compte`))!.status(), { timeout: 10_000 }).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    const detectedAfter = Date.now() - started;
    const askedAt = Date.now();
    const response = await page.goto(`${server.url}/compte`);
    console.log(`[measure] database cut → first 503 after ${detectedAfter} ms; a 503 page answered in ${Date.now() - askedAt} ms`);
    expect(response!.headers()['retry-after']).toMatch(/^\d+$/);
    await expectOutagePage(page, 'Service momentanément indisponible');
    await expect(page.getByText('Vos brouillons déjà enregistrés ne sont pas perdus.', { exact: false })).toBeVisible();

    // A public page that needs the database (the catalogue), for a visitor.
    const catalogue = await visitor.goto(`${server.url}/demarches`);
    expect(catalogue!.status()).toBe(503);
    expect(catalogue!.headers()['retry-after']).toMatch(/^\d+$/);
    await expectOutagePage(visitor, 'Service momentanément indisponible');

    // Help and legal pages need no database: served, to the visitor and to the signed-in citizen
    // (signed-out header, with a banner saying why).
    for (const path of ['/aide', '/mentions-legales', '/accessibilite', '/donnees-personnelles', '/cookies']) {
      expect((await visitor.goto(`${server.url}${path}`))!.status(), path).toBe(200);
    }
    const help = await page.goto(`${server.url}/aide`);
    expect(help!.status()).toBe(200);
    await expect(page.getByRole('status').filter({ hasText: 'Service momentanément indisponible.' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toBeAttached();
    // The operator's view: the instance is unready, the metrics say the database is down.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(503);
    const metrics = await (await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/^portail_db_up 0$/m);
  } finally {
    await database.restore();
  }
  const restoredAt = Date.now();
  await expect.poll(async () => (await page.goto(`${server.url}/compte`))!.status(), { timeout: 20_000 }).toBe(200);
  console.log(`[measure] database restored → pages back after ${Date.now() - restoredAt} ms`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Service momentanément indisponible');
  expect((await visitor.goto(`${server.url}/demarches`))!.status()).toBe(200);
  await signedIn.close();
  await anonymous.close();
});

test('file storage stopped: uploads say so in French and write nothing, the answers are kept; a download is a French 503 page', async ({ browser }) => {
  test.setTimeout(90_000);
  const citizen = await createCitizen();
  const sql = e2eSql();
  const [draft] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'subvention-association'
    order by v.version desc limit 1 returning id`;
  const context = await signedInContext(browser, citizen);
  const page = await context.newPage();
  // A document stored while S3 is up, to be downloaded once it is down.
  await page.goto(`${server.url}/porte-documents`);
  await page.getByLabel('Titre du document').fill('Statuts');
  await page.getByLabel('Fichier').setInputFiles({ name: 'statuts.pdf', mimeType: 'application/pdf', buffer: pdf('statuts') });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText('Le document a été ajouté à votre porte-documents.')).toBeVisible();
  const [stored] = await sql<{ id: string }[]>`select id from locker_documents where owner_id = ${citizen.id}`;

  await s3.close();

  // The step form: an amount and a file, then "Continuer".
  await page.goto(`${server.url}/brouillons/${draft.id}/financement`);
  await page.getByLabel('Montant demandé (en euros)').fill('1500');
  await page.getByRole('group', { name: 'Budget prévisionnel du projet' }).getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: pdf('budget') });
  const postedAt = Date.now();
  await page.getByRole('button', { name: /Continuer|Valider/ }).first().click();
  await expect(page.getByText('Le dépôt de fichiers est momentanément indisponible, votre brouillon est enregistré.').first()).toBeVisible();
  console.log(`[measure] upload with S3 stopped → French message after ${Date.now() - postedAt} ms`);
  const attachments = await sql`select 1 from dossier_attachments where dossier_id = ${draft.id}`;
  expect(attachments).toHaveLength(0);
  const [saved] = await sql<{ montant: unknown }[]>`select data->'montantDemande' as montant from dossiers where id = ${draft.id}`;
  expect(Number(saved.montant)).toBe(1500);

  // The Porte-documents: nothing added, and it says so.
  await page.goto(`${server.url}/porte-documents`);
  await page.getByLabel('Titre du document').fill('Budget');
  await page.getByLabel('Fichier').setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: pdf('budget') });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText('Le dépôt de fichiers est momentanément indisponible, votre document n’a pas été ajouté', { exact: false }).first()).toBeVisible();
  expect(await sql`select 1 from locker_documents where owner_id = ${citizen.id}`).toHaveLength(1);

  // A download: 503, Retry-After, a French page (not an empty body).
  const download = await context.request.get(`${server.url}/porte-documents/${stored.id}/telecharger`);
  expect(download.status()).toBe(503);
  expect(download.headers()['retry-after']).toMatch(/^\d+$/);
  expect(download.headers()['content-type']).toMatch(/^text\/html/);
  const outage = await context.newPage();
  await outage.setContent(await download.text());
  await expectOutagePage(outage, 'Téléchargement momentanément indisponible');
  await expect(outage.getByText('Le dépôt de fichiers est momentanément indisponible', { exact: false })).toBeVisible();
  await context.close();
});
