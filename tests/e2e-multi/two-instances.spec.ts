import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_TOTP_SECRETS } from '@/db/seed/demo-second-factor';
import { decodeTotpSecret, generateTotpCode, timeStep } from '@/lib/auth/second-factor/totp';
import { e2eServerEnv } from '../../playwright.config';
import { startFakeResend, type FakeResend } from '../helpers/fake-resend';
import { startServer, startWorker, type StartedServer } from '../e2e/support/server';
import { mintSessionCookie, startSlowAutosave } from '../e2e/support/raw-http';

// Production on several machines, as the container image runs it: two instances of Next's
// standalone server (web, JOBS_IN_PROCESS=false) and the job worker, started together on a fresh
// PostgreSQL database (they migrate and set up the queue at the same moment), one S3 server, and
// a Resend stand-in. Checked across the two instances: sessions and sign-out, a live update, one
// email per event, and an instance stopped with SIGTERM in the middle of an autosave.

test.describe.configure({ mode: 'serial' });

const AGENT = { email: 'agent@demo.localhost', password: 'Demo-Portail-2026!' };
const CITIZEN = { email: 'citoyen@demo.localhost', password: 'Demo-Portail-2026!' };

let databaseUrl: string;
let dropDatabase: () => Promise<void>;
let sql: postgres.Sql;
let resend: FakeResend;
let a: StartedServer;
let b: StartedServer;
let worker: StartedServer;

async function createEmptyDatabase() {
  const admin = postgres(e2eServerEnv.DATABASE_URL, { max: 1, onnotice: () => {} });
  const name = `portail_multi_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(e2eServerEnv.DATABASE_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const again = postgres(e2eServerEnv.DATABASE_URL, { max: 1, onnotice: () => {} });
    await again.unsafe(`drop database if exists ${name} with (force)`);
    await again.end();
  };
}

/** The demo content (procedures, demo accounts), as `npm run db:seed` writes it. */
function seed(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/seed.ts'], {
      // The servers' secret: the seed encrypts the demo agent's TOTP secret with it.
      env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: e2eServerEnv.AUTH_SECRET },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed failed: ${stderr}`))));
  });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await createEmptyDatabase();
  sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  resend = await startFakeResend();
  const shared = {
    DATABASE_URL: databaseUrl,
    JOBS_IN_PROCESS: 'false',
    RESEND_API_KEY: resend.apiKey,
    RESEND_BASE_URL: resend.url,
    SHUTDOWN_TIMEOUT: '15',
  };
  // All three at the same moment, on a database with no table yet.
  [a, b, worker] = await Promise.all([startServer(3117, shared), startServer(3118, shared), startWorker(shared)]);
  await seed();
});

test.afterAll(async () => {
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL'), worker?.stop('SIGKILL')]);
  await resend?.close();
  await sql?.end();
  await dropDatabase?.();
});

