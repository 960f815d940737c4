import { expect, request as playwrightRequest, test, type APIResponse, type Browser, type BrowserContext } from '@playwright/test';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { e2eServerEnv } from '../../playwright.config';
import { createCitizen, e2eSql, linkPath, uniqueEmail, waitForEmail } from './support/db';
import { signIn } from './support/session';

// Issue 8, holes 1, 6 and 9, as an attacker tries them against the running portal: a session that
// ended stays ended whatever is replayed where; a session ends for good at its absolute lifetime;
// odd `next` values after sign-in never break the redirect nor leave the site.
// Cookies are minted here as the sign-in does (same secret and salt), to choose their age.

const COOKIE = 'authjs.session-token';
const secret = e2eServerEnv.AUTH_SECRET;
const baseURL = e2eServerEnv.PUBLIC_ORIGIN;
const HOUR = 3600;
const NEW_PASSWORD = 'un tout autre mot de passe pour le portail';

// Every endpoint Auth.js would answer under /api/auth: none is exposed (sign-in and sign-out run
// in-process from server actions; "Prolonger la session" has its own /api/session).
const AUTH_PATHS = [
  '/api/auth/session',
  '/api/auth/csrf',
  '/api/auth/providers',
  '/api/auth/signin',
  '/api/auth/signin/credentials',
  '/api/auth/callback/credentials',
  '/api/auth/signout',
  '/api/auth/error',
  '/api/auth/verify-request',
  '/api/auth/webauthn-options/passkey',
];

type Account = { id: string; email: string; password: string };

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function decodeCookie(value: string): Promise<JWT> {
  const token = await decode({ token: value, secret, salt: COOKIE });
  if (!token) throw new Error('not a session cookie');
  return token;
}

/** A cookie with the given claims, issued `ageSeconds` ago (its expiry that much closer). */
async function mintCookie(claims: JWT, ageSeconds = 0): Promise<string> {
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = claims;
  return encode({ token: rest, secret, salt: COOKIE, maxAge: 30 * 60 - ageSeconds });
}

async function forgeCookie(user: { id: string; email: string }, options: { role?: string; sessionVersion?: number; signedInSecondsAgo?: number; ageSeconds?: number } = {}) {
  const claims = {
    sub: user.id,
    email: user.email,
    userId: user.id,
    role: options.role ?? 'citizen',
    sessionVersion: options.sessionVersion ?? 1,
    auth_time: nowSeconds() - (options.signedInSecondsAgo ?? 0),
    // As the second-factor step issues it for the back office (decision 011).
    mfa: (options.role ?? 'citizen') !== 'citizen',
  };
  return mintCookie(claims, options.ageSeconds ?? 0);
}

async function sessionCookieOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return cookie.value;
}

async function sessionVersionOf(userId: string): Promise<number> {
  const [row] = await e2eSql()<{ session_version: number }[]>`select session_version from users where id = ${userId}`;
  return row.session_version;
}

async function draftOf(userId: string): Promise<string> {
  const [procedure] = await e2eSql()<{ procedure_id: string; version_id: string }[]>`
    select p.id as procedure_id, v.id as version_id from procedures p join procedure_versions v on v.procedure_id = p.id
    where p.slug = 'signalement-voirie' and v.published_at is not null order by v.version desc limit 1`;
  const [draft] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
    values (${userId}, ${procedure.procedure_id}, ${procedure.version_id}, 'self', ${e2eSql().json({ label: 'Vous-même' })}, ${e2eSql().json({})})
    returning id`;
  return draft.id;
}

type Call = { method?: 'GET' | 'POST' | 'PATCH'; path: string; cookie: string; otherCookies?: string[]; json?: unknown; form?: Record<string, string> };

/** One request from a fresh client holding only these cookies; redirects are not followed. */
async function send({ method = 'GET', path, cookie, otherCookies = [], json, form }: Call) {
  const client = await playwrightRequest.newContext({ baseURL });
  try {
    const cookies = [`${COOKIE}=${cookie}`, ...otherCookies].join('; ');
    const response: APIResponse = await client.fetch(path, {
      method,
      maxRedirects: 0,
      headers: { cookie: cookies, origin: baseURL, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      data: json === undefined ? undefined : JSON.stringify(json),
      form,
    });
    const sessionCookies = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${COOKIE}=`))
      .map((h) => h.value);
    // An event stream never ends by itself: only its status and headers matter here.
    const otherSetCookies = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie' && !h.value.startsWith(`${COOKIE}=`))
      .map((h) => h.value.split(';')[0]);
    const body = response.headers()['content-type']?.startsWith('text/event-stream') ? '' : await response.text();
    return { status: response.status(), location: response.headers().location ?? '', sessionCookies, otherSetCookies, body };
  } finally {
    await client.dispose();
  }
}

