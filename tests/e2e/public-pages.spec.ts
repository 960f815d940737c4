import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';

// Public pages: what an anonymous visitor sees, checked for RGAA/WCAG 2.1 AA basics
// (axe rules, skip link, 320 px reflow, menu without JavaScript, working footer and search).

const publicPages = [
  { path: '/', h1: 'Effectuez vos démarches en ligne, suivez vos demandes' },
  { path: '/demarches', h1: 'Liste des démarches' },
  { path: '/demarches/acte-de-naissance', h1: "Demande d'acte de naissance" },
  { path: '/aide', h1: 'Aide' },
  { path: '/cookies', h1: 'Cookies' },
  { path: '/donnees-personnelles', h1: 'Données personnelles' },
  { path: '/accessibilite', h1: 'Déclaration d’accessibilité' },
  { path: '/mentions-legales', h1: 'Mentions légales' },
  { path: '/cette-page-n-existe-pas', h1: 'Page introuvable', status: 404 },
];

const footerLinks = [
  { name: 'Aide', path: '/aide', h1: 'Aide' },
  { name: 'Cookies', path: '/cookies', h1: 'Cookies' },
  { name: 'Données personnelles', path: '/donnees-personnelles', h1: 'Données personnelles' },
  { name: 'Accessibilité : partiellement conforme', path: '/accessibilite', h1: 'Déclaration d’accessibilité' },
  { name: 'Mentions légales', path: '/mentions-legales', h1: 'Mentions légales' },
];

async function expectNoHorizontalScroll(page: Page) {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(320);
}

for (const { path, h1, status } of publicPages) {
  test.describe(`page ${path}`, () => {
    test('answers with its title, in French, without axe violations', async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(status ?? 200);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1);
      await expect(page).toHaveTitle(/.+ — .+/);
      await expectNoAxeViolations(page);
    });

    test('the skip link moves the keyboard focus to the main content', async ({ page }) => {
      await page.goto(path);
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.locator('main#contenu')).toBeFocused();
    });

    test('at 320 px wide: no horizontal scroll, and the menu opens', async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 720 });
      await page.goto(path);
      await expectNoHorizontalScroll(page);
      const menu = page.getByRole('navigation', { name: 'Menu principal' });
      await expect(menu).toBeHidden();
      await page.locator('summary', { hasText: 'Menu' }).click();
      await expect(menu.getByRole('link', { name: 'Liste des démarches' })).toBeVisible();
      await expect(page.getByRole('banner').getByRole('link', { name: 'Se connecter' })).toBeVisible();
      await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page);
    });
  });
}

test('the help page, every answer open, has no axe violations', async ({ page }) => {
  await page.goto('/aide');
  await page.locator('main details').evaluateAll((nodes) => nodes.forEach((n) => n.setAttribute('open', '')));
  await expectNoAxeViolations(page);
});

test('the help page states the real password rule: 12 characters, never 5', async ({ page }) => {
  await page.goto('/aide');
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text).toMatch(/12\s+caractères/);
  expect(text).not.toMatch(/(^|[^0-9])5\s+caractères/);
});

test('the footer links lead to their pages', async ({ page }) => {
  for (const link of footerLinks) {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: link.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${link.path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(link.h1);
  }
});

test('the keyboard alone opens the small-screen menu and marks the current page', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto('/demarches');
  const summary = page.locator('summary', { hasText: 'Menu' });
  await summary.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await expect(menu.getByRole('link', { name: 'Liste des démarches' })).toHaveAttribute('aria-current', 'page');
  await expect(menu.getByRole('link', { name: 'Mes demandes' })).not.toHaveAttribute('aria-current', /.+/);
});

test('searching "naissance" finds the birth certificate procedure and says how many', async ({ page }) => {
  await page.goto('/demarches');
  await page.getByLabel('Rechercher une démarche').fill('naissance');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/[?&]q=naissance/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(/^\d+ démarches? trouvées? pour «\s*naissance\s*»/);
  await expect(page.getByRole('link', { name: "Demande d'acte de naissance" })).toBeVisible();
});

test('a search without result says so', async ({ page }) => {
  await page.goto('/demarches?q=zzzzqqq');
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Aucune démarche ne correspond à votre recherche.');
  await expect(page.getByRole('link', { name: 'Afficher toutes les démarches' })).toBeVisible();
});

test('a procedure page lists what to prepare, the steps and the statuses, and leads to sign-in', async ({ page }) => {
  await page.goto('/demarches/acte-de-naissance');
  await expect(page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: 'Liste des démarches' })).toBeVisible();
  for (const title of ['Ce dont vous avez besoin', 'Les étapes', 'Suivi de votre demande']) {
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  }
  await expect(page.getByText('Délai de traitement')).toBeVisible();
  await expect(page.getByText('vous devrez vous connecter ou créer un compte.')).toBeVisible();
  // Signed out, "Commencer" leads to the sign-in page, which brings the citizen back here.
  await page.getByRole('button', { name: 'Commencer', exact: true }).click();
  await expect(page).toHaveURL(`/connexion?callbackUrl=${encodeURIComponent('/demarches/acte-de-naissance')}`);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search form and the small-screen menu still work', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto('/');
    await page.getByLabel('Rechercher une démarche').fill('naissance');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/\/demarches\?q=naissance/);
    await expect(page.getByRole('link', { name: "Demande d'acte de naissance" })).toBeVisible();
    await page.locator('summary', { hasText: 'Menu' }).click();
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes brouillons' })).toBeVisible();
  });
});
