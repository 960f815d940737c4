import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql, linkPath, uniqueEmail, waitForEmail } from './support/db';
import { signIn } from './support/session';

// "Mon compte": profile, login email, password, preferences, sign-out everywhere, deletion and
// export, as a citizen uses them, plus the adversarial cases (replayed cookies, actions without a
// session) and the accessibility basics (axe, error summary, 320 px reflow, no JavaScript).

const NEW_PASSWORD = 'un tout autre mot de passe pour le portail';
const SESSION_EXPIRED = 'Votre session a expiré ou vous avez été déconnecté.';
const SIGN_IN_REFUSED = 'Adresse de courriel ou mot de passe incorrect.';

/** A new browser context holding a copy of the given context's cookies: a captured session. */
async function copySession(browser: Browser, context: BrowserContext): Promise<BrowserContext> {
  const copy = await browser.newContext();
  await copy.addCookies(await context.cookies());
  return copy;
}

async function expectSessionRefused(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto('/compte');
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fcompte/);
  await page.close();
}

async function expectSessionValid(page: Page) {
  await page.goto('/compte');
  await expect(page).toHaveURL(/\/compte$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes informations personnelles');
}

/** Signing in from a fresh browser fails with the generic refusal. */
async function expectSignInRefused(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/connexion');
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText(SIGN_IN_REFUSED)).toBeVisible();
  await expect(page).toHaveURL(/\/connexion/);
  await context.close();
}

async function expectSignInWorks(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await expectSessionValid(page);
  await context.close();
}

/**
 * Clears the browser's cookies and sends every later POST to `path` without any Cookie header. Clearing alone
 * is not enough: requests still in flight (prefetches, the icon) come back with a renewed session
 * cookie, and route.continue() cannot remove the Cookie header, so the POST is relayed from here.
 */
async function dropSessionFromPosts(page: Page, context: BrowserContext, path: string) {
  await context.clearCookies();
  await page.route(`**${path}`, async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.fallback();
    const { cookie: _cookie, ...headers } = await request.allHeaders();
    const response = await fetch(request.url(), { method: 'POST', headers, body: request.postDataBuffer() as BodyInit | null, redirect: 'manual' });
    const { 'content-encoding': _encoding, 'content-length': _length, ...responseHeaders } = Object.fromEntries(response.headers);
    await route.fulfill({ status: response.status, headers: responseHeaders, body: Buffer.from(await response.arrayBuffer()) });
  });
}

function errorSummary(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
}

async function profileRow(userId: string) {
  const [row] = await e2eSql()<{ birth_name: string; first_names: string; address: { postalCode?: string } | null; phone: string | null }[]>`
    select birth_name, first_names, address, phone from profiles where user_id = ${userId}`;
  return row;
}

async function fillProfile(page: Page, postalCode: string) {
  await page.getByLabel('Madame').check();
  await page.getByLabel('Nom de naissance').fill('Lefèvre');
  await page.getByLabel('Nom d’usage').fill('Moreau');
  await page.getByLabel('Prénoms').fill('Camille Anne');
  await page.getByLabel('Date de naissance').fill('1985-03-27');
  await page.getByLabel('Lieu de naissance').fill('Lyon');
  await page.getByLabel('Numéro et voie').fill('12 rue de la République');
  await page.getByLabel('Code postal').fill(postalCode);
  await page.getByLabel('Commune').fill('Lyon');
  await page.getByLabel('Numéro de téléphone').fill('06 12 34 56 78');
}

