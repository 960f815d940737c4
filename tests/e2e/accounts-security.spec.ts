import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createCitizen, e2eSql, linkPath, uniqueEmail, waitForEmail } from './support/db';
import { signIn } from './support/session';

// Adversarial checks of the account pages: what an attacker tries, and what they must not get.

const INVALID = 'Adresse de courriel ou mot de passe incorrect.';

function errorSummary(page: Page) {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });
}

async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function expectSignedOutAt(browser: Browser, cookies: Awaited<ReturnType<BrowserContext['cookies']>>) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto('/compte');
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fcompte/);
  await context.close();
}

test.describe('no account enumeration at sign-in', () => {
  // Without JavaScript the form posts a full page: its HTTP status is what a script would compare.
  test.use({ javaScriptEnabled: false });

  test('an unknown address and a wrong password give the same status and the same message', async ({ page }) => {
    const citizen = await createCitizen();
    const answers: { status: number; message: string }[] = [];
    for (const email of [uniqueEmail('inconnu'), citizen.email]) {
      await page.goto('/connexion');
      const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/connexion');
      await submitSignIn(page, email, 'pas le bon mot de passe');
      const status = (await response).status();
      await expect(errorSummary(page)).toBeVisible();
      answers.push({ status, message: (await errorSummary(page).innerText()).trim() });
    }
    expect(answers[0].message).toContain(INVALID);
    expect(answers[1]).toEqual(answers[0]);
  });
});

test.describe('sign-in throttling', () => {
  test('after five failures, even the right password is refused with the wait message', async ({ page }) => {
    const citizen = await createCitizen();
    await page.goto('/connexion');
    for (let attempt = 1; attempt <= 4; attempt++) {
      await submitSignIn(page, citizen.email, `mauvais essai numero ${attempt}`);
      await expect(errorSummary(page)).toContainText(INVALID);
    }
    await submitSignIn(page, citizen.email, 'mauvais essai numero 5');
    await expect(errorSummary(page)).toContainText('Trop de tentatives de connexion');

    await submitSignIn(page, citizen.email, citizen.password);
    await expect(errorSummary(page)).toContainText(
      /Trop de tentatives de connexion\. Pour protéger votre compte, attendez \d{1,2} secondes avant de réessayer, ou réinitialisez votre mot de passe\./,
    );
    await expect(page).toHaveURL(/\/connexion/);
    await page.goto('/compte');
    await expect(page).toHaveURL(/\/connexion/);
  });
});

test.describe('sessions', () => {
  test('a session cookie captured before sign-out is refused when replayed afterwards', async ({ browser, page, context }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte');
    await expect(page).toHaveURL(/\/compte/);
    const captured = await context.cookies();
    expect(captured.some((c) => c.name.includes('session-token'))).toBe(true);

    // The copy works while the session is open (so the check below can fail)...
    const before = await browser.newContext();
    await before.addCookies(captured);
    const beforePage = await before.newPage();
    await beforePage.goto('/compte');
    await expect(beforePage).toHaveURL(/\/compte$/);
    await before.close();

    await page.goto('/deconnexion');
    await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/\?deconnecte=1$/);
    await page.goto('/compte');
    await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fcompte/);

    // ...and not after: the sign-out ended the session on the server, not just in this browser.
    await expectSignedOutAt(browser, captured);
  });
});

test.describe('reset links', () => {
  test('forged, malformed and expired reset links show that the link is no longer valid', async ({ page }) => {
    for (const token of [randomBytes(32).toString('base64url'), 'abc', `${randomBytes(32).toString('base64url')}x`]) {
      await page.goto(`/reinitialiser/${token}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien n’est plus valable');
      await expect(page.getByLabel('Nouveau mot de passe')).toHaveCount(0);
    }

    const citizen = await createCitizen();
    await page.goto('/mot-de-passe-oublie');
    await page.getByLabel('Adresse de courriel').fill(citizen.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    const resetPath = linkPath((await waitForEmail(citizen.email, 'Réinitialisez votre mot de passe')).text, '/reinitialiser/');
    await page.goto(resetPath);
    await expect(page.getByLabel('Nouveau mot de passe')).toBeVisible();

    // The link expires while the form is open: posting it is refused too.
    await e2eSql()`update email_tokens set expires_at = now() - interval '1 second' where user_id = ${citizen.id} and kind = 'reset_password'`;
    await page.getByLabel('Nouveau mot de passe').fill('un chat sur le toit de la mairie');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien n’est plus valable');
    await page.goto(resetPath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien n’est plus valable');
    await signIn(page, citizen.email, citizen.password);
  });

  test('the answer of the reset action never carries the token back', async ({ page }) => {
    const citizen = await createCitizen();
    await page.goto('/mot-de-passe-oublie');
    await page.getByLabel('Adresse de courriel').fill(citizen.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    const resetPath = linkPath((await waitForEmail(citizen.email, 'Réinitialisez votre mot de passe')).text, '/reinitialiser/');
    const token = resetPath.split('/').pop()!;
    await page.goto(resetPath);
    await page.getByLabel('Nouveau mot de passe').fill('motdepasse123456');
    let body = '';
    await page.route('**/reinitialiser/**', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      body = await response.text();
      await route.fulfill({ response, body });
    });
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.getByText('Erreur : Ce mot de passe fait partie des plus courants')).toBeVisible();
    expect(body).toContain('plus courants');
    expect(body).not.toContain(token);
    expect(body).not.toContain('motdepasse123456');
  });
});

test.describe('open redirect', () => {
  const attempts = ['https://evil.example', '//evil.example/compte', '/\\evil.example', '/%09/evil.example', 'javascript:alert(1)'];

  for (const callbackUrl of attempts) {
    test(`callbackUrl=${callbackUrl} lands on this site after sign-in`, async ({ page, baseURL }) => {
      const citizen = await createCitizen();
      await page.goto(`/connexion?callbackUrl=${callbackUrl.startsWith('/%') ? callbackUrl : encodeURIComponent(callbackUrl)}`);
      await submitSignIn(page, citizen.email, citizen.password);
      await expect(page).toHaveURL(/\/compte$/);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    });
  }

  test('the cookie check after sign-in never redirects to another site', async ({ request }) => {
    for (const next of ['https://evil.example', '//evil.example', '/%09/evil.example']) {
      const response = await request.get(`/connexion/verification?next=${next.startsWith('/%') ? next : encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect(response.headers().location).toBe('/connexion?cookies=refuses&callbackUrl=%2Fcompte');
    }
  });
});

test.describe('caching', () => {
  test('the sign-in page is never stored by shared caches', async ({ request }) => {
    const response = await request.get('/connexion');
    const cacheControl = response.headers()['cache-control'] ?? '';
    expect(cacheControl).not.toContain('public');
    expect(cacheControl).toMatch(/no-store|private/);
  });
});