type Answer = Awaited<ReturnType<typeof send>>;

/** The answer gives nothing back: no new session cookie (a cleared one at most), no personal data. */
function expectNothingBack(answer: Answer, account: Account, what: string) {
  for (const cookie of answer.sessionCookies) expect(cookie, `${what}: only a cleared cookie`).toMatch(new RegExp(`^${COOKIE}=;.*Max-Age=0`, 'i'));
  expect(answer.body, `${what}: no email in the answer`).not.toContain(account.email);
  expect(answer.body, `${what}: no id in the answer`).not.toContain(account.id);
}

function expectCleared(answer: Answer, what: string) {
  expect(answer.sessionCookies, `${what}: the cookie is cleared`).toEqual([expect.stringMatching(new RegExp(`^${COOKIE}=;.*Max-Age=0`, 'i'))]);
}

/** Before the event: the copied cookie works (so the checks after it can fail). */
async function expectCookieWorks(cookie: string, account: Account) {
  const page = await send({ path: '/compte', cookie });
  expect(page.status).toBe(200);
  expect(page.body).toContain(account.email);
  const extended = await send({ method: 'POST', path: '/api/session', cookie });
  expect(extended.status).toBe(200);
  expect(extended.sessionCookies).toEqual([expect.stringMatching(new RegExp(`^${COOKIE}=ey`))]);
}

/** After the event: the copied cookie, replayed everywhere a session is read or renewed, gets nothing. */
async function expectCookieRefusedEverywhere(cookie: string, account: Account, draftId: string) {
  const compte = await send({ path: '/compte', cookie });
  expect(compte.status).toBe(307);
  expect(compte.location).toMatch(/^\/connexion\?callbackUrl=%2Fcompte/);
  expectNothingBack(compte, account, '/compte');

  // The revival of issue 8: a CSRF token (and its cookie), then a session "update" naming the
  // current version. Before the fix: 200, a fresh cookie, and /compte opened with it.
  const csrf = await send({ path: '/api/auth/csrf', cookie });
  const csrfToken = csrf.status === 200 ? (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken : 'none';
  const data = { sessionVersion: await sessionVersionOf(account.id) };
  const update = await send({ method: 'POST', path: '/api/auth/session', cookie, otherCookies: csrf.otherSetCookies, json: { csrfToken, data } });
  expectNothingBack(update, account, 'POST /api/auth/session');
  expect(update.status).toBe(404);
  expect(csrf.status).toBe(404);
  for (const path of AUTH_PATHS) {
    for (const method of ['GET', 'POST'] as const) {
      const answer = await send({ method, path, cookie, form: method === 'POST' ? { csrfToken: 'any', email: account.email, password: NEW_PASSWORD } : undefined });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expectNothingBack(answer, account, `${method} ${path}`);
    }
  }

  const extend = await send({ method: 'POST', path: '/api/session', cookie });
  expect(extend.status).toBe(401);
  expectCleared(extend, 'POST /api/session');
  expectNothingBack(extend, account, 'POST /api/session');

  const save = await send({ method: 'PATCH', path: `/api/brouillons/${draftId}`, cookie, json: { baseVersion: 1, changes: { lieu: 'Rue rejouée' } } });
  expect(save.status).toBe(401);
  expectCleared(save, 'autosave');
  const [draft] = await e2eSql()<{ version: number }[]>`select version from dossiers where id = ${draftId}`;
  expect(draft.version).toBe(1);

  const stream = await send({ path: '/api/notifications/flux', cookie });
  expect(stream.status).toBe(401);
  expectCleared(stream, 'live stream');
  expectNothingBack(stream, account, 'live stream');

  // The same cookie a few minutes older: the proxy is about to renew it, asks the database, and
  // clears it instead; the personal space goes to the sign-in page, a public page stays public.
  const aged = await mintCookie(await decodeCookie(cookie), 20 * 60);
  const agedCompte = await send({ path: '/compte', cookie: aged });
  expect(agedCompte.status).toBe(303);
  expect(agedCompte.location).toMatch(/\/connexion\?callbackUrl=%2Fcompte&expiree=1$/);
  expectCleared(agedCompte, 'aged /compte');
  const agedHome = await send({ path: '/', cookie: aged });
  expect(agedHome.status).toBe(200);
  expectCleared(agedHome, 'aged /');
  expectNothingBack(agedHome, account, 'aged /');

  // And after all of it, still nothing.
  expect((await send({ path: '/compte', cookie })).status).toBe(307);
}

async function capturedSession(browser: Browser, account: Account, callbackUrl = '/compte') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account.email, account.password, callbackUrl);
  return { context, page, cookie: await sessionCookieOf(context) };
}

