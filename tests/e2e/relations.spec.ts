import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// "Mes relations": adding people and organisations, editing, deleting with an honest confirmation,
// another citizen's ids, the no-JavaScript path, accessibility (axe, error summary, 320 px reflow).

// Journeys with several axe scans: on the shared 2-core machine one scan can take seconds.
test.describe.configure({ timeout: 60_000 });

const SIRET_ERROR = "Le numéro SIRET n'est pas valide : vérifiez les 14 chiffres.";

function errorSummary(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
}

async function expectFlash(page: Page, message: string) {
  await expect(page.getByRole('status').filter({ hasText: message })).toBeVisible();
}

async function insertRelation(ownerId: string, values: { kind: 'person' | 'organisation'; subtype: string; firstNames?: string; birthName?: string; legalName?: string; siret?: string }) {
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into relations (owner_id, kind, subtype, first_names, birth_name, birth_date, legal_name, siret, owner_role, address)
    values (${ownerId}, ${values.kind}, ${values.subtype}, ${values.firstNames ?? null}, ${values.birthName ?? null},
            ${values.kind === 'person' ? '2017-09-03' : null}, ${values.legalName ?? null}, ${values.siret ?? null},
            ${values.kind === 'organisation' ? 'Présidente' : null},
            ${values.kind === 'organisation' ? e2eSql().json({ line1: '5 place Guichard', postalCode: '69003', city: 'Lyon' }) : null})
    returning id`;
  return row.id;
}

/** A dossier of the seeded school-canteen procedure whose beneficiary is the relation. */
async function insertDossier(ownerId: string, relationId: string, status: 'draft' | 'deposee', snapshot?: Record<string, string>) {
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_relation_id, beneficiary_snapshot, status, number, submitted_at)
    select ${ownerId}, p.id, v.id, 'person', ${relationId}, ${snapshot ? e2eSql().json(snapshot) : null}, ${status},
           ${status === 'draft' ? null : `2026-${Math.floor(Math.random() * 1e6).toString().padStart(6, '0')}`},
           ${status === 'draft' ? null : new Date()}
    from procedures p join procedure_versions v on v.procedure_id = p.id
    where p.slug = 'inscription-cantine' order by v.version desc limit 1
    returning id`;
  return row.id;
}

async function relationRow(id: string) {
  const [row] = await e2eSql()<{ birth_name: string; usage_name: string | null; siret: string | null }[]>`select birth_name, usage_name, siret from relations where id = ${id}`;
  return row;
}

