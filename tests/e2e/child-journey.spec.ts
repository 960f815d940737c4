import { expect, test } from '@playwright/test';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// The whole journey of issue 4 for a relation: a school canteen registration for a child,
// prefilled from the child and from the profile, one answer changed from "Vérifiez vos réponses",
// then filed, numbered and listed in "Mes demandes" with the procedure's first status.

function isoDateInDays(days: number): string {
  const date = new Date(Date.now() + days * 24 * 3600 * 1000);
  return date.toISOString().slice(0, 10);
}

test('a canteen registration for a child, revisited from the recap, is filed and followed', async ({ page }) => {
  test.slow();
  const citizen = await createCitizen({ firstNames: 'Camille', birthName: 'Martin' });
  await e2eSql()`update profiles set phone = '0611223344',
    address = ${e2eSql().json({ line1: '12 rue des Lilas', postalCode: '44000', city: 'Nantes' })} where user_id = ${citizen.id}`;
  await e2eSql()`insert into relations (owner_id, kind, subtype, birth_name, first_names, birth_date, birth_place)
    values (${citizen.id}, 'person', 'child', 'Martin', 'Inès', '2018-05-14', 'Nantes (44)')`;

  await signIn(page, citizen.email, citizen.password, '/demarches/inscription-cantine');
  await page.getByRole('button', { name: 'Commencer', exact: true }).click();
  await page.getByRole('radio', { name: 'Inès Martin (enfant)' }).check();
  await page.getByRole('button', { name: 'Continuer' }).click();

  // Step 1: the child, prefilled from the relation.
  await expect(page).toHaveURL(/\/enfant$/);
  await expect(page.getByLabel("Prénoms de l'enfant")).toHaveValue('Inès');
  await expect(page.getByLabel("Nom de l'enfant")).toHaveValue('Martin');
  await page.getByLabel('École').selectOption({ label: 'École élémentaire Jules-Ferry' });
  await page.getByLabel('Classe à la rentrée').selectOption({ label: 'CP' });
  await page.getByRole('button', { name: 'Valider l’étape' }).click();

  await expect(page).toHaveURL(/\/frequentation$/);
  await page.getByRole('checkbox', { name: 'Lundi' }).check();
  await page.getByRole('checkbox', { name: 'Jeudi' }).check();
  await page.getByLabel('À partir du').fill(isoDateInDays(10));
  await page.getByRole('button', { name: 'Valider l’étape' }).click();

  await expect(page).toHaveURL(/\/alimentation$/);
  await page.getByRole('radio', { name: 'Menu standard' }).check();
  await page.getByRole('button', { name: 'Valider l’étape' }).click();

  // The legal guardian comes from the profile and the login email.
  await expect(page).toHaveURL(/\/responsable$/);
  await expect(page.getByLabel('Téléphone')).toHaveValue(/06\s?11\s?22\s?33\s?44/);
  await expect(page.getByLabel('Adresse de courriel')).toHaveValue(citizen.email);
  await page.getByRole('button', { name: 'Valider l’étape' }).click();

  // The proof of address is required: the step is not validated without it.
  await expect(page).toHaveURL(/\/justificatifs$/);
  await page.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Ajoutez « Justificatif de domicile ».' })).toBeVisible();
  await page
    .getByRole('group', { name: 'Justificatif de domicile' })
    .getByLabel('Depuis votre ordinateur')
    .setInputFiles({ name: 'Quittance mars.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nquittance\n%%EOF\n') });
  await page.getByRole('button', { name: 'Valider l’étape' }).click();

  // "Vérifiez vos réponses": change the diet, come back to the recap with the new answer.
  await expect(page).toHaveURL(/\/recapitulatif$/);
  await expect(page.getByText('Menu standard')).toBeVisible();
  await expect(page.getByRole('main').getByText('Quittance mars.pdf')).toBeVisible();
  await page.getByRole('link', { name: 'Modifier : Régime alimentaire' }).click();
  await expect(page).toHaveURL(/\/alimentation\?retour=recapitulatif/);
  await page.getByRole('radio', { name: 'Menu végétarien' }).check();
  await page.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(page).toHaveURL(/\/recapitulatif$/);
  await expect(page.getByText('Menu végétarien')).toBeVisible();
  await expect(page.getByText('Menu standard')).toHaveCount(0);

  await page.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
  await page.getByRole('button', { name: 'Déposer ma demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande déposée');

  const [filed] = await e2eSql()<{ number: string; status: string; data: Record<string, unknown>; beneficiary_snapshot: Record<string, unknown> }[]>`
    select number, status, data, beneficiary_snapshot from dossiers where owner_id = ${citizen.id}`;
  expect(filed.status).toBe('recue');
  expect(filed.number).toMatch(/^\d{4}-\d{6}$/);
  expect(filed.data).toMatchObject({ prenomsEnfant: 'Inès', regime: 'vegetarien', jours: ['lundi', 'jeudi'] });
  expect(filed.beneficiary_snapshot).toMatchObject({ firstNames: 'Inès', birthName: 'Martin' });
  await expect(page.getByText(`Votre numéro : ${filed.number}`)).toBeVisible();

  await page.goto('/demandes');
  const row = page.getByRole('listitem').filter({ hasText: filed.number });
  await expect(row).toContainText('Inscription à la restauration scolaire');
  await expect(row).toContainText('Inscription reçue');
});
