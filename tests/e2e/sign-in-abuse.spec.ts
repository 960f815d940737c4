import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2eServerEnv } from '../../playwright.config';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, linkPath, uniqueEmail, waitForEmail } from './support/db';

// Adversarial journeys of issue 8 (holes 2, 3 and 4), against the built portal, unmocked.
// Every browser of the e2e run comes from one loopback address, whose sign-in failures count
// together (30 free a day, decision 010): a fresh database per run (scripts/test.sh) keeps the
// whole suite's deliberate failures under that.

const INVALID = 'Adresse de courriel ou mot de passe incorrect.';
const ATTACKER_PASSWORD = 'la phrase de passe de l’attaquant';
const VICTIM_PASSWORD = 'la phrase de passe de la victime';

function errorSummary(page: Page) {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });
}

async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function signUpThroughForm(page: Page, email: string, password: string, firstNames: string) {
  await page.goto('/inscription');
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Prénom').fill(firstNames);
  await page.getByLabel('Nom', { exact: true }).fill('Martin');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL(/\/inscription\/verifiez-vos-courriels$/);
  return (await page.getByRole('main').innerText()).trim();
}

/** Opens the newest email to `to` with this subject in the development outbox, as a person would. */
async function openNewestInOutbox(page: Page, to: string, subject: string): Promise<string> {
  await page.goto(`/dev/courriels?to=${encodeURIComponent(to)}`);
  await page.getByRole('link', { name: new RegExp(subject) }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(subject);
  return page.getByRole('main').innerText();
}

/** Signs in through the form and waits for /compte (generously: Argon2id on a loaded 2-core machine). */
async function signInToAccount(page: Page, email: string, password: string) {
  await page.goto('/connexion?callbackUrl=%2Fcompte');
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/compte$/, { timeout: 30_000 });
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.describe('account pre-hijacking', () => {
  // Two browsers, two sign-ups and three sign-ins (Argon2id) on a shared 2-core machine.
  test.describe.configure({ timeout: 120_000 });

  test('an attacker signs up first with the victim’s address; the victim signs up, follows the link, and the attacker’s password opens nothing', async ({ browser }) => {
    const email = uniqueEmail('victime');
    const attacker = await newPage(browser);
    const victim = await newPage(browser);

    const since = new Date();
    const attackerAnswer = await signUpThroughForm(attacker, email, ATTACKER_PASSWORD, 'Attaquant');
    const attackerLink = linkPath((await waitForEmail(email, 'Confirmez la création de votre compte', since)).text, '/confirmer/');
    const afterAttacker = new Date();
    const victimAnswer = await signUpThroughForm(victim, email, VICTIM_PASSWORD, 'Victime');
    // The victim sees exactly what anyone sees for a new address.
    expect(victimAnswer).toBe(attackerAnswer);
    await waitForEmail(email, 'Confirmez la création de votre compte', afterAttacker);

    // The victim reads the newest email in the outbox and follows its link.
    const body = await openNewestInOutbox(victim, email, 'Confirmez la création de votre compte');
    await victim.goto(linkPath(body, '/confirmer/'));
    await victim.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(victim.getByRole('heading', { level: 1 })).toHaveText('Votre adresse est confirmée');

    // The attacker's password does not open the account; the attacker's link is dead.
    await attacker.goto('/connexion');
    await submitSignIn(attacker, email, ATTACKER_PASSWORD);
    await expect(errorSummary(attacker)).toContainText(INVALID);
    await attacker.goto(attackerLink);
    await expect(attacker.getByRole('heading', { level: 1 })).toHaveText('Ce lien n’est plus valable');

    await signInToAccount(victim, email, VICTIM_PASSWORD);
    await expect(victim.getByLabel('Prénoms')).toHaveValue('Victime');
  });

  test('signing up with an address that has an account shows the same page, and its owner gets a “forgotten password?” email', async ({ page }) => {
    const owner = await createCitizen();
    const fresh = await signUpThroughForm(page, uniqueEmail('neuve'), VICTIM_PASSWORD, 'Camille');
    const since = new Date();
    const existing = await signUpThroughForm(page, owner.email, ATTACKER_PASSWORD, 'Camille');
    expect(existing.replace(owner.email, '<adresse>')).toBe(fresh.replace(/\S+@exemple\.fr/, '<adresse>'));
    await waitForEmail(owner.email, 'Tentative de création de compte', since);
    const body = await openNewestInOutbox(page, owner.email, 'Tentative de création de compte');
    expect(body).toContain('Vous avez déjà un compte');
    expect(body).toMatch(/Mot de passe oublié \?.*\/mot-de-passe-oublie/);
    // Nothing changed on the account.
    await signInToAccount(page, owner.email, owner.password);
  });
});

test.describe('a stranger cannot lock the owner out', () => {
  test.describe.configure({ timeout: 120_000 });

  test('after a stranger’s five failures the stranger waits, even with the right password, while the owner’s known browser signs in', async ({ browser }) => {
    const owner = await createCitizen();
    const ownerPage = await newPage(browser);
    await signInToAccount(ownerPage, owner.email, owner.password);
    const device = (await ownerPage.context().cookies()).find((cookie) => cookie.name === 'portail-appareil');
    expect(device, 'the device cookie after a successful sign-in').toBeDefined();
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(300 * 24 * 3600 * 1000);
    expect(device!.value).not.toContain(owner.email);
    await ownerPage.goto('/deconnexion');
    await ownerPage.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(ownerPage).toHaveURL(/\/\?deconnecte=1$/);

    const stranger = await newPage(browser);
    await stranger.goto('/connexion');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await submitSignIn(stranger, owner.email, `essai du voleur ${attempt}`);
      await expect(errorSummary(stranger)).toContainText(INVALID);
    }
    await submitSignIn(stranger, owner.email, 'essai du voleur 5');
    await expect(errorSummary(stranger)).toContainText(/attendez 6[45] secondes avant de réessayer/);
    await submitSignIn(stranger, owner.email, owner.password);
    await expect(errorSummary(stranger)).toContainText(/Trop de tentatives de connexion\. Pour protéger votre compte, attendez \d{1,2} secondes avant de réessayer/);
    await expectNoAxeViolations(stranger);

    // The owner's browser is known to the account: it signs in at once.
    await signInToAccount(ownerPage, owner.email, owner.password);
  });
});