test.describe('Mes relations', () => {
  test('adds a child, then edits it', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/relations');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes relations');
    await expect(page.getByText('Vous n’avez encore enregistré aucune relation.')).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Ajouter une personne' }).click();
    await expect(page).toHaveURL(/\/relations\/nouvelle\?type=personne$/);
    await expect(page).toHaveTitle(/^Ajouter une personne/);
    await expectNoAxeViolations(page);
    await page.getByLabel('Enfant', { exact: true }).check();
    await page.getByLabel('Monsieur').check();
    await page.getByLabel('Nom de naissance').fill('Durand');
    await page.getByLabel('Prénoms').fill('Léo Paul');
    await page.getByLabel('Date de naissance').fill('2017-09-03');
    await page.getByRole('button', { name: 'Ajouter cette personne' }).click();
    await expect(page).toHaveURL(/\/relations\?ajout=1$/);
    await expectFlash(page, 'La relation a été ajoutée.');
    const people = page.getByRole('region', { name: 'Personnes' });
    await expect(people.getByRole('heading', { name: 'Léo Paul Durand (enfant)' })).toBeVisible();
    await expect(people.getByText('3 septembre 2017')).toBeVisible();

    await people.getByRole('link', { name: 'Modifier Léo Paul Durand (enfant)' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modifier une relation');
    await expect(page.getByLabel('Nom de naissance')).toHaveValue('Durand');
    await expect(page.getByLabel('Enfant', { exact: true })).toBeChecked();
    await expectNoAxeViolations(page);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByLabel('Nom d’usage').fill('Martin');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(page).toHaveURL(/\/relations\?modification=1$/);
    await expectFlash(page, 'Les modifications ont été enregistrées.');
    await expect(people.getByRole('heading', { name: 'Léo Paul Martin (enfant)' })).toBeVisible();
    expect(await relationRow(id)).toMatchObject({ birth_name: 'Durand', usage_name: 'Martin' });
  });

  test('adds an association: an invalid SIRET is reported and linked, then a valid one is saved', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/relations/nouvelle?type=organisation');
    await page.getByLabel('Association').check();
    await page.getByLabel('Raison sociale').fill('Les Jardins partagés du 3e');
    await page.getByLabel('Numéro SIRET').fill('421 039 587 00018');
    await page.getByLabel('Votre rôle dans cette organisation').fill('Présidente');
    await page.getByLabel('Numéro et voie').fill('5 place Guichard');
    await page.getByLabel('Code postal').fill('69003');
    await page.getByLabel('Commune').fill('Lyon');
    await page.getByRole('button', { name: 'Ajouter cette organisation' }).click();

    const summary = errorSummary(page);
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Erreur : Ajouter une organisation/);
    const link = summary.getByRole('link', { name: SIRET_ERROR });
    await expect(link).toHaveAttribute('href', '#siret');
    await expect(page.getByLabel('Raison sociale')).toHaveValue('Les Jardins partagés du 3e');
    await expect(page.getByLabel('Association')).toBeChecked();
    await expect(page.getByLabel('Numéro SIRET')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await link.click();
    await expect(page.getByLabel('Numéro SIRET')).toBeFocused();

    await page.getByLabel('Numéro SIRET').fill('421 039 587 00017');
    await page.getByRole('button', { name: 'Ajouter cette organisation' }).click();
    await expect(page).toHaveURL(/\/relations\?ajout=1$/);
    const organisations = page.getByRole('region', { name: 'Organisations' });
    await expect(organisations.getByRole('heading', { name: 'Association Les Jardins partagés du 3e (SIRET 421 039 587 00017)' })).toBeVisible();
    const [row] = await e2eSql()<{ siret: string; owner_role: string }[]>`select siret, owner_role from relations where owner_id = ${citizen.id}`;
    expect(row).toEqual({ siret: '42103958700017', owner_role: 'Présidente' });
  });

  test('deleting a relation used by a draft lists the draft, then deletes both', async ({ page }) => {
    const citizen = await createCitizen();
    const relationId = await insertRelation(citizen.id, { kind: 'organisation', subtype: 'association', legalName: 'Les Amis du Parc', siret: '42103958700017' });
    const draftId = await insertDossier(citizen.id, relationId, 'draft');
    await signIn(page, citizen.email, citizen.password, '/relations');

    await page.getByRole('link', { name: 'Supprimer Association Les Amis du Parc (SIRET 421 039 587 00017)' }).click();
    await expect(page).toHaveURL(new RegExp(`/relations/${relationId}/supprimer$`));
    await expect(page.getByText('Cette relation est utilisée dans 1 brouillon : Inscription à la restauration scolaire.')).toBeVisible();
    await expectNoAxeViolations(page);
    // Nothing is deleted before the citizen confirms.
    expect(await relationRow(relationId)).toBeDefined();

    await page.getByRole('button', { name: 'Supprimer la relation et ce brouillon' }).click();
    await expect(page).toHaveURL(/\/relations\?suppression=1$/);
    await expectFlash(page, 'La relation a été supprimée.');
    await expect(page.getByText('Les Amis du Parc')).toHaveCount(0);
    expect(await relationRow(relationId)).toBeUndefined();
    expect(await e2eSql()`select id from dossiers where id = ${draftId}`).toHaveLength(0);
  });

  test('a draft started while the confirmation page was open is not deleted without being shown', async ({ page }) => {
    const citizen = await createCitizen();
    const relationId = await insertRelation(citizen.id, { kind: 'person', subtype: 'child', firstNames: 'Inès', birthName: 'Roux' });
    await signIn(page, citizen.email, citizen.password, `/relations/${relationId}/supprimer`);
    await expect(page.getByText('Aucune démarche n’utilise cette relation.')).toBeVisible();
    // Meanwhile, in another tab, a procedure is started for her.
    const draftId = await insertDossier(citizen.id, relationId, 'draft');

    await page.getByRole('button', { name: 'Supprimer cette relation' }).click();
    await expect(errorSummary(page)).toContainText('Rien n’a été supprimé');
    await expect(page.getByText('Cette relation est utilisée dans 1 brouillon : Inscription à la restauration scolaire.')).toBeVisible();
    expect(await relationRow(relationId)).toBeDefined();

    await page.getByRole('button', { name: 'Supprimer la relation et ce brouillon' }).click();
    await expect(page).toHaveURL(/\/relations\?suppression=1$/);
    expect(await e2eSql()`select id from dossiers where id = ${draftId}`).toHaveLength(0);
  });

  test('deleting a relation used by a submitted request says the request keeps its copy', async ({ page }) => {
    const citizen = await createCitizen();
    const relationId = await insertRelation(citizen.id, { kind: 'person', subtype: 'child', firstNames: 'Zoé', birthName: 'Petit' });
    const snapshot = { relationId, kind: 'person', label: 'Zoé Petit (enfant)', birthName: 'Petit', firstNames: 'Zoé', birthDate: '2017-09-03' };
    const dossierId = await insertDossier(citizen.id, relationId, 'deposee', snapshot);
    await signIn(page, citizen.email, citizen.password, `/relations/${relationId}/supprimer`);

    await expect(page.getByText('Vous allez supprimer Zoé Petit (enfant) de vos relations.')).toBeVisible();
    await expect(page.getByText(/Les demandes déjà déposées conservent les informations transmises/)).toBeVisible();
    await expect(page.getByText(/Cette relation figure dans 1 demande déjà déposée : Inscription à la restauration scolaire \(n° 2026-\d{6}\)/)).toBeVisible();
    await page.getByRole('button', { name: 'Supprimer cette relation' }).click();
    await expect(page).toHaveURL(/\/relations\?suppression=1$/);

    const [dossier] = await e2eSql()<{ beneficiary_relation_id: string | null; beneficiary_snapshot: unknown; status: string }[]>`
      select beneficiary_relation_id, beneficiary_snapshot, status from dossiers where id = ${dossierId}`;
    expect(dossier).toEqual({ beneficiary_relation_id: null, beneficiary_snapshot: snapshot, status: 'deposee' });
  });

  test('another citizen’s relation is "Page introuvable", and the actions do not touch it', async ({ page }) => {
    const owner = await createCitizen();
    const other = await createCitizen();
    const relationId = await insertRelation(owner.id, { kind: 'person', subtype: 'child', firstNames: 'Léo', birthName: 'Durand' });
    await signIn(page, other.email, other.password, '/relations');

    for (const path of [`/relations/${relationId}`, `/relations/${relationId}/supprimer`, '/relations/pas-un-identifiant']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    }
    await page.goto('/relations');
    await expect(page.getByText('Léo Durand')).toHaveCount(0);

    // The other citizen's own forms, with the hidden id swapped for the owner's: refused, nothing changed.
    const ownId = await insertRelation(other.id, { kind: 'person', subtype: 'spouse', firstNames: 'Sam', birthName: 'Autre' });
    await page.goto(`/relations/${ownId}`);
    await page.locator('input[name="id"]').evaluate((input: HTMLInputElement, id) => (input.value = id), relationId);
    await page.getByLabel('Nom de naissance').fill('Pirate');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(errorSummary(page)).toContainText('Cette relation est introuvable');
    await page.goto(`/relations/${ownId}/supprimer`);
    await page.locator('input[name="id"]').evaluate((input: HTMLInputElement, id) => (input.value = id), relationId);
    await page.getByRole('button', { name: 'Supprimer cette relation' }).click();
    await expect(errorSummary(page)).toContainText('Cette relation est introuvable');

    expect((await relationRow(relationId)).birth_name).toBe('Durand');
    expect((await relationRow(ownId)).birth_name).toBe('Autre');
  });

  test('the choice page leads to either form, and 320 px needs no horizontal scroll', async ({ page }) => {
    const citizen = await createCitizen();
    const companyId = await insertRelation(citizen.id, { kind: 'organisation', subtype: 'company', legalName: 'Boulangerie Durand et fils, artisans depuis 1952', siret: '73282932000074' });
    await signIn(page, citizen.email, citizen.password, '/relations/nouvelle');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ajouter une relation');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Une organisation' }).click();
    await expect(page).toHaveURL(/\/relations\/nouvelle\?type=organisation$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ajouter une organisation');

    await page.setViewportSize({ width: 320, height: 720 });
    for (const path of ['/relations', '/relations/nouvelle?type=personne', '/relations/nouvelle?type=organisation', `/relations/${companyId}`, `/relations/${companyId}/supprimer`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(scrollWidth, path).toBeLessThanOrEqual(320);
    }
  });

  test('anonymous visitors are sent to the sign-in page', async ({ page }) => {
    for (const path of ['/relations', '/relations/nouvelle']) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/connexion\\?callbackUrl=${encodeURIComponent(path)}$`));
    }
  });
});

test.describe('Mes relations without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('adds a person with plain HTML posts, errors first', async ({ browser, context, page }) => {
    const citizen = await createCitizen();
    // Signing in is not what this test is about: borrow a session made in a JavaScript browser.
    const withScripts = await browser.newContext();
    await signIn(await withScripts.newPage(), citizen.email, citizen.password);
    await context.addCookies(await withScripts.cookies());
    await withScripts.close();

    await page.goto('/relations/nouvelle');
    await page.getByRole('link', { name: 'Une personne' }).click();
    await expect(page).toHaveURL(/\/relations\/nouvelle\?type=personne$/);

    await page.getByLabel('Parent', { exact: true }).check();
    await page.getByLabel('Nom de naissance').fill('Moreau');
    await page.getByLabel('Date de naissance').fill('1958-02-14');
    await page.getByLabel('Commune').fill('Lyon');
    await page.getByRole('button', { name: 'Ajouter cette personne' }).click();
    const summary = errorSummary(page);
    await expect(summary.getByRole('link', { name: 'Saisissez les prénoms.' })).toHaveAttribute('href', '#firstNames');
    await expect(summary.getByRole('link', { name: 'Saisissez le numéro et la voie.' })).toHaveAttribute('href', '#addressLine1');
    await expect(page.getByLabel('Nom de naissance')).toHaveValue('Moreau');
    await expect(page.getByLabel('Parent', { exact: true })).toBeChecked();

    await page.getByLabel('Prénoms').fill('Anne');
    await page.getByLabel('Commune').fill('');
    await page.getByRole('button', { name: 'Ajouter cette personne' }).click();
    await expect(page).toHaveURL(/\/relations\?ajout=1$/);
    await expect(page.getByRole('heading', { name: 'Anne Moreau (parent)' })).toBeVisible();
    const rows = await e2eSql()<{ first_names: string; address: unknown }[]>`select first_names, address from relations where owner_id = ${citizen.id}`;
    expect(rows).toEqual([{ first_names: 'Anne', address: null }]);
  });
});
