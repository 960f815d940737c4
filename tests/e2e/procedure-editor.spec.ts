import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { enrolSecondFactorInDatabase, signIn } from './support/session';

// Issue 11: an administrator builds a procedure without touching JSON (steps, a file field, a
// condition, a cross-field rule, statuses), previews it, publishes it, and a citizen files it; the
// condition and the rule hold in the browser and on the server. Two tabs cannot overwrite each
// other. Value conditions, archiving, and who may reach the preview and the archive actions.

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

async function countDossiers(slug?: string): Promise<number> {
  const [row] = slug
    ? await e2eSql()<{ count: number }[]>`select count(*)::int as count from dossiers d join procedures p on p.id = d.procedure_id where p.slug = ${slug}`
    : await e2eSql()<{ count: number }[]>`select count(*)::int as count from dossiers`;
  return row.count;
}

test('an administrator builds a three-step procedure without JSON, previews it, publishes it, and a citizen files it under its condition and rule', async ({ page, browser }) => {
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
  await addField(page, 'Votre demande', 'Texte court', 'Nom du demandeur', false);

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

  await page.getByRole('link', { name: 'Réglages, condition et règle du champ « Nom du demandeur »' }).click();
  await page.getByLabel('Pré-remplir avec').selectOption({ label: 'Nom du demandeur' });
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

  // The preview: every step as the citizen will see it, for a fictitious citizen; nothing is saved.
  const dossiersBefore = await countDossiers();
  const autosaves: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/brouillons')) autosaves.push(request.url());
  });
  await page.getByRole('link', { name: 'Aperçu de la version de travail' }).click();
  await expect(page).toHaveURL(/\/apercu\/demande$/);
  await expect(page.getByText('Aperçu — rien n’est enregistré')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre demande');
  await expect(page.getByText(`${title} — pour Camille Exemple`)).toBeVisible();
  await expect(page.getByLabel('Nom du demandeur')).toHaveValue('Exemple');
  await expect(page.getByRole('navigation', { name: 'Récapitulatif' }).getByRole('link', { name: '3. Pièces' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Objet de votre demande').fill('Un séjour à Dublin');
  await page.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(page).toHaveURL(/\/apercu\/le-sejour$/);
  await expect(page.getByLabel('Nom de l’accompagnant')).toBeHidden();
  await page.getByLabel('Date de début').fill('2027-07-20');
  await page.getByLabel('Date de fin').fill('2027-07-10');
  await expect(async () => {
    await page.getByRole('radio', { name: 'Oui' }).click();
    await expect(page.getByLabel('Nom de l’accompagnant')).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.getByLabel('Nom de l’accompagnant').fill('Alex Martin');
  await page.getByRole('button', { name: 'Valider l’étape' }).click();
  // The rule holds in the preview as it will on the citizen's draft.
  await expect(page.getByRole('alert').getByRole('link', { name: '« Date de fin » doit être après « Date de début » (le 20 juillet 2027).' })).toBeVisible();
  await page.getByLabel('Date de fin').fill('2027-07-30');
  await page.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(page).toHaveURL(/\/apercu\/pieces$/);
  await page
    .getByRole('group', { name: 'Justificatif de domicile' })
    .getByLabel('Depuis votre ordinateur')
    .setInputFiles({ name: 'Quittance.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nquittance\n%%EOF\n') });
  await page.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(page).toHaveURL(/\/apercu\/recapitulatif$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vérifiez vos réponses');
  // The answers of every step reached the end (kept in the browser, not in the database).
  await expect(page.getByText('Un séjour à Dublin')).toBeVisible();
  await expect(page.getByText('Alex Martin')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Fin de l’aperçu' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await countDossiers(slug)).toBe(0);
  expect(await countDossiers()).toBe(dossiersBefore);
  expect(autosaves).toEqual([]);
  await page.getByRole('link', { name: 'Retour à l’éditeur' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

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

test('a condition on a number typed in the field settings (no JSON) holds in the preview, with and without JavaScript', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const admin = await createAdmin();
  const slug = `e2e-valeur-${randomUUID().slice(0, 8)}`;
  await signIn(page, admin.email, admin.password);
  await createProcedureAsAdmin(page, slug, `Cantine ${slug.slice(-8)}`);
  await addField(page, 'Votre demande', 'Nombre', 'Nombre d’enfants');
  await addField(page, 'Votre demande', 'Texte court', 'Prénoms des enfants');

  await page.getByRole('link', { name: 'Réglages, condition et règle du champ « Prénoms des enfants »' }).click();
  await page.getByLabel('Afficher ce champ seulement si').selectOption({ label: '« Nombre d’enfants » : supérieur à la valeur saisie ci-dessous' });
  // Forgetting the value is refused with a message beside the field.
  await page.getByRole('button', { name: 'Enregistrer le champ' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Saisissez le nombre auquel comparer « Nombre d’enfants », par exemple 2 ou 1,5.' })).toBeVisible();
  // The choice is still there after the refusal.
  await expect(page.getByLabel('Afficher ce champ seulement si')).toHaveValue('nombreDEnfants::valeur:gt');
  await page.getByLabel('Valeur de la condition').fill('2');
  await page.getByRole('button', { name: 'Enregistrer le champ' }).click();
  await expect(flash(page, 'Champ enregistré')).toBeVisible();
  // (jsonb orders keys shortest first.)
  await expect(page.getByLabel('Définition de la version (JSON)')).toHaveValue(/"showIf": \{\s*"field": "nombreDEnfants",\s*"value": 2,\s*"compare": "gt"\s*\}/);
  await page.getByRole('link', { name: 'Réglages, condition et règle du champ « Prénoms des enfants »' }).click();
  await expect(page.getByLabel('Valeur de la condition')).toHaveValue('2');

  // In the browser: the question appears as soon as the number is above 2.
  await page.goto(`${page.url().split('/champs/')[0]}/apercu`);
  await expect(page).toHaveURL(/\/apercu\/demande$/);
  await expect(page.getByLabel('Prénoms des enfants')).toBeHidden();
  await expect(async () => {
    await page.getByLabel('Nombre d’enfants').fill('3');
    await expect(page.getByLabel('Prénoms des enfants')).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.getByLabel('Nombre d’enfants').fill('2');
  await expect(page.getByLabel('Prénoms des enfants')).toBeHidden();

  // On the server: without JavaScript, the posted number reveals the question, then it is required.
  const plain = await (await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() })).newPage();
  await plain.goto(page.url());
  await plain.getByLabel('Objet de votre demande').fill('Inscription à la cantine');
  await plain.getByLabel('Nombre d’enfants').fill('3');
  await plain.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(plain.getByText('De nouvelles questions sont apparues')).toBeVisible();
  await plain.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(plain.getByRole('alert').getByRole('link', { name: 'Saisissez « Prénoms des enfants ».' })).toBeVisible();
  await plain.getByLabel('Prénoms des enfants').fill('Léa, Tom, Zoé');
  await plain.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(plain).toHaveURL(/\/apercu\/recapitulatif$/);
  await expect(plain.getByText('Léa, Tom, Zoé')).toBeVisible();
  await plain.context().close();
  expect(await countDossiers(slug)).toBe(0);
});

async function createUser(role: 'citizen' | 'agent' | 'admin') {
  const user = await createCitizen();
  await e2eSql()`update users set role = ${role} where id = ${user.id}`;
  if (role !== 'citizen') await enrolSecondFactorInDatabase(user);
  return user;
}

/** A published procedure with one step, made in the database. */
async function publishedProcedure() {
  const slug = `e2e-archive-${randomUUID().slice(0, 8)}`;
  const title = `Carte de pêche ${slug.slice(-8)}`;
  const definition = {
    beneficiaries: ['self'],
    steps: [{ key: 'demande', title: 'Votre demande', fields: [{ key: 'objet', type: 'text', label: 'Objet de la demande', required: true }] }],
    statuses: [{ key: 'recue', label: 'Demande reçue', tone: 'info', final: true }],
  };
  const [procedure] = await e2eSql()<{ id: string }[]>`
    insert into procedures (slug, title, summary, category, published) values (${slug}, ${title}, 'Demander une carte de pêche.', 'culture-sport', true) returning id`;
  await e2eSql()`insert into procedure_versions (procedure_id, version, definition, published_at) values (${procedure.id}, 1, ${e2eSql().json(definition)}, now())`;
  return { id: procedure.id, slug, title };
}

const archivedAt = async (id: string) => (await e2eSql()<{ archived_at: Date | null }[]>`select archived_at from procedures where id = ${id}`)[0].archived_at;

/** The fields a form would post, as the browser builds them (server action ids included). */
async function formFields(page: Page, buttonName: string): Promise<Record<string, string>> {
  const form = page.locator('form', { has: page.getByRole('button', { name: buttonName, exact: true }) });
  return form.evaluate((element) => Object.fromEntries([...new FormData(element as HTMLFormElement)].map(([k, v]) => [k, String(v)])));
}

test('archiving: agents and citizens get 404 on the preview and on forged archive posts; the administrator archives and puts back; a draft begun before is still filed', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await createAdmin();
  const procedure = await publishedProcedure();
  const adminPage = await signedInPage(browser, admin.email, admin.password, { javaScriptEnabled: false });
  await adminPage.goto(`/admin/demarches/${procedure.id}`);
  const archive = { ...(await formFields(adminPage, 'Archiver')), confirmArchive: 'on' };
  await adminPage.goto(`/admin/demarches/${procedure.id}/apercu/demande`);
  const previewStep = { ...(await formFields(adminPage, 'Valider l’étape')), objet: 'Forgé' };
  const origin = new URL(adminPage.url()).origin;

  for (const role of ['agent', 'citizen'] as const) {
    const user = await createUser(role);
    const page = await signedInPage(browser, user.email, user.password);
    for (const path of [`/admin/demarches/${procedure.id}/apercu`, `/admin/demarches/${procedure.id}/apercu/demande`, `/admin/demarches/${procedure.id}/apercu/recapitulatif`]) {
      const response = await page.goto(path);
      expect(response?.status(), `${role} ${path}`).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    }
    const forgedArchive = await page.request.post(`/admin/demarches/${procedure.id}`, { multipart: archive, headers: { origin }, maxRedirects: 0 });
    expect(forgedArchive.status(), role).toBe(404);
    const forgedStep = await page.request.post(`/admin/demarches/${procedure.id}/apercu/demande`, { multipart: previewStep, headers: { origin }, maxRedirects: 0 });
    expect(forgedStep.status(), role).toBe(404);
    await page.context().close();
  }
  expect(await archivedAt(procedure.id)).toBeNull();

  // A citizen starts a draft before the procedure is archived.
  const citizen = await createCitizen();
  const citizenPage = await signedInPage(browser, citizen.email, citizen.password);
  await citizenPage.goto(`/demarches/${procedure.slug}`);
  await citizenPage.getByRole('button', { name: 'Commencer', exact: true }).click();
  await expect(citizenPage).toHaveURL(/\/brouillons\/[0-9a-f-]+\/demande$/);
  const draftStep = citizenPage.url();

  // Without the confirmation, nothing happens.
  await adminPage.goto(`/admin/demarches/${procedure.id}`);
  await adminPage.getByRole('button', { name: 'Archiver', exact: true }).click();
  await expect(adminPage.getByRole('alert').getByRole('link', { name: 'Cochez la case pour confirmer le retrait du catalogue.' })).toBeVisible();
  expect(await archivedAt(procedure.id)).toBeNull();
  await adminPage.getByLabel('Je confirme le retrait de cette démarche du catalogue').check();
  await adminPage.getByRole('button', { name: 'Archiver', exact: true }).click();
  await expect(flash(adminPage, 'La démarche est archivée')).toBeVisible();
  expect(await archivedAt(procedure.id)).not.toBeNull();
  await expect(adminPage.getByText('Archivée : hors du catalogue')).toBeVisible();

  // Out of the catalogue; its page says so and offers no "Commencer".
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/demarches');
  await expect(visitor.getByRole('link', { name: procedure.title })).toHaveCount(0);
  await visitor.goto(`/demarches/${procedure.slug}`);
  await expect(visitor.getByText('Cette démarche n’est plus proposée en ligne')).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'Commencer', exact: true })).toHaveCount(0);

  // The draft begun before carries on: a notice says so, and it is filed.
  await citizenPage.goto(draftStep);
  await expect(citizenPage.getByText('Cette démarche n’est plus proposée dans le catalogue : personne ne peut plus en commencer une. Vous pouvez encore terminer et déposer ce brouillon.')).toBeVisible();
  await citizenPage.getByLabel('Objet de la demande').fill('Carte annuelle');
  await citizenPage.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(citizenPage).toHaveURL(/\/recapitulatif$/);
  await citizenPage.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
  await citizenPage.getByRole('button', { name: 'Déposer ma demande' }).click();
  await expect(citizenPage).toHaveURL(/\/demandes\/[0-9a-f-]+\?depot=1$/);
  await expect(citizenPage.getByRole('heading', { level: 1 })).toHaveText('Demande déposée');
  await citizenPage.context().close();

  // Putting it back: refused to a forged post from an agent, done by the administrator.
  await adminPage.goto(`/admin/demarches/${procedure.id}`);
  const restore = await formFields(adminPage, 'Remettre au catalogue');
  const agent = await createUser('agent');
  const agentPage = await signedInPage(browser, agent.email, agent.password);
  expect((await agentPage.request.post(`/admin/demarches/${procedure.id}`, { multipart: restore, headers: { origin }, maxRedirects: 0 })).status()).toBe(404);
  expect(await archivedAt(procedure.id)).not.toBeNull();
  await agentPage.context().close();
  await adminPage.getByRole('button', { name: 'Remettre au catalogue' }).click();
  await expect(flash(adminPage, 'La démarche est remise au catalogue')).toBeVisible();
  await visitor.goto('/demarches');
  await expect(visitor.getByRole('link', { name: procedure.title })).toBeVisible();
  const [journal] = await e2eSql()<{ actions: string[] }[]>`select array_agg(action order by created_at) as actions from audit_log where target_id = ${procedure.id}`;
  expect(journal.actions).toEqual(['procedure.archived', 'procedure.restored']);
  await visitor.context().close();
  await adminPage.context().close();
});