// --- Client addresses: raw HTTP, so that the test chooses the source address and X-Forwarded-For.

type RawAnswer = { status: number; location?: string; body: string; cookies: string[] };

function rawRequest(port: number, path: string, options: { sourceAddress: string; method?: string; headers?: Record<string, string>; body?: Buffer }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', localAddress: options.sourceAddress, headers: { host: `localhost:${port}`, ...options.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            body: Buffer.concat(chunks).toString('utf8'),
            cookies: response.headers['set-cookie'] ?? [],
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A loopback address of its own (Linux routes all of 127.0.0.0/8 to lo), so no other test shares its counters. */
function freshLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;
}

/** A random address outside loopback (about 2^30 of them: two tests never pick the same one). */
function freshPublicAddress(): string {
  return `${randomInt(11, 99)}.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/**
 * Posts the "mot de passe oublié" form the way a browser without JavaScript does: the hidden
 * fields of the server action, read from the page, plus the address. A request that is let
 * through is redirected (303) to the "sent" page; a refused one answers the form with its error.
 */
async function requestReset(port: number, sourceAddress: string, forwardedFor: string | undefined): Promise<'sent' | 'limited'> {
  const page = await rawRequest(port, '/mot-de-passe-oublie', { sourceAddress });
  const form = new FormData();
  for (const match of page.body.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    form.append(match[1].replace(/&quot;/g, '"'), (match[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  }
  form.append('email', uniqueEmail('reinit'));
  const encoded = new Response(form);
  const answer = await rawRequest(port, '/mot-de-passe-oublie', {
    sourceAddress,
    method: 'POST',
    headers: {
      'content-type': encoded.headers.get('content-type')!,
      origin: `http://localhost:${port}`,
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
  if (answer.status === 303 && answer.location?.includes('demande=envoyee')) return 'sent';
  if (answer.body.includes('Trop de demandes en peu de temps')) return 'limited';
  throw new Error(`unexpected answer ${answer.status} ${answer.location ?? ''}: ${answer.body.slice(0, 300)}`);
}

const PER_CLIENT_LIMIT = 20;

/** Sends PER_CLIENT_LIMIT + 1 requests; returns what the last one got. */
async function exhaust(port: number, sourceAddress: string, forwardedFor: (i: number) => string | undefined) {
  const answers = [];
  for (let i = 0; i <= PER_CLIENT_LIMIT; i += 1) answers.push(await requestReset(port, sourceAddress, forwardedFor(i)));
  expect(answers.slice(0, PER_CLIENT_LIMIT).every((answer) => answer === 'sent')).toBe(true);
  return answers[PER_CLIENT_LIMIT];
}

const mainPort = Number(new URL(e2eServerEnv.PUBLIC_ORIGIN).port);

test.describe('per-client limits without a trusted proxy', () => {
  test('a new X-Forwarded-For on every request does not get past the per-client limit', async () => {
    const source = freshLoopbackAddress();
    expect(await exhaust(mainPort, source, () => freshPublicAddress())).toBe('limited');
    // Another client (another socket address) is not affected.
    expect(await requestReset(mainPort, freshLoopbackAddress(), undefined)).toBe('sent');
  });
});

test.describe('per-client limits behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)', () => {
  const port = mainPort + 1000;
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
      env: {
        ...process.env,
        ...e2eServerEnv,
        PORT: String(port),
        PUBLIC_ORIGIN: `http://localhost:${port}`,
        TRUSTED_PROXIES: '127.0.0.1',
        JOBS_IN_PROCESS: 'false',
        MIGRATE_ON_START: 'false',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const up = await rawRequest(port, '/api/health', { sourceAddress: '127.0.0.1' }).then((r) => r.status === 200, () => false);
      if (up) break;
      if (Date.now() > deadline || server.exitCode !== null) throw new Error('the second e2e server did not start');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  test.afterAll(async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  });

  test('the proxy’s word is believed: clients behind it count one by one', async () => {
    const client = freshPublicAddress();
    expect(await exhaust(port, '127.0.0.1', () => client)).toBe('limited');
    // Different clients behind the same proxy are not limited together.
    const answers = [];
    for (let i = 0; i <= PER_CLIENT_LIMIT; i += 1) answers.push(await requestReset(port, '127.0.0.1', freshPublicAddress()));
    expect(answers.filter((answer) => answer === 'limited')).toHaveLength(0);
  });

  test('what a client writes to the left of the proxy’s entry is ignored', async () => {
    const client = freshPublicAddress();
    expect(await exhaust(port, '127.0.0.1', () => `${freshPublicAddress()}, ${client}`)).toBe('limited');
  });

  test('a client that is not the trusted proxy cannot choose its address', async () => {
    expect(await exhaust(port, freshLoopbackAddress(), () => freshPublicAddress())).toBe('limited');
  });
});