async function expectProfileShown(page: Page, postalCode: string) {
  await expect(page.getByLabel('Madame')).toBeChecked();
  await expect(page.getByLabel('Nom de naissance')).toHaveValue('Lefèvre');
  await expect(page.getByLabel('Nom d’usage')).toHaveValue('Moreau');
  await expect(page.getByLabel('Prénoms')).toHaveValue('Camille Anne');
  await expect(page.getByLabel('Date de naissance')).toHaveValue('1985-03-27');
  await expect(page.getByLabel('Lieu de naissance')).toHaveValue('Lyon');
  await expect(page.getByLabel('Numéro et voie')).toHaveValue('12 rue de la République');
  await expect(page.getByLabel('Code postal')).toHaveValue(postalCode);
  await expect(page.getByLabel('Commune')).toHaveValue('Lyon');
}

const saveProfileButton = (page: Page) => page.getByRole('button', { name: 'Enregistrer mes informations' });

test.describe('Mes informations', () => {
  test('edits persist after a reload; a bad postal code shows a focused error summary linked to the field', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte');
    await expect(page).toHaveTitle(/^Mes informations personnelles — /);
    await expect(page.getByText('reprises automatiquement dans chaque nouvelle démarche')).toBeVisible();

    await fillProfile(page, '69001');
    await saveProfileButton(page).click();
    await expect(page.getByRole('status').filter({ hasText: 'Vos informations ont été enregistrées.' })).toBeVisible();
    await page.reload();
    await expectProfileShown(page, '69001');
    expect(await profileRow(citizen.id)).toMatchObject({ birth_name: 'Lefèvre', phone: '0612345678', address: { postalCode: '69001' } });

    await page.getByLabel('Code postal').fill('6900');
    await page.getByLabel('Nom de naissance').fill('Lefèvre-Durand');
    await saveProfileButton(page).click();
    const summary = errorSummary(page);
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Erreur : Mes informations personnelles/);
    const message = 'Le code postal doit contenir 5 chiffres, par exemple 69001.';
    await expect(page.getByLabel('Code postal')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#postalCode-error')).toContainText(message);
    // What was typed stays, so the citizen only corrects the mistake.
    await expect(page.getByLabel('Code postal')).toHaveValue('6900');
    await expect(page.getByLabel('Nom de naissance')).toHaveValue('Lefèvre-Durand');
    await expectNoAxeViolations(page);
    await summary.getByRole('link', { name: message }).click();
    await expect(page.getByLabel('Code postal')).toBeFocused();
    expect(await profileRow(citizen.id)).toMatchObject({ birth_name: 'Lefèvre', address: { postalCode: '69001' } });
  });

  test('a server action posted without a session is refused and changes nothing', async ({ page, context }) => {
    const citizen = await createCitizen({ birthName: 'Martin' });
    await signIn(page, citizen.email, citizen.password, '/compte');
    await expect(page.getByLabel('Nom de naissance')).toHaveValue('Martin');
    await dropSessionFromPosts(page, context, '/compte');
    await page.getByLabel('Nom de naissance').fill('Pirate');
    await saveProfileButton(page).click();
    await expect(errorSummary(page)).toContainText(SESSION_EXPIRED);
    expect((await profileRow(citizen.id)).birth_name).toBe('Martin');
  });

  test('the sub-navigation marks the current page, and 320 px needs no horizontal scroll', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte');
    const nav = page.getByRole('navigation', { name: 'Mon compte' });
    await expect(nav.getByRole('link', { name: 'Mes informations' })).toHaveAttribute('aria-current', 'page');
    await nav.getByRole('link', { name: 'Mot de passe' }).click();
    await expect(page).toHaveURL(/\/compte\/mot-de-passe$/);
    await expect(nav.getByRole('link', { name: 'Mot de passe' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: 'Mes informations' })).not.toHaveAttribute('aria-current', /.*/);

    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto('/compte');
    const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(320);
  });

  test('anonymous visitors are sent to the sign-in page, and come back', async ({ page, request }) => {
    for (const path of ['/compte', '/compte/identifiant', '/compte/mot-de-passe', '/compte/preferences', '/compte/supprimer', '/compte/export']) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/connexion\\?callbackUrl=${encodeURIComponent(path)}$`));
    }
    const download = await request.get('/compte/export/archive', { maxRedirects: 0 });
    expect(download.status()).toBe(303);
    expect(download.headers().location).toMatch(/^\/connexion/);
  });
});

test.describe('Mes informations without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form reports errors and saves with plain HTML posts', async ({ browser, context, page }) => {
    const citizen = await createCitizen();
    // Signing in is not what this test is about: borrow a session made in a JavaScript browser.
    const withScripts = await browser.newContext();
    await signIn(await withScripts.newPage(), citizen.email, citizen.password);
    await context.addCookies(await withScripts.cookies());
    await withScripts.close();

    await page.goto('/compte');
    await fillProfile(page, '6900');
    await saveProfileButton(page).click();
    const summary = page.locator('[role="alert"]').filter({ hasText: 'Il y a un problème' });
    await expect(summary.getByRole('link', { name: /Le code postal doit contenir 5 chiffres/ })).toHaveAttribute('href', '#postalCode');
    await expectProfileShown(page, '6900');

    await page.getByLabel('Code postal').fill('69001');
    await saveProfileButton(page).click();
    await expect(page.getByText('Vos informations ont été enregistrées.')).toBeVisible();
    expect(await profileRow(citizen.id)).toMatchObject({ birth_name: 'Lefèvre', first_names: 'Camille Anne', address: { postalCode: '69001' } });
  });

  test('a form posted after the session is gone changes nothing and leads to the sign-in page', async ({ browser, context, page }) => {
    const citizen = await createCitizen({ birthName: 'Martin' });
    const withScripts = await browser.newContext();
    await signIn(await withScripts.newPage(), citizen.email, citizen.password);
    await context.addCookies(await withScripts.cookies());
    await withScripts.close();

    await page.goto('/compte');
    await dropSessionFromPosts(page, context, '/compte');
    await page.getByLabel('Nom de naissance').fill('Pirate');
    await saveProfileButton(page).click();
    await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fcompte&expiree=1$/);
    await expect(page.getByText('Votre session a expiré')).toBeVisible();
    expect((await profileRow(citizen.id)).birth_name).toBe('Martin');
  });
});

test.describe('Se déconnecter de tous les appareils', () => {
  test('ends the session of another browser while this one stays signed in', async ({ browser, page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte');
    const otherDevice = await browser.newContext();
    await signIn(await otherDevice.newPage(), citizen.email, citizen.password);

    await page.getByRole('button', { name: 'Se déconnecter de tous les appareils' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Cet appareil reste connecté' })).toBeVisible();
    await expectSessionRefused(otherDevice);
    await expectSessionValid(page);
    await otherDevice.close();
  });
});

test.describe('Mot de passe', () => {
  test('checks the current password, keeps this session, ends the others, and the new password works', async ({ browser, context, page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte/mot-de-passe');
    const captured = await copySession(browser, context);
    await expect(page.getByText('Au moins 12 caractères. Pas de règle de composition')).toBeVisible();

    await page.getByLabel('Mot de passe actuel').fill('ce n’est pas le bon mot de passe');
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(errorSummary(page).getByRole('link', { name: 'Le mot de passe actuel est incorrect.' })).toBeVisible();
    // Passwords are never sent back into the page.
    await expect(page.getByLabel('Mot de passe actuel')).toHaveValue('');
    await expectNoAxeViolations(page);

    const since = new Date(Date.now() - 1000);
    await page.getByLabel('Mot de passe actuel').fill(citizen.password);
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await expect(page).toHaveURL(/\/compte\/mot-de-passe\?modifie=1$/);
    await expect(page.getByRole('status').filter({ hasText: 'Votre mot de passe a été modifié.' })).toBeVisible();
    await waitForEmail(citizen.email, 'Votre mot de passe a été modifié', since);

    await expectSessionRefused(captured);
    await expectSessionValid(page);
    await expectSignInWorks(browser, citizen.email, NEW_PASSWORD);
    await expectSignInRefused(browser, citizen.email, citizen.password);
    await captured.close();
  });

  test('refuses a common password, with the reason beside the field', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte/mot-de-passe');
    await page.getByLabel('Mot de passe actuel').fill(citizen.password);
    await page.getByLabel('Nouveau mot de passe').fill('motdepasse123');
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await expect(page.locator('#newPassword-error')).toContainText('Ce mot de passe fait partie des plus courants');
    await expect(page.getByLabel('Nouveau mot de passe')).toHaveAttribute('aria-invalid', 'true');
    const [row] = await e2eSql()<{ session_version: number }[]>`select session_version from users where id = ${citizen.id}`;
    expect(row.session_version).toBe(1);
  });
});

test.describe('Identifiant', () => {
  async function requestChange(page: Page, newEmail: string, password: string) {
    await page.goto('/compte/identifiant');
    await page.getByLabel('Nouvelle adresse de courriel').fill(newEmail);
    await page.getByLabel('Mot de passe actuel').fill(password);
    await page.getByRole('button', { name: 'Changer mon identifiant' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Un lien de confirmation a été envoyé' });
    await expect(status).toBeVisible();
    return (await status.innerText()).replace(newEmail, '<adresse>');
  }

  test('changes only once the link sent to the new address is opened; then only the new address signs in', async ({ browser, page }) => {
    const citizen = await createCitizen();
    const newEmail = uniqueEmail('nouvelle');
    await signIn(page, citizen.email, citizen.password, '/compte/identifiant');
    await expect(page.getByText(`Identifiant actuel : ${citizen.email}`)).toBeVisible();

    const since = new Date(Date.now() - 1000);
    const answer = await requestChange(page, newEmail, citizen.password);
    expect(answer).toContain('Votre identifiant ne changera qu’une fois ce lien ouvert. Un message sera aussi envoyé à votre adresse actuelle.');
    // Nothing has changed yet.
    await expectSignInWorks(browser, citizen.email, citizen.password);

    const email = await waitForEmail(newEmail, 'Confirmez votre nouvelle adresse', since);
    await page.goto(linkPath(email.text, '/confirmer/'));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await waitForEmail(citizen.email, 'Votre identifiant de connexion a changé', since);

    await expectSignInWorks(browser, newEmail, citizen.password);
    await expectSignInRefused(browser, citizen.email, citizen.password);
  });

  test('an address already used by another account gets the same answer, and nothing changes', async ({ page }) => {
    const citizen = await createCitizen();
    const someoneElse = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte/identifiant');
    const since = new Date(Date.now() - 1000);
    const forFreeAddress = await requestChange(page, uniqueEmail('libre'), citizen.password);
    const forUsedAddress = await requestChange(page, someoneElse.email, citizen.password);
    expect(forUsedAddress).toBe(forFreeAddress);
    // The owner of that address is told, and no confirmation link goes out.
    const notice = await waitForEmail(someoneElse.email, 'Changement d’adresse de courriel impossible', since);
    expect(notice.text).not.toContain('/confirmer/');
    const [row] = await e2eSql()<{ email: string }[]>`select email from users where id = ${citizen.id}`;
    expect(row.email).toBe(citizen.email);
  });

  test('a wrong password is refused beside the field, the new address is kept', async ({ page }) => {
    const citizen = await createCitizen();
    const newEmail = uniqueEmail('nouvelle');
    await signIn(page, citizen.email, citizen.password, '/compte/identifiant');
    await page.getByLabel('Nouvelle adresse de courriel').fill(newEmail);
    await page.getByLabel('Mot de passe actuel').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Changer mon identifiant' }).click();
    await expect(errorSummary(page).getByRole('link', { name: 'Le mot de passe actuel est incorrect.' })).toBeVisible();
    await expect(page.getByLabel('Nouvelle adresse de courriel')).toHaveValue(newEmail);
    await expectNoAxeViolations(page);
  });
});

test.describe('Mes préférences', () => {
  test('toggled email notifications persist; the security-email note is always there', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte/preferences');
    await expect(page.getByText('Les courriels de sécurité (confirmation d’adresse, réinitialisation du mot de passe, changement d’identifiant) sont toujours envoyés.')).toBeVisible();
    const message = page.getByLabel('un agent m’envoie un message');
    const status = page.getByLabel('le statut d’une de mes demandes change');
    await expect(message).toBeChecked();
    await message.uncheck();
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Vos préférences ont été enregistrées.' })).toBeVisible();
    await page.reload();
    await expect(message).not.toBeChecked();
    await expect(status).toBeChecked();
    const [row] = await e2eSql()<{ email_on_message: boolean; email_on_status_change: boolean }[]>`
      select email_on_message, email_on_status_change from preferences where user_id = ${citizen.id}`;
    expect(row).toEqual({ email_on_message: false, email_on_status_change: true });

    await message.check();
    await status.uncheck();
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Vos préférences ont été enregistrées.' })).toBeVisible();
    await page.reload();
    await expect(message).toBeChecked();
    await expect(status).not.toBeChecked();
  });
});

test.describe('Supprimer mon compte', () => {
  test('asks for the password and a confirmation, then deletes, signs out and refuses the old session', async ({ browser, context, page }) => {
    const citizen = await createCitizen();
    await e2eSql()`insert into relations (owner_id, kind, subtype, first_names, birth_name) values (${citizen.id}, 'person', 'child', 'Léo', 'Martin')`;
    await signIn(page, citizen.email, citizen.password, '/compte/supprimer');
    const captured = await copySession(browser, context);
    await expect(page.getByText('1 relation (proche, association ou entreprise)')).toBeVisible();
    await expect(page.getByText('aucun brouillon')).toBeVisible();
    await expect(page.getByText('La suppression est définitive')).toBeVisible();

    await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(errorSummary(page).getByRole('link')).toHaveText(['Cochez la case pour confirmer la suppression définitive.']);
    await expectNoAxeViolations(page);

    await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
    await page.getByLabel('Je comprends que mon compte').check();
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect(errorSummary(page).getByRole('link', { name: 'Le mot de passe est incorrect.' })).toBeVisible();
    await expect(page.getByLabel('Je comprends que mon compte')).toBeChecked();

    const since = new Date(Date.now() - 1000);
    await page.getByLabel('Mot de passe', { exact: true }).fill(citizen.password);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect(page).toHaveURL(/\/compte-supprime$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre compte a été supprimé');
    await expectNoAxeViolations(page);
    await waitForEmail(citizen.email, 'Votre compte a été supprimé', since);

    expect(await e2eSql()`select 1 from users where id = ${citizen.id}`).toHaveLength(0);
    await expectSessionRefused(context);
    await expectSessionRefused(captured);
    await expectSignInRefused(browser, citizen.email, citizen.password);
    await captured.close();
  });
});

// The export (ZIP, password confirmation) is covered by data-export.spec.ts.

test.describe('accessibility of every account page', () => {
  const pages = [
    { path: '/compte', h1: 'Mes informations personnelles' },
    { path: '/compte/identifiant', h1: 'Changer d’identifiant' },
    { path: '/compte/mot-de-passe', h1: 'Changer de mot de passe' },
    { path: '/compte/preferences', h1: 'Mes préférences de notification' },
    { path: '/compte/export', h1: 'Exporter mes données' },
    { path: '/compte/supprimer', h1: 'Supprimer mon compte' },
  ];

  test('has an h1, a French title and no axe violations', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte');
    for (const { path, h1 } of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1);
      await expect(page).toHaveTitle(new RegExp(`^${h1} — `));
      await expectNoAxeViolations(page);
    }
  });
});
