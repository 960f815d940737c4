import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen } from './support/db';
import { signIn } from './support/session';

// Issue 12, smaller things: "Ajouter une relation" from the start of a procedure comes back to it;
// the sign-in note of a procedure page is for anonymous visitors only; the Porte-documents title
// defaults to the file name; the "ajouté" banner goes when a later upload is refused.

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const SIGN_IN_NOTE = 'Si vous n’êtes pas connecté, vous devrez vous connecter ou créer un compte.';
const ADDED = 'Le document a été ajouté à votre porte-documents.';
const errorSummary = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });

test('"Ajouter une relation" from the start of a procedure comes back to it', async ({ page }) => {
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password, '/demarches/inscription-cantine/commencer');
  await expect(page).toHaveURL('/demarches/inscription-cantine/commencer');
  await page.getByRole('link', { name: 'Ajouter une relation' }).click();
  await expect(page).toHaveURL(/\/relations\/nouvelle\?retour=%2Fdemarches%2Finscription-cantine%2Fcommencer$/);
  await page.getByRole('link', { name: 'Une personne' }).click();
  await expect(page).toHaveURL(/\/relations\/nouvelle\?type=personne&retour=/);
  await page.getByLabel('Enfant', { exact: true }).check();
  await page.getByLabel('Monsieur').check();
  await page.getByLabel('Nom de naissance').fill('Durand');
  await page.getByLabel('Prénoms').fill('Léo Paul');
  await page.getByLabel('Date de naissance').fill('2017-09-03');
  await page.getByRole('button', { name: 'Ajouter cette personne' }).click();
  await expect(page).toHaveURL('/demarches/inscription-cantine/commencer');
  await expect(page.getByLabel(/Léo Paul Durand|Durand/).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('another site as return path is ignored: back to the list of relations', async ({ page }) => {
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password, '/relations/nouvelle?type=organisation&retour=%2F%2Fevil.example%2F');
  await expect(page.locator('input[name="retour"]')).toHaveCount(0);
});

test('the sign-in note on a procedure page is for anonymous visitors only', async ({ page }) => {
  await page.goto('/demarches/inscription-cantine');
  await expect(page.getByText(SIGN_IN_NOTE)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Commencer' })).toHaveAttribute('aria-describedby', 'commencer-note');
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password, '/demarches/inscription-cantine');
  await expect(page.getByRole('button', { name: 'Commencer' })).toBeVisible();
  await expect(page.getByText(SIGN_IN_NOTE)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Commencer' })).not.toHaveAttribute('aria-describedby', /.*/);
});

test('Porte-documents: no title means the file name; a refused upload clears the "ajouté" banner', async ({ page }) => {
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password, '/porte-documents');
  await page.getByLabel('Fichier').setInputFiles({ name: 'Avis d’imposition 2025.pdf', mimeType: 'application/pdf', buffer: pdf('avis') });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText(ADDED)).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Avis d’imposition 2025' })).toBeVisible();

  await page.getByLabel('Titre du document').fill('Vide');
  await page.getByLabel('Fichier').setInputFiles({ name: 'vide.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(errorSummary(page).getByRole('link', { name: /« vide\.pdf » est vide/ })).toBeVisible();
  await expect(page.getByText(ADDED)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A later success shows its banner again.
  await page.getByLabel('Titre du document').fill('');
  await page.getByLabel('Fichier').setInputFiles({ name: 'RIB.pdf', mimeType: 'application/pdf', buffer: pdf('rib') });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'RIB' })).toBeVisible();
  await expect(page.getByText(ADDED)).toBeVisible();
});
