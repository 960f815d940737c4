import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// Issue 12, "no lost click" and "focus and order": validation on submit (then as a field in error
// changes) moves nothing under the pointer on blur; after "Valider l'étape" focus is on the new
// step's heading; the form comes before the recap, which folds under the heading at 320 px.

const CANTEEN = 'inscription-cantine';
const GRANT = 'subvention-association';
type Data = Record<string, unknown>;

async function insertDraft(ownerId: string, slug: string, data: Data = {}): Promise<string> {
  const sql = e2eSql();
  const [row] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${ownerId}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', ${sql.json(data as never)}
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${slug}
    order by v.version desc limit 1 returning id`;
  return row.id;
}

async function openStep(page: Page, slug: string, step: string, data: Data = {}) {
  const citizen = await createCitizen();
  const id = await insertDraft(citizen.id, slug, data);
  const path = `/brouillons/${id}/${step}`;
  await signIn(page, citizen.email, citizen.password, path);
  await expect(page).toHaveURL(path);
  await waitForHydration(page);
  return { citizen, id };
}

async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const form = document.getElementById('formulaire-etape');
    return !!form && Object.keys(form).some((key) => key.startsWith('__reactProps'));
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const errorSummary = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });
const CHILD = { nomEnfant: 'Martin', prenomsEnfant: 'Léo', dateNaissanceEnfant: '2018-04-02', ecole: 'jules-ferry', classe: 'ce1' };

test.describe('No lost click', () => {
  test('canteen step: after leaving the date field, both checkbox clicks take effect', async ({ page }) => {
    await openStep(page, CANTEEN, 'frequentation', CHILD);
    // Leaving a required field empty shows nothing on blur: nothing moves under the pointer.
    await page.getByLabel('À partir du').focus();
    await page.getByLabel('Lundi').click();
    await expect(page.getByLabel('Lundi')).toBeChecked();
    await page.getByLabel('Mardi').click();
    await expect(page.getByLabel('Mardi')).toBeChecked();
    await expect(errorSummary(page)).toHaveCount(0);
    await expect(page.locator('#dateDebut-error')).toHaveCount(0);

    // After a refused submit, a field's message goes as soon as it is fixed (on change), not on blur.
    await page.getByLabel('Lundi').click();
    await page.getByLabel('Mardi').click();
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await page.getByLabel('Jeudi').click();
    await expect(page.getByLabel('Jeudi')).toBeChecked();
    await page.getByLabel('Vendredi').click();
    await expect(page.getByLabel('Vendredi')).toBeChecked();
  });

  test('grant step: a checkbox click after a too-short text is not lost', async ({ page }) => {
    await openStep(page, GRANT, 'projet');
    await page.getByLabel('Objet du projet').fill('Trop court.');
    // The length error would appear on blur, above the checkboxes, and move them: it does not.
    await page.getByLabel('Jeunes (12 à 25 ans)').click();
    await expect(page.getByLabel('Jeunes (12 à 25 ans)')).toBeChecked();
    await page.getByLabel('Adultes').click();
    await expect(page.getByLabel('Adultes')).toBeChecked();
    await expect(errorSummary(page)).toHaveCount(0);
  });

  test('/compte: the first "Enregistrer" after fixing the postcode saves', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/compte');
    await page.getByLabel('Madame').check();
    await page.getByLabel('Nom de naissance').fill('Lefèvre');
    await page.getByLabel('Prénoms').fill('Camille');
    await page.getByLabel('Date de naissance').fill('1985-03-27');
    await page.getByLabel('Lieu de naissance').fill('Lyon');
    await page.getByLabel('Numéro et voie').fill('12 rue de la République');
    await page.getByLabel('Commune').fill('Lyon');
    await page.getByLabel('Code postal').fill('6900');
    const save = page.getByRole('button', { name: 'Enregistrer mes informations' });
    await save.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toBeFocused();
    await expect(page.locator('#postalCode-error')).toBeVisible();
    // Fixed: the message goes as the field changes, before the pointer reaches the button.
    await page.getByLabel('Code postal').fill('69001');
    await expect(page.locator('#postalCode-error')).toHaveCount(0);
    await save.click();
    await expect(page.getByRole('status').filter({ hasText: 'Vos informations ont été enregistrées.' })).toBeVisible();
    const [row] = await e2eSql()<{ address: { postalCode?: string } | null }[]>`select address from profiles where user_id = ${citizen.id}`;
    expect(row.address?.postalCode).toBe('69001');
  });
});

test.describe('Focus and order on a step', () => {
  test('after "Valider l’étape" focus is on the new step heading; errors focus the summary and the title says so', async ({ page }) => {
    const { id } = await openStep(page, CANTEEN, 'enfant', CHILD);
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(`/brouillons/${id}/frequentation`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Jours de fréquentation');
    await expect(heading).toBeFocused();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    await waitForHydration(page);
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    const summary = errorSummary(page);
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Erreur : Jours de fréquentation/);
    // A visible focus ring on the summary.
    expect(await summary.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await expectNoAxeViolations(page);
  });

  test('the form comes before the recap in tab order; at 320 px the recap is a closed disclosure under the heading', async ({ page }) => {
    await openStep(page, CANTEEN, 'frequentation', CHILD);
    const recap = page.getByRole('navigation', { name: 'Récapitulatif' });
    await expect(recap).toBeVisible();
    // Tab from the last control of the form lands in the recap.
    await page.getByRole('link', { name: 'Étape précédente' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('nav[aria-labelledby="recapitulatif-titre"]'))).toBe(true);
    expect(
      await page.evaluate(() => {
        const form = document.getElementById('formulaire-etape')!;
        const nav = document.querySelector('nav[aria-labelledby="recapitulatif-titre"]')!;
        return !!(form.compareDocumentPosition(nav) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
    ).toBe(true);
    await expectNoAxeViolations(page);

    await page.setViewportSize({ width: 320, height: 720 });
    const disclosure = page.locator('details').filter({ has: page.locator('summary', { hasText: 'Étapes (2 sur 5)' }) });
    await expect(disclosure).toBeVisible();
    await expect(disclosure).not.toHaveAttribute('open', /.*/);
    await expect(recap).toBeHidden();
    const order = await page.evaluate(() => {
      const h1 = document.querySelector('h1')!;
      const details = [...document.querySelectorAll('details')].find((d) => d.querySelector('summary')?.textContent?.startsWith('Étapes'))!;
      const first = document.querySelector('#formulaire-etape fieldset, #formulaire-etape input:not([type=hidden])')!;
      return {
        afterHeading: !!(h1.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING),
        beforeQuestion: !!(details.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING),
        above: details.getBoundingClientRect().bottom <= first.getBoundingClientRect().top,
      };
    });
    expect(order).toEqual({ afterHeading: true, beforeQuestion: true, above: true });
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page);
    await disclosure.locator('summary').click();
    await expect(disclosure.getByRole('navigation', { name: 'Récapitulatif' })).toBeVisible();
    await expect(disclosure.getByRole('link', { name: /Jours de fréquentation/ })).toHaveAttribute('aria-current', 'step');
    await expectNoAxeViolations(page);
  });
});
