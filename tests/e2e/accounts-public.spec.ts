import { request as apiRequest, expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations as expectAccessible } from './support/axe';
import { createCitizen, linkPath, uniqueEmail, waitForEmail } from './support/db';
import { signIn } from './support/session';

// Account journeys as a citizen meets them: sign-up, confirmation, sign-in (with and without
// JavaScript), forgotten password, refused cookies, and the accessibility of every account page.

const NEW_PASSWORD = 'un chat sur le toit de la mairie';

function errorSummary(page: Page) {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });
}

async function fillSignUp(page: Page, email: string, password: string) {
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Prénom').fill('Camille');
  await page.getByLabel('Nom', { exact: true }).fill('Durand');
}

/** Signs up through the form and returns the path of the emailed confirmation link. */
async function signUp(page: Page, email: string): Promise<string> {
  await page.goto('/inscription');
  await fillSignUp(page, email, NEW_PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL(/\/inscription\/verifiez-vos-courriels$/);
  const mail = await waitForEmail(email, 'Confirmez la création de votre compte');
  return linkPath(mail.text, '/confirmer/');
}

/** Asks for a reset link through the form and returns its path. */
async function requestResetLink(page: Page, email: string): Promise<string> {
  const since = new Date();
  await page.goto('/mot-de-passe-oublie');
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(page.getByText('Si un compte existe pour cette adresse, un courriel vient d’être envoyé avec un lien valable une heure.')).toBeVisible();
  const mail = await waitForEmail(email, 'Réinitialisez votre mot de passe', since);
  return linkPath(mail.text, '/reinitialiser/');
}

test.describe('sign-up and confirmation', () => {
  test('sign-up, then the emailed link confirms the address, then sign-in lands on /compte', async ({ page }) => {
    const email = uniqueEmail('inscription');
    const confirmPath = await signUp(page, email);
    await expect(page).toHaveTitle(/^Vérifiez votre messagerie/);
    await expect(page.getByRole('main')).toContainText(email);
    await expect(page.getByRole('main')).toContainText('24 heures');

    // Before confirmation, the right password says so and offers a new link.
    await page.goto('/connexion');
    await page.getByLabel('Adresse de courriel').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(errorSummary(page)).toContainText('Votre adresse n’est pas encore confirmée');
    const resentSince = new Date();
    await page.getByRole('button', { name: 'Renvoyer le lien' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'un nouveau lien vient de lui être envoyé' })).toBeVisible();
    const resent = await waitForEmail(email, 'Confirmez la création de votre compte', resentSince);
    const newestPath = linkPath(resent.text, '/confirmer/');
    expect(newestPath).not.toBe(confirmPath);

    // Opening the link does not confirm anything (mail scanners open links): the button does.
    await page.goto(newestPath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmer votre adresse de courriel');
    await page.goto(newestPath);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre adresse est confirmée');

    await signIn(page, email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/compte/);
  });

  test('the first link stops working once a new one is sent, and a used link says it is no longer valid', async ({ page }) => {
    const email = uniqueEmail('lien');
    const first = await signUp(page, email);
    const since = new Date();
    await page.getByRole('button', { name: 'Renvoyer le lien' }).click();
    const second = linkPath((await waitForEmail(email, 'Confirmez la création', since)).text, '/confirmer/');
    await page.goto(first);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien n’est plus valable');
    await page.goto(second);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre adresse est confirmée');
    await page.goto(second);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien n’est plus valable');
    await expect(page.getByRole('button', { name: 'Renvoyer le lien' })).toBeVisible();
  });

  test('an empty form shows a focused error summary that links to each field', async ({ page }) => {
    await page.goto('/inscription');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    const summary = errorSummary(page);
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'Saisissez votre adresse de courriel.',
      'Saisissez un mot de passe.',
      'Saisissez votre prénom.',
      'Saisissez votre nom.',
    ]);
    await expect(page).toHaveTitle(/^Erreur : Créer un compte/);
    await expect(page.getByLabel('Prénom')).toHaveAttribute('aria-invalid', 'true');
    await summary.getByRole('link', { name: 'Saisissez un mot de passe.' }).click();
    await expect(page.getByLabel('Mot de passe', { exact: true })).toBeFocused();
    await expectAccessible(page);
  });

  test('a common password is refused by the server, with the other answers kept', async ({ page }) => {
    const email = uniqueEmail('courant');
    await page.goto('/inscription');
    await fillSignUp(page, email, 'motdepasse123456');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(errorSummary(page)).toContainText('plus courants');
    await expect(page.getByText('Erreur : Ce mot de passe fait partie des plus courants')).toBeVisible();
    await expect(page.getByLabel('Adresse de courriel')).toHaveValue(email);
    await expect(page.getByLabel('Prénom')).toHaveValue('Camille');
  });

  test('the password can be shown, and the fields say what they are for autofill', async ({ page }) => {
    await page.goto('/inscription');
    const password = page.getByLabel('Mot de passe', { exact: true });
    await expect(password).toHaveAttribute('type', 'password');
    await expect(password).toHaveAttribute('autocomplete', 'new-password');
    await expect(page.getByText('Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.')).toBeVisible();
    await page.getByRole('button', { name: 'Afficher le mot de passe' }).click();
    await expect(password).toHaveAttribute('type', 'text');
    await expect(page.getByLabel('Adresse de courriel')).toHaveAttribute('autocomplete', 'email');
    await expect(page.getByLabel('Prénom')).toHaveAttribute('autocomplete', 'given-name');
    await expect(page.getByLabel('Nom', { exact: true })).toHaveAttribute('autocomplete', 'family-name');
    await expect(page.getByRole('main')).toContainText('Une adresse de courriel est nécessaire pour créer un compte');
  });
});