test.describe('a session that ended stays ended (hole 1)', () => {
  test('after sign-out', async ({ browser }) => {
    const citizen = await createCitizen();
    const draftId = await draftOf(citizen.id);
    const { context, page, cookie } = await capturedSession(browser, citizen);
    await expectCookieWorks(cookie, citizen);

    await page.goto('/deconnexion');
    await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/\?deconnecte=1$/);
    await expectCookieRefusedEverywhere(cookie, citizen, draftId);
    await context.close();
  });

  test('after a password change, while the device that changed it stays signed in', async ({ browser }) => {
    const citizen = await createCitizen();
    const draftId = await draftOf(citizen.id);
    const { context, page, cookie } = await capturedSession(browser, citizen, '/compte/mot-de-passe');
    await expectCookieWorks(cookie, citizen);

    await page.getByLabel('Mot de passe actuel').fill(citizen.password);
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await expect(page).toHaveURL(/\/compte\/mot-de-passe\?modifie=1$/);
    await expectCookieRefusedEverywhere(cookie, citizen, draftId);

    // The server re-issued this device's cookie: new version, same sign-in time.
    const reissued = await sessionCookieOf(context);
    expect(reissued).not.toBe(cookie);
    const [before, after] = [await decodeCookie(cookie), await decodeCookie(reissued)];
    expect(after).toMatchObject({ userId: citizen.id, sessionVersion: 2, auth_time: before.auth_time });
    await page.goto('/compte');
    await expect(page).toHaveURL(/\/compte$/);
    await context.close();
  });

  test('after a password reset from the emailed link', async ({ browser }) => {
    const citizen = await createCitizen();
    const draftId = await draftOf(citizen.id);
    const { context, page, cookie } = await capturedSession(browser, citizen);
    await expectCookieWorks(cookie, citizen);

    const stranger = await browser.newPage();
    const since = new Date();
    await stranger.goto('/mot-de-passe-oublie');
    await stranger.getByLabel('Adresse de courriel').fill(citizen.email);
    await stranger.getByRole('button', { name: 'Recevoir un lien' }).click();
    const mail = await waitForEmail(citizen.email, 'Réinitialisez votre mot de passe', since);
    await stranger.goto(linkPath(mail.text, '/reinitialiser/'));
    await stranger.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await stranger.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(stranger).toHaveURL(/\/connexion\?motdepasse=modifie$/);
    await expectCookieRefusedEverywhere(cookie, citizen, draftId);
    await page.goto('/compte');
    await expect(page).toHaveURL(/\/connexion/);
    await stranger.close();
    await context.close();
  });

  test('after a login-email change is confirmed', async ({ browser }) => {
    const citizen = await createCitizen();
    const draftId = await draftOf(citizen.id);
    const { context, page, cookie } = await capturedSession(browser, citizen, '/compte/identifiant');
    await expectCookieWorks(cookie, citizen);

    const newEmail = uniqueEmail('nouvelle');
    const since = new Date(Date.now() - 1000);
    await page.getByLabel('Nouvelle adresse de courriel').fill(newEmail);
    await page.getByLabel('Mot de passe actuel').fill(citizen.password);
    await page.getByRole('button', { name: 'Changer mon identifiant' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Un lien de confirmation a été envoyé' })).toBeVisible();
    const mail = await waitForEmail(newEmail, 'Confirmez votre nouvelle adresse', since);
    await page.goto(linkPath(mail.text, '/confirmer/'));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await waitForEmail(citizen.email, 'Votre identifiant de connexion a changé', since);
    await expectCookieRefusedEverywhere(cookie, { ...citizen, email: newEmail }, draftId);
    await expectCookieRefusedEverywhere(cookie, citizen, draftId);
    await context.close();
  });

  test('after an administrator changes the role', async ({ browser, page }) => {
    const admin = await createCitizen();
    const agent = await createCitizen();
    await e2eSql()`update users set role = 'admin' where id = ${admin.id}`;
    await e2eSql()`update users set role = 'agent' where id = ${agent.id}`;
    const draftId = await draftOf(agent.id);
    const { context, cookie } = await capturedSession(browser, agent, '/admin');
    await expectCookieWorks(cookie, agent);
    expect((await send({ path: '/admin', cookie })).status).toBe(200);

    await signIn(page, admin.email, admin.password, '/admin/agents');
    await page.getByRole('button', { name: `Passer ${agent.email} en administrateur` }).click();
    await expect(page.getByText('Le rôle est modifié.')).toBeVisible();
    await expectCookieRefusedEverywhere(cookie, agent, draftId);
    const backOffice = await send({ path: '/admin', cookie });
    expect(backOffice.status).toBe(307);
    expectNothingBack(backOffice, agent, '/admin');
    await context.close();
  });
});

test.describe('absolute lifetime (hole 6)', () => {
  test('a citizen session ends 12 hours after the sign-in, however active; before that it is renewed, never past the limit', async () => {
    const citizen = await createCitizen();
    const draftId = await draftOf(citizen.id);

    const elevenHours = await forgeCookie(citizen, { signedInSecondsAgo: 11 * HOUR, ageSeconds: 20 * 60 });
    const renewed = await send({ path: '/compte', cookie: elevenHours });
    expect(renewed.status).toBe(200);
    expect(renewed.sessionCookies).toEqual([expect.stringMatching(new RegExp(`^${COOKIE}=ey`))]);
    expect((await decodeCookie(renewed.sessionCookies[0].slice(COOKIE.length + 1).split(';')[0])).exp! - nowSeconds()).toBeGreaterThan(29 * 60);

    // Ten minutes before the end, "Prolonger la session" gives ten minutes, not thirty.
    const nearEnd = await forgeCookie(citizen, { signedInSecondsAgo: 12 * HOUR - 10 * 60, ageSeconds: 5 * 60 });
    const extended = await send({ method: 'POST', path: '/api/session', cookie: nearEnd });
    expect(extended.status).toBe(200);
    const expires = Date.parse(JSON.parse(extended.body).expires);
    expect(expires - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
    expect(expires - Date.now()).toBeGreaterThan(8 * 60 * 1000);

    // Thirteen hours: a cookie renewed a second ago is refused everywhere and cleared.
    const over = await forgeCookie(citizen, { signedInSecondsAgo: 13 * HOUR, ageSeconds: 1 });
    const compte = await send({ path: '/compte', cookie: over });
    expect(compte.status).toBe(303);
    expect(compte.location).toMatch(/\/connexion\?callbackUrl=%2Fcompte&expiree=1$/);
    expectCleared(compte, '/compte');
    const extend = await send({ method: 'POST', path: '/api/session', cookie: over });
    expect(extend.status).toBe(401);
    expectCleared(extend, '/api/session');
    const save = await send({ method: 'PATCH', path: `/api/brouillons/${draftId}`, cookie: over, json: { baseVersion: 1, changes: { lieu: 'trop tard' } } });
    expect(save.status).toBe(401);
    expectCleared(save, 'autosave');
    const stream = await send({ path: '/api/notifications/flux', cookie: over });
    expect(stream.status).toBe(401);
    expectCleared(stream, 'live stream');
  });

  test('an agent session ends after 8 hours', async () => {
    const agent = await createCitizen();
    await e2eSql()`update users set role = 'agent' where id = ${agent.id}`;
    const seven = await send({ path: '/admin', cookie: await forgeCookie(agent, { role: 'agent', signedInSecondsAgo: 7 * HOUR }) });
    expect(seven.status).toBe(200);
    const nine = await send({ path: '/admin', cookie: await forgeCookie(agent, { role: 'agent', signedInSecondsAgo: 9 * HOUR }) });
    expect(nine.status).toBe(303);
    expect(nine.location).toMatch(/\/connexion\?callbackUrl=%2Fadmin&expiree=1$/);
    expectCleared(nine, '/admin');
  });

  test('in the browser: the expired session leads to the sign-in page, and a fresh sign-in back to the page', async ({ context, page }) => {
    const citizen = await createCitizen();
    await context.addCookies([{ name: COOKIE, value: await forgeCookie(citizen, { signedInSecondsAgo: 13 * HOUR }), url: baseURL, httpOnly: true, sameSite: 'Lax' }]);
    await page.goto('/demandes');
    await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fdemandes&expiree=1$/);
    await expect(page.getByText('Votre session a expiré')).toBeVisible();
    expect((await context.cookies()).some((c) => c.name === COOKIE)).toBe(false);
    await page.getByLabel('Adresse de courriel').fill(citizen.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(citizen.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/demandes$/);
    const fresh = await decodeCookie(await sessionCookieOf(context));
    expect(nowSeconds() - (fresh.auth_time as number)).toBeLessThan(120);
  });

  test('two minutes before the absolute end, the notice says the session cannot be extended', async ({ context, page }) => {
    const citizen = await createCitizen();
    await context.addCookies([
      { name: COOKIE, value: await forgeCookie(citizen, { signedInSecondsAgo: 12 * HOUR - 3 * 60, ageSeconds: 27 * 60 }), url: baseURL, httpOnly: true, sameSite: 'Lax' },
    ]);
    await page.clock.install();
    await page.goto('/compte');
    await expect(page).toHaveURL(/\/compte$/);
    await page.clock.fastForward('01:30');
    const notice = page.getByRole('alertdialog', { name: 'Votre session va se terminer' });
    await expect(notice).toContainText('une session dure au plus 12 heures');
    await expect(notice.getByRole('button', { name: 'Prolonger la session' })).toHaveCount(0);
    await expect(notice.getByRole('heading', { name: 'Votre session va se terminer' })).toBeFocused();
  });
});

test.describe('odd `next` values after sign-in (hole 9)', () => {
  // [next as sent in the query string, where a signed-in browser lands]
  const cases: [string, string][] = [
    ['/%E3%80%80', '/%E3%80%80'],
    ['%2F%25E3%2580%2580', '/%E3%80%80'],
    ['/d%C3%A9marches?q=%C3%A9t%C3%A9', '/d%C3%A9marches?q=%C3%A9t%C3%A9'],
    ['/%F0%9F%98%80', '/%F0%9F%98%80'],
    ['/%ED%A0%80', '/%EF%BF%BD%EF%BF%BD%EF%BF%BD'],
    ['//evil.example', '/compte'],
    ['%2F%2Fevil.example', '/compte'],
    ['/%5Cevil.example', '/compte'],
    ['/%5C/evil.example', '/compte'],
    ['/%09/evil.example', '/compte'],
    ['%2F%2509%2Fevil.example', '/%09/evil.example'],
    ['/.//evil.example', '/compte'],
    ['/a/..//evil.example', '/compte'],
    ['https://evil.example', '/compte'],
    ['javascript:alert(1)', '/compte'],
    ['/connexion', '/compte'],
    ['/compte/../deconnexion', '/compte'],
    [`/${'a'.repeat(3000)}`, '/compte'],
  ];

  test('the cookie check answers 303 with an encoded, same-site Location, signed in or not', async ({ browser }) => {
    const citizen = await createCitizen();
    const { context, cookie } = await capturedSession(browser, citizen);
    for (const [next, landing] of cases) {
      const signedIn = await send({ path: `/connexion/verification?next=${next}`, cookie });
      expect(signedIn.status, next).toBe(303);
      expect(signedIn.location, next).toBe(landing);
      const client = await playwrightRequest.newContext({ baseURL });
      const anonymous = await client.get(`/connexion/verification?next=${next}`, { maxRedirects: 0 });
      expect(anonymous.status(), next).toBe(303);
      expect(anonymous.headers().location, next).toBe(`/connexion?cookies=refuses&callbackUrl=${encodeURIComponent(landing)}`);
      await client.dispose();
    }
    await context.close();
  });

  test('signing in with a non-ASCII callback lands on that path (a 404 here), not on an error', async ({ page }) => {
    const citizen = await createCitizen();
    await page.goto('/connexion?callbackUrl=%2F%E3%80%80');
    await page.getByLabel('Adresse de courriel').fill(citizen.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(citizen.password);
    const landing = page.waitForResponse((response) => new URL(response.url()).pathname === '/%E3%80%80');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect((await landing).status()).toBe(404);
    await expect(page).toHaveURL(`${baseURL}/%E3%80%80`);
  });
});

test.describe('a page with a valid session', () => {
  test('"Prolonger la session" is the portal’s own endpoint: same-site POST only', async () => {
    const citizen = await createCitizen();
    const cookie = await forgeCookie(citizen, { signedInSecondsAgo: HOUR });
    const client = await playwrightRequest.newContext({ baseURL });
    const crossSite = await client.post('/api/session', { headers: { cookie: `${COOKIE}=${cookie}`, origin: 'https://evil.example' }, maxRedirects: 0 });
    expect(crossSite.status()).toBe(403);
    const read = await client.get('/api/session', { headers: { cookie: `${COOKIE}=${cookie}` }, maxRedirects: 0 });
    expect(read.status()).toBe(405);
    await client.dispose();
  });
});