async function signInOn(page: Page, server: StartedServer, account: { email: string; password: string }, callbackUrl = '/') {
  await page.goto(`${server.url}/connexion?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Adresse de courriel').fill(account.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const secret = TOTP_SECRETS[account.email];
  if (secret) {
    // Agents: the code an authenticator app would show (the seeded demo secret), never one already used.
    await expect(page).toHaveURL(/\/connexion\/code/);
    await page.getByLabel('Code à 6 chiffres').fill(nextCode(secret));
    await page.getByRole('button', { name: 'Valider le code' }).click();
  }
  await expect(page).not.toHaveURL(/\/connexion/);
}

const TOTP_SECRETS: Record<string, string> = { [AGENT.email]: DEMO_TOTP_SECRETS.agent };
let lastStep = 0;
function nextCode(secret: string): string {
  lastStep = Math.max(timeStep(Date.now()), lastStep + 1);
  return generateTotpCode(decodeTotpSecret(secret), lastStep);
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ locale: 'fr-FR' })).newPage();
}

test('a session opened on one instance works on the other; signing out on one ends every copy on both', async ({ browser }) => {
  const page = await newPage(browser);
  await signInOn(page, a, CITIZEN, '/compte');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const cookies = await page.context().cookies();
  // The same cookie on the other instance (both sit behind one address in production).
  await page.goto(`${b.url}/compte`);
  await expect(page).toHaveURL(`${b.url}/compte`);

  // "Se déconnecter" in the header, on B.
  await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/deconnecte=1/);
  // A copy of the old cookie, presented to the instance that did not sign out, is refused.
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const stale = await copy.newPage();
  await stale.goto(`${a.url}/compte`);
  await expect(stale).toHaveURL(/\/connexion/);
  await copy.close();
  await page.context().close();
});

test('a status change on B reaches the citizen page open on A live, and the worker sends exactly one email', async ({ browser }) => {
  test.setTimeout(120_000);
  const [citizen] = await sql<{ id: string }[]>`select id from users where email = ${CITIZEN.email}`;
  const data = { typeProbleme: 'eclairage', lieu: '5 place du Marché', description: 'Lampadaire éteint.', recontact: false };
  const [draft] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
    select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Vous-même' })}, ${sql.json(data)}
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'signalement-voirie'
    order by v.version desc limit 1 returning id`;

  const page = await newPage(browser);
  await signInOn(page, a, CITIZEN, `/brouillons/${draft.id}/recapitulatif`);
  await page.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
  await page.getByRole('button', { name: 'Déposer ma demande' }).click();
  await expect(page).toHaveURL(new RegExp(`/demandes/${draft.id}\\?depot=1$`));
  const streaming = page.waitForResponse((response) => response.url().endsWith('/api/notifications/flux') && response.status() === 200);
  await page.goto(`${a.url}/demandes`);
  await streaming;

  const agent = await newPage(browser);
  await signInOn(agent, b, AGENT, `/admin/dossiers/${draft.id}`);
  await agent.getByLabel('Nouveau statut').selectOption({ label: 'Transmis aux services techniques' });
  const changedAt = Date.now();
  const action = agent.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes(`/admin/dossiers/${draft.id}`));
  await agent.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(agent.getByText('Le statut a été changé. L’usager en est informé.')).toBeVisible();
  const requestId = (await action).headers()['x-request-id'];
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  // Live on A, without a reload: the announcement and the header's count.
  await expect(page.getByTestId('live-announcement')).toHaveText('Le statut d’une de vos demandes a changé.');
  await expect(page.getByRole('link', { name: /Notifications 1 non lue/ })).toBeVisible();
  expect(Date.now() - changedAt).toBeLessThan(10_000);

  // Sent by the worker (the web instances run no jobs), once: no second delivery shows up.
  const statusEmails = () => resend.received().filter((r) => r.status === 200 && r.body.subject.includes('Transmis aux services techniques'));
  await expect.poll(() => statusEmails().length, { timeout: 20_000 }).toBe(1);
  await page.waitForTimeout(2_000);
  expect(statusEmails()).toHaveLength(1);
  const keys = resend.received().map((r) => r.idempotencyKey);
  expect(new Set(keys).size).toBe(keys.length);
  // The email job carries the id of the request that caused it, for the worker's log lines.
  const jobs = await sql<{ requestId: string | null }[]>`
    select data->>'requestId' as "requestId" from (select data from pgboss.job where name = 'send-email' union all select data from pgboss.archive where name = 'send-email') j
    where data->>'subject' like '%Transmis aux services techniques%'`;
  expect(jobs).toEqual([{ requestId }]);
  await page.context().close();
  await agent.context().close();
});

test('SIGTERM to A in the middle of an autosave: the acknowledged saves are kept, B serves the rest', async () => {
  test.setTimeout(60_000);
  const [citizen] = await sql<{ id: string; email: string; sessionVersion: number }[]>`
    select id, email, session_version as "sessionVersion" from users where email = ${CITIZEN.email}`;
  const [draft] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
    select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Vous-même' })}, ${sql.json({})}
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'signalement-voirie'
    order by v.version desc limit 1 returning id`;
  const cookie = await mintSessionCookie(citizen);
  const save = (server: StartedServer, baseVersion: number, lieu: string) =>
    fetch(`${server.url}/api/brouillons/${draft.id}`, {
      method: 'PATCH',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ baseVersion, changes: { lieu } }),
    });

  expect((await save(a, 1, 'Rue A, premier jet')).status).toBe(200);
  const inFlight = await startSlowAutosave(a.url, draft.id, cookie, { baseVersion: 2, changes: { lieu: 'Rue A, pendant l’arrêt' } });
  a.child.kill('SIGTERM');
  const acknowledged = await inFlight.finish();
  expect(acknowledged.status).toBe(200);
  expect(JSON.parse(acknowledged.body).version).toBe(3);

  // The browser's next save goes to B (the load balancer's job): it builds on the acknowledged one.
  const next = await save(b, 3, 'Rue B, après l’arrêt');
  expect(next.status).toBe(200);
  const [row] = await sql<{ lieu: string; version: number }[]>`select data->>'lieu' as lieu, version from dossiers where id = ${draft.id}`;
  expect(row).toEqual({ lieu: 'Rue B, après l’arrêt', version: 4 });

  const { code } = await a.exited;
  expect(code).toBe(0);
  expect((await fetch(`${b.url}/api/health`)).status).toBe(200);
});