test.describe('forgotten password', () => {
  test('the reset link sets a new password that then signs in; the old one no longer does', async ({ page }) => {
    const citizen = await createCitizen();
    const resetPath = await requestResetLink(page, citizen.email);

    await page.goto(resetPath);
    await page.getByLabel('Nouveau mot de passe').fill('motdepasse123456');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(errorSummary(page)).toContainText('plus courants');
    await expect(page.getByText('Erreur : Ce mot de passe fait partie des plus courants')).toBeVisible();

    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page).toHaveURL(/\/connexion\?motdepasse=modifie$/);
    await expect(page.getByText('Votre mot de passe a été modifié. Vos autres sessions ont été fermées.')).toBeVisible();
    await waitForEmail(citizen.email, 'Votre mot de passe a été modifié');

    await page.goto('/connexion');
    await page.getByLabel('Adresse de courriel').fill(citizen.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(citizen.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(errorSummary(page)).toContainText('Adresse de courriel ou mot de passe incorrect.');

    await signIn(page, citizen.email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/compte/);
  });

  test('a reset link used once shows that it is no longer valid', async ({ page }) => {
    const citizen = await createCitizen();
    const resetPath = await requestResetLink(page, citizen.email);
    await page.goto(resetPath);
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.getByText('Votre mot de passe a été modifié. Vos autres sessions ont été fermées.')).toBeVisible();

    await page.goto(resetPath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien n’est plus valable');
    await expect(page.getByLabel('Nouveau mot de passe')).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('link', { name: 'Demander un nouveau lien' })).toHaveAttribute('href', '/mot-de-passe-oublie');
  });

  test('an unknown address gets the same answer as a known one', async ({ page }) => {
    await page.goto('/mot-de-passe-oublie');
    await page.getByLabel('Adresse de courriel').fill(uniqueEmail('inconnu'));
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await expect(page.getByText('Si un compte existe pour cette adresse, un courriel vient d’être envoyé avec un lien valable une heure.')).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-in works, and a refusal keeps the address but never the password', async ({ page }) => {
    const citizen = await createCitizen();
    await page.goto('/connexion');
    await page.getByLabel('Adresse de courriel').fill(citizen.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(errorSummary(page)).toContainText('Adresse de courriel ou mot de passe incorrect.');
    await expect(page).toHaveTitle(/^Erreur : Se connecter/);
    await expect(page.getByLabel('Adresse de courriel')).toHaveValue(citizen.email);
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
    expect(await page.content()).not.toContain('pas le bon mot de passe');

    await signIn(page, citizen.email, citizen.password, '/compte');
    await expect(page).toHaveURL(/\/compte/);
  });

  test('sign-up and the confirmation button work', async ({ page }) => {
    const email = uniqueEmail('sansjs');
    const confirmPath = await signUp(page, email);
    await expect(page.getByRole('main')).toContainText(email);
    await page.goto(confirmPath);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre adresse est confirmée');
    await signIn(page, email, NEW_PASSWORD, '/compte');
    await expect(page).toHaveURL(/\/compte/);
  });

  test('a reset link can be asked for and used, and the answers are not titled as errors', async ({ page }) => {
    const citizen = await createCitizen();
    const resetPath = await requestResetLink(page, citizen.email);
    await expect(page).not.toHaveTitle(/Erreur/);
    await page.goto(resetPath);
    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(errorSummary(page)).toContainText('au moins 12 caractères');
    await expect(page).toHaveTitle(/^Erreur : Réinitialiser le mot de passe/);
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.getByText('Votre mot de passe a été modifié. Vos autres sessions ont été fermées.')).toBeVisible();
    await expect(page).toHaveTitle(/^Se connecter/);
    await signIn(page, citizen.email, NEW_PASSWORD, '/compte');
  });

  test('sign-up errors come back from the server with the error summary', async ({ page }) => {
    await page.goto('/inscription');
    await expect(page.getByRole('button', { name: 'Afficher le mot de passe' })).toHaveCount(0);
    await page.getByLabel('Adresse de courriel').fill('pas-une-adresse');
    await page.getByLabel('Prénom').fill('Camille');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    const summary = errorSummary(page);
    await expect(summary.getByRole('link')).toHaveText([
      'Saisissez une adresse de courriel valide, par exemple nom@exemple.fr.',
      'Saisissez un mot de passe.',
      'Saisissez votre nom.',
    ]);
    await expect(summary.getByRole('link').first()).toHaveAttribute('href', '#email');
    await expect(page).toHaveTitle(/^Erreur : Créer un compte/);
    await expect(page.getByLabel('Adresse de courriel')).toHaveValue('pas-une-adresse');
    await expect(page.getByLabel('Prénom')).toHaveValue('Camille');
  });
});

