import { expect, test, type Browser, type Page } from '@playwright/test';
import { decodeTotpSecret, generateTotpCode, timeStep } from '@/lib/auth/second-factor/totp';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { enrolFromPage, nextTotpCode, signIn, totpSecretOf } from './support/session';

// Agents and administrators: the password, then a code from an authenticator app (enrolled at the
// first sign-in), or a recovery code. Until then, nothing of the back office opens.
// Each journey signs in several times (Argon2id) and audits pages with axe: more time than the default.
test.describe.configure({ timeout: 180_000 });

async function createBackOfficeUser(role: 'agent' | 'admin') {
  const user = await createCitizen();
  await e2eSql()`update users set role = ${role} where id = ${user.id}`;
  return user;
}

async function typePassword(page: Page, email: string, password: string, callbackUrl = '/admin') {
  await page.goto(`/connexion?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The right password leads to the second step (and sets the pending sign-in cookie on the way).
  await page.waitForURL(/\/connexion\/(code|activation)\?/);
}

async function hasSessionCookie(page: Page): Promise<boolean> {
  return (await page.context().cookies()).some((c) => c.name.endsWith('authjs.session-token'));
}

async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  return (await browser.newContext(options)).newPage();
}

/** Nothing of the back office opens: every page sends to the sign-in page. */
async function expectNoBackOffice(page: Page) {
  for (const path of ['/admin', '/admin/agents']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/connexion\?/);
  }
}

test('enrolment at the first sign-in: QR code and key, a wrong code, then a right one and ten recovery codes; nothing of /admin before', async ({ page }) => {
  const agent = await createBackOfficeUser('agent');
  await typePassword(page, agent.email, agent.password);
  await expect(page).toHaveURL(/\/connexion\/activation\?next=%2Fadmin$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Activez la double authentification');
  await expect(page.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' }).locator('svg')).toBeVisible();
  const key = (await page.locator('#cle-secrete').textContent())!;
  expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  await expectNoAxeViolations(page);

  // The password alone opened no session: the back office answers with the sign-in page.
  expect(await hasSessionCookie(page)).toBe(false);
  await expectNoBackOffice(page);
  await page.goto('/connexion/activation?next=%2Fadmin');
  // The same key is on offer until it is confirmed (ten minutes).
  await expect(page.locator('#cle-secrete')).toHaveText(key);

  // Enter, not a click: the blur check would shift the button under a slow mouse.
  await page.getByLabel('Code à 6 chiffres').fill('12345');
  await page.getByLabel('Code à 6 chiffres').press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Le code compte 6 chiffres, par exemple 123456.' })).toHaveAttribute('href', '#code');
  const secret = decodeTotpSecret(key);
  const wrong = String((Number(generateTotpCode(secret, timeStep(Date.now()))) + 1) % 1_000_000).padStart(6, '0');
  await page.getByLabel('Code à 6 chiffres').fill(wrong);
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('Code incorrect.');
  await expect(page).toHaveTitle(/^Erreur : /);
  expect(await hasSessionCookie(page)).toBe(false);

  await page.getByLabel('Code à 6 chiffres').fill(generateTotpCode(secret, timeStep(Date.now())));
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  await expect(page).toHaveURL(/\/connexion\/codes-de-secours\?next=%2Fadmin$/);
  const codes = page.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'J’ai conservé mes codes de secours, continuer' }).click();
  await expect(page).toHaveURL('/admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossiers à traiter');
  // Shown once.
  await page.goto('/connexion/codes-de-secours');
  await expect(page.getByText('Vos codes de secours ont déjà été affichés')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Codes de secours' })).toHaveCount(0);
});

test('a code at every sign-in: a replayed code is refused, a recovery code works once', async ({ page, browser }) => {
  const admin = await createBackOfficeUser('admin');
  await typePassword(page, admin.email, admin.password);
  const { recoveryCodes } = await enrolFromPage(page, admin.email);
  await expect(page).toHaveURL('/admin');

  // Another browser: password, then the code page. Until the code, the back office stays closed.
  const second = await newPage(browser);
  await typePassword(second, admin.email, admin.password, '/admin/agents');
  await expect(second).toHaveURL(/\/connexion\/code\?next=%2Fadmin%2Fagents$/);
  await expect(second.getByRole('heading', { level: 1 })).toHaveText('Saisissez votre code de vérification');
  await expectNoAxeViolations(second);
  await expectNoBackOffice(second);
  await second.goto('/connexion/code?next=%2Fadmin%2Fagents');
  const code = await nextTotpCode(admin.email);
  await second.getByLabel('Code à 6 chiffres').fill(code);
  await second.getByRole('button', { name: 'Valider le code' }).click();
  await expect(second).toHaveURL('/admin/agents');

  // The same code, seen over a shoulder, typed in a third browser within its 30 seconds.
  const third = await newPage(browser);
  await typePassword(third, admin.email, admin.password);
  await third.getByLabel('Code à 6 chiffres').fill(code);
  await third.getByRole('button', { name: 'Valider le code' }).click();
  await expect(third.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('Ce code a déjà été utilisé.');
  expect(await hasSessionCookie(third)).toBe(false);

  // No phone: a recovery code instead, once.
  await third.getByRole('link', { name: 'Utiliser un code de secours' }).click();
  await expect(third).toHaveURL(/\/connexion\/code-de-secours\?next=%2Fadmin$/);
  await expectNoAxeViolations(third);
  await third.getByLabel('Code de secours').fill(recoveryCodes[0].toUpperCase());
  await third.getByRole('button', { name: 'Valider le code de secours' }).click();
  await expect(third).toHaveURL('/admin');

  const fourth = await newPage(browser);
  await typePassword(fourth, admin.email, admin.password);
  await fourth.goto('/connexion/code-de-secours?next=%2Fadmin');
  await fourth.getByLabel('Code de secours').fill(recoveryCodes[0]);
  await fourth.getByRole('button', { name: 'Valider le code de secours' }).click();
  await expect(fourth.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('incorrect ou a déjà été utilisé');
  expect(await hasSessionCookie(fourth)).toBe(false);
  await fourth.getByLabel('Code de secours').fill(recoveryCodes[1]);
  await fourth.getByRole('button', { name: 'Valider le code de secours' }).click();
  await expect(fourth).toHaveURL('/admin');
});

test('wrong codes are slowed down like passwords, with the real wait', async ({ page }) => {
  const agent = await createBackOfficeUser('agent');
  await signIn(page, agent.email, agent.password);
  const other = await newPage(page.context().browser()!);
  await typePassword(other, agent.email, agent.password);
  const secret = decodeTotpSecret(totpSecretOf(agent.email));
  const wrong = String((Number(generateTotpCode(secret, timeStep(Date.now()))) + 500_000) % 1_000_000).padStart(6, '0');
  for (let i = 0; i < 4; i += 1) {
    await other.getByLabel('Code à 6 chiffres').fill(wrong);
    await other.getByRole('button', { name: 'Valider le code' }).click();
    await expect(other.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('Code incorrect.');
  }
  await other.getByLabel('Code à 6 chiffres').fill(wrong);
  await other.getByRole('button', { name: 'Valider le code' }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText(
    'Trop de codes incorrects. Pour protéger votre compte, attendez 65 secondes avant de réessayer.',
  );
  // Even the right code waits.
  await other.getByLabel('Code à 6 chiffres').fill(await nextTotpCode(agent.email));
  await other.getByRole('button', { name: 'Valider le code' }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText(/attendez 6\d secondes/);
  expect(await hasSessionCookie(other)).toBe(false);
});

test('works without JavaScript, and the enrolment page reflows at 320 px', async ({ browser }) => {
  const agent = await createBackOfficeUser('agent');
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.setViewportSize({ width: 320, height: 720 });
  await typePassword(page, agent.email, agent.password);
  await expect(page).toHaveURL(/\/connexion\/activation/);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(320);
  await page.getByLabel('Code à 6 chiffres').fill('000000');
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText(/Code incorrect|déjà été utilisé/);
  await enrolFromPage(page, agent.email);
  await expect(page).toHaveURL('/admin');

  const again = await newPage(browser, { javaScriptEnabled: false });
  await again.setViewportSize({ width: 320, height: 720 });
  await typePassword(again, agent.email, agent.password);
  await expect(again).toHaveURL(/\/connexion\/code\?/);
  expect(await again.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(320);
  await again.getByLabel('Code à 6 chiffres').fill(await nextTotpCode(agent.email));
  await again.getByRole('button', { name: 'Valider le code' }).click();
  await expect(again).toHaveURL('/admin');
});

test('an administrator resets an agent’s second factor: audited, the agent’s sessions end, the next sign-in enrols again; not their own', async ({ page, browser }) => {
  const admin = await createBackOfficeUser('admin');
  const agent = await createBackOfficeUser('agent');
  const agentPage = await newPage(browser);
  await signIn(agentPage, agent.email, agent.password, '/admin');
  await expect(agentPage).toHaveURL('/admin');

  await signIn(page, admin.email, admin.password, '/admin/agents');
  const self = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(admin.email) }) });
  await expect(self.getByText(/Double authentification : activée le/)).toBeVisible();
  await expect(self.getByRole('button', { name: /Réinitialiser la double authentification/ })).toHaveCount(0);
  const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(agent.email) }) });
  await row.getByRole('button', { name: `Réinitialiser la double authentification de ${agent.email}` }).click();
  await expect(page.getByText('La double authentification est réinitialisée')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(agent.email) }) }).getByText(/pas encore activée/)).toBeVisible();
  await expectNoAxeViolations(page);

  const [entry] = await e2eSql()<{ actor_id: string }[]>`
    select a.actor_id from audit_log a join users u on u.id::text = a.target_id where a.action = 'agent.second_factor_reset' and u.email = ${agent.email}`;
  expect(entry.actor_id).toBeTruthy();
  await page.goto('/admin/journal?type=agent');
  await expect(page.getByRole('cell', { name: 'Double authentification réinitialisée' }).first()).toBeVisible();

  await agentPage.goto('/admin');
  await expect(agentPage).toHaveURL(/\/connexion\?/);
  await typePassword(agentPage, agent.email, agent.password);
  await expect(agentPage).toHaveURL(/\/connexion\/activation/);
  await expect(agentPage.locator('#cle-secrete')).not.toHaveText(totpSecretOf(agent.email).match(/.{1,4}/g)!.join(' '));
});
