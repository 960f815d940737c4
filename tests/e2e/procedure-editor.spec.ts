import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { enrolSecondFactorInDatabase, signIn } from './support/session';

// Issue 11: an administrator builds a procedure without touching JSON (steps, a file field, a
// condition, a cross-field rule, statuses), publishes it, and a citizen files it; the condition
// and the rule hold in the browser and on the server. Two tabs cannot overwrite each other.

async function createAdmin() {
  const user = await createCitizen();
  await e2eSql()`update users set role = 'admin' where id = ${user.id}`;
  await enrolSecondFactorInDatabase(user);
  return user;
}

async function signedInPage(browser: Browser, email: string, password: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await signIn(page, email, password);
  return page;
}

async function createProcedureAsAdmin(page: Page, slug: string, title: string) {
  await page.goto('/admin/demarches');
  await page.getByLabel('Adresse de la démarche').fill(slug);
  await page.getByLabel('Titre', { exact: true }).fill(title);
  await page.getByLabel('Résumé').fill('Une aide pour un séjour linguistique.');
  await page.getByLabel('Catégorie').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Créer la démarche' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

const flash = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

async function addField(page: Page, stepTitle: string, type: string, label: string, required = true) {
  const newField = page.getByRole('region', { name: new RegExp(`Étape \\d : ${stepTitle}`) }).getByRole('group', { name: /Ajouter un champ à cette étape/ });
  await newField.getByLabel('Type').selectOption({ label: type });
  await newField.getByLabel(/^Libellé/).fill(label);
  if (required) await newField.getByLabel('Réponse obligatoire').check();
  await page.getByRole('button', { name: `Enregistrer l’étape « ${stepTitle} »` }).click();
  // The page comes back from the database with the new field (and every form starts again from it).
  await expect(page.getByRole('link', { name: `Réglages, condition et règle du champ « ${label} »` })).toBeVisible();
  await expect(flash(page, 'Textes de l’étape enregistrés')).toBeVisible();
}

test('an administrator builds a three-step procedure without JSON, publishes it, and a citizen files it under its condition and rule', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const admin = await createAdmin();
  const slug = `e2e-editeur-${randomUUID().slice(0, 8)}`;
  const title = `Séjour linguistique ${slug.slice(-8)}`;
  await signIn(page, admin.email, admin.password);
  await createProcedureAsAdmin(page, slug, title);
  await expectNoAxeViolations(page);

  // Steps: a second one with its first field, then a third with a file field.
  await page.getByLabel('Titre de la nouvelle étape').fill('Le séjour');
  await page.getByLabel('Type du premier champ').selectOption({ label: 'Date' });
  await page.getByLabel('Libellé du premier champ').fill('Date de début');
  await page.getByRole('button', { name: 'Enregistrer les étapes' }).click();
  await expect(page.getByRole('heading', { name: 'Étape 2 : Le séjour' })).toBeVisible();
  await expect(flash(page, 'Étapes enregistrées')).toBeVisible();
  await page.getByLabel('Titre de la nouvelle étape').fill('Pièces');
  await page.getByLabel('Type du premier champ').selectOption({ label: 'Pièce justificative (fichier)' });
  await page.getByLabel('Libellé du premier champ').fill('Justificatif de domicile');
  await page.getByRole('button', { name: 'Enregistrer les étapes' }).click();
  await expect(page.getByRole('heading', { name: 'Étape 3 : Pièces' })).toBeVisible();

  await addField(page, 'Le séjour', 'Date', 'Date de fin');
  await addField(page, 'Le séjour', 'Oui / non', 'Êtes-vous accompagné ?');
  await addField(page, 'Le séjour', 'Texte court', 'Nom de l’accompagnant');

  // The field pages: the rule, the condition, the file settings.
  await page.getByRole('link', { name: 'Réglages, condition et règle du champ « Date de fin »' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Champ « Date de fin »');
  await expectNoAxeViolations(page);
  await page.getByLabel('Règle : la réponse doit être').selectOption({ label: 'après' });
  await page.getByLabel('par rapport au champ').selectOption({ label: '« Date de début » (Date)' });
  await page.getByRole('button', { name: 'Enregistrer le champ' }).click();
  await expect(flash(page, 'Champ enregistré')).toBeVisible();

  await page.getByRole('link', { name: 'Réglages, condition et règle du champ « Nom de l’accompagnant »' }).click();
  await page.getByLabel('Afficher ce champ seulement si').selectOption({ label: '« Êtes-vous accompagné ? » : Oui' });
  await page.getByRole('button', { name: 'Enregistrer le champ' }).click();
  await expect(flash(page, 'Champ enregistré')).toBeVisible();

  await page.getByRole('link', { name: 'Réglages, condition et règle du champ « Justificatif de domicile »' }).click();
  await page.getByRole('checkbox', { name: 'Photo JPEG' }).uncheck();
  await page.getByRole('checkbox', { name: 'Image PNG' }).uncheck();
  await page.getByLabel('Réponse obligatoire').check();
  await page.getByRole('button', { name: 'Enregistrer le champ' }).click();
  await expect(flash(page, 'Champ enregistré')).toBeVisible();

  // Three statuses: the starter has four.
  await page.getByRole('group', { name: /^Statut 4 :/ }).getByLabel('Retirer ce statut').check();
  await page.getByRole('button', { name: 'Enregistrer les statuts' }).click();
  await expect(flash(page, 'Statuts enregistrés')).toBeVisible();
  // The JSON box shows the saved definition, rule and condition included.
  await expect(page.getByLabel('Définition de la version (JSON)')).toHaveValue(/"rules"[\s\S]*"dateDeFin"/);
  await expect(page.getByLabel('Définition de la version (JSON)')).not.toHaveValue(/refusee/);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Publier cette version' }).click();
  await expect(flash(page, 'La version 1 est publiée')).toBeVisible();

  // The citizen files it.
  const citizen = await createCitizen();
  const citizenPage = await signedInPage(browser, citizen.email, citizen.password);
  await citizenPage.goto(`/demarches/${slug}`);
  await citizenPage.getByRole('button', { name: 'Commencer', exact: true }).click();
  await citizenPage.getByLabel('Objet de votre demande').fill('Un séjour à Dublin');
  await citizenPage.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(citizenPage).toHaveURL(/\/le-sejour$/);
  // The condition: the companion's name shows only after "Oui".
  await expect(citizenPage.getByLabel('Nom de l’accompagnant')).toBeHidden();
  await citizenPage.getByLabel('Date de début').fill('2027-07-20');
  await citizenPage.getByLabel('Date de fin').fill('2027-07-10');
  // Until the form is hydrated a click may be undone by React: check again until it holds.
  await expect(async () => {
    await citizenPage.getByRole('radio', { name: 'Oui' }).click();
    await expect(citizenPage.getByLabel('Nom de l’accompagnant')).toBeVisible({ timeout: 1000 });
  }).toPass();
  await citizenPage.getByLabel('Nom de l’accompagnant').fill('Alex Martin');
  await citizenPage.getByRole('button', { name: 'Valider l’étape' }).click();
  // The rule, in the browser.
  await expect(citizenPage.getByRole('alert').getByRole('link', { name: '« Date de fin » doit être après « Date de début » (le 20 juillet 2027).' })).toBeVisible();
  await expect(citizenPage).toHaveURL(/\/le-sejour$/);

  // The rule, on the server: the same step posted without JavaScript.
  const [draft] = await e2eSql()<{ id: string }[]>`select id from dossiers where owner_id = ${citizen.id}`;
  const plain = await signedInPage(browser, citizen.email, citizen.password, { javaScriptEnabled: false });
  await plain.goto(`/brouillons/${draft.id}/le-sejour`);
  await plain.getByLabel('Date de début').fill('2027-07-20');
  await plain.getByLabel('Date de fin').fill('2027-07-01');
  await plain.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(plain.getByRole('alert').getByRole('link', { name: '« Date de fin » doit être après « Date de début » (le 20 juillet 2027).' })).toBeVisible();
  await plain.context().close();

  await citizenPage.reload();
  await citizenPage.getByLabel('Date de début').fill('2027-07-20');
  await citizenPage.getByLabel('Date de fin').fill('2027-07-30');
  await citizenPage.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(citizenPage).toHaveURL(/\/pieces$/);
  await citizenPage
    .getByRole('group', { name: 'Justificatif de domicile' })
    .getByLabel('Depuis votre ordinateur')
    .setInputFiles({ name: 'Quittance.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nquittance\n%%EOF\n') });
  await citizenPage.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(citizenPage).toHaveURL(/\/recapitulatif$/);
  await citizenPage.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
  await citizenPage.getByRole('button', { name: 'Déposer ma demande' }).click();
  await expect(citizenPage.getByRole('heading', { level: 1 })).toHaveText('Demande déposée');
  const [filed] = await e2eSql()<{ status: string; data: Record<string, unknown> }[]>`select status, data from dossiers where owner_id = ${citizen.id}`;
  expect(filed.status).toBe('recue');
  expect(filed.data).toMatchObject({ dateDeDebut: '2027-07-20', dateDeFin: '2027-07-30', etesVousAccompagne: true, nomDeLAccompagnant: 'Alex Martin' });
  await citizenPage.context().close();
});

test('two tabs: the second save is refused and says what changed meanwhile; nothing is overwritten', async ({ page }) => {
  const admin = await createAdmin();
  const slug = `e2e-onglets-${randomUUID().slice(0, 8)}`;
  await signIn(page, admin.email, admin.password);
  await createProcedureAsAdmin(page, slug, `Deux onglets ${slug.slice(-8)}`);
  const url = page.url().split('?')[0];
  const second = await page.context().newPage();
  await second.goto(url);

  await page.getByLabel('Durée estimée').fill('10 minutes');
  await page.getByRole('button', { name: 'Enregistrer la présentation' }).click();
  await expect(flash(page, 'Présentation et bénéficiaires enregistrés')).toBeVisible();

  // The second tab still shows the old definition in its JSON box: saving it is refused.
  await second.getByRole('button', { name: 'Enregistrer la définition' }).click();
  const alert = second.getByRole('alert', { name: 'Il y a un problème' });
  await expect(alert).toContainText('Rien n’a été enregistré');
  await expect(alert).toContainText('Modifié entre-temps : Présentation modifiée : la durée estimée.');
  const [row] = await e2eSql()<{ definition: { estimatedDuration?: string } }[]>`
    select v.definition from procedure_versions v join procedures p on p.id = v.procedure_id where p.slug = ${slug}`;
  expect(row.definition.estimatedDuration).toBe('10 minutes');
});