/** A browser that keeps no cookie: every response reaches it without its Set-Cookie headers. */
async function newCookielessPage(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  await context.route('**/*', async (route) => {
    const request = route.request();
    // A fresh request context per request: its own cookie jar must not keep anything either.
    const api = await apiRequest.newContext();
    try {
      const headers = { ...(await request.allHeaders()) };
      delete headers['content-length'];
      const response = await api.fetch(request.url(), {
        method: request.method(),
        headers,
        data: request.postDataBuffer() ?? undefined,
        maxRedirects: 0,
      });
      const kept = response.headersArray().filter(({ name }) => !['set-cookie', 'content-encoding', 'content-length'].includes(name.toLowerCase()));
      await route.fulfill({ status: response.status(), headers: Object.fromEntries(kept.map(({ name, value }) => [name, value])), body: await response.body() });
    } finally {
      await api.dispose();
    }
  });
  return { context, page: await context.newPage() };
}

test.describe('refused cookies', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`the sign-in page says that cookies are needed (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
      const citizen = await createCitizen();
      const { context, page } = await newCookielessPage(browser, javaScriptEnabled);
      await page.goto('/connexion?callbackUrl=%2Fcompte');
      await expect(page.getByText('La navigation connectée nécessite les cookies')).toHaveCount(0);
      await page.getByLabel('Adresse de courriel').fill(citizen.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(citizen.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect(page).toHaveURL(/\/connexion\?cookies=refuses/);
      await expect(page.getByText('La navigation connectée nécessite les cookies : autorisez-les pour ce site dans votre navigateur.')).toBeVisible();
      await context.close();
    });
  }
});

test.describe('inactivity timeout', () => {
  test('two minutes before the session ends a dialog offers to extend it; once ended, it says so', async ({ page }) => {
    const citizen = await createCitizen();
    await page.clock.install();
    await signIn(page, citizen.email, citizen.password, '/compte');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);

    await page.clock.fastForward('28:30');
    const warning = page.getByRole('alertdialog', { name: 'Votre session va expirer' });
    await expect(warning).toContainText('Votre session va expirer dans 2 minutes pour protéger vos données. Souhaitez-vous la prolonger ?');
    await expect(warning.getByRole('button', { name: 'Prolonger la session' })).toBeFocused();

    // The page's clock runs ahead of the server's: shift the renewed expiry the server sends back the same way.
    let renewed = false;
    await page.route('**/api/session', async (route) => {
      const response = await route.fetch();
      const session = await response.json();
      renewed = !!session?.expires;
      const fakeNow = await page.evaluate(() => Date.now());
      await route.fulfill({ response, json: { ...session, expires: new Date(fakeNow + 30 * 60 * 1000).toISOString() } });
    });
    await warning.getByRole('button', { name: 'Prolonger la session' }).click();
    await expect(warning).toBeHidden();
    expect(renewed).toBe(true);

    await page.clock.fastForward('31:00');
    const ended = page.getByRole('alertdialog', { name: 'Votre session a expiré' });
    await expect(ended).toBeVisible();
    await expect(ended.getByRole('link', { name: 'Se reconnecter' })).toHaveAttribute('href', '/connexion?callbackUrl=%2Fcompte');
  });
});

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('sign-in and forgotten-password pages, blank and with their error summary', async ({ page }) => {
    await page.goto('/connexion');
    await expectAccessible(page);
    await page.getByLabel('Adresse de courriel').fill(uniqueEmail('axe'));
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(page).toHaveTitle(/^Erreur : Se connecter/);
    await expectAccessible(page);

    await page.goto('/mot-de-passe-oublie');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expectAccessible(page);
  });

  test('reset and confirmation pages, valid and no longer valid', async ({ page }) => {
    const citizen = await createCitizen();
    await page.goto(await requestResetLink(page, citizen.email));
    await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'strict-origin');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expectAccessible(page);
    await page.goto('/reinitialiser/lien-invente');
    await expectAccessible(page);

    const confirmPath = await signUp(page, uniqueEmail('axe'));
    await expectAccessible(page);
    await page.goto(confirmPath);
    await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'strict-origin');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre adresse est confirmée');
    await expectAccessible(page);
    await page.goto('/confirmer/lien-invente');
    await expectAccessible(page);
  });
});
