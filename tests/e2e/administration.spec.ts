import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql, linkPath, uniqueEmail, waitForEmail } from './support/db';
import { enrolSecondFactorInDatabase, signIn } from './support/session';

// Administrators edit procedures, manage agents and read the journal; nobody else reaches any of it.
// Each test works on its own procedure and accounts, so the seeded procedures stay as they are.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

async function createUser(role: 'citizen' | 'agent' | 'admin') {
  const user = await createCitizen();
  await e2eSql()`update users set role = ${role} where id = ${user.id}`;
  if (role !== 'citizen') await enrolSecondFactorInDatabase(user);
  return user;
}

/** A published procedure (version 1) with one step, one text field and three statuses. */
async function createProcedure() {
  const slug = `e2e-admin-${randomUUID().slice(0, 8)}`;
  const title = `Permis de louer ${slug.slice(-8)}`;
  const definition = {
    beneficiaries: ['self'],
    steps: [{ key: 'demande', title: 'Votre demande', fields: [{ key: 'objet', type: 'text', label: 'Objet de la demande', required: true }] }],
    statuses: [
      { key: 'recue', label: 'Demande reçue', tone: 'info' },
      { key: 'en-cours', label: 'En cours', tone: 'progress' },
      { key: 'traitee', label: 'Traitée', tone: 'success', final: true },
    ],
  };
  const [procedure] = await e2eSql()<{ id: string }[]>`
    insert into procedures (slug, title, summary, category, published) values (${slug}, ${title}, 'Déclarer une mise en location.', 'urbanisme', true) returning id`;
  await e2eSql()`insert into procedure_versions (procedure_id, version, definition, published_at) values (${procedure.id}, 1, ${e2eSql().json(definition)}, now())`;
  return { id: procedure.id, slug, title };
}

async function versionsOf(procedureId: string) {
  return e2eSql()<{ version: number; published: boolean; definition: { steps: { fields: { label: string }[] }[]; statuses: { key: string; label: string }[] } }[]>`
    select version, published_at is not null as published, definition from procedure_versions where procedure_id = ${procedureId} order by version`;
}

async function roleOf(userId: string) {
  const [row] = await e2eSql()<{ role: string }[]>`select role from users where id = ${userId}`;
  return row.role;
}

async function signedInPage(browser: Browser, email: string, password: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** The fields a form would post, as the browser builds them (server action ids included). */
async function formFields(page: Page, buttonName: string): Promise<Record<string, string>> {
  const form = page.locator('form', { has: page.getByRole('button', { name: buttonName, exact: true }) });
  return form.evaluate((element) => Object.fromEntries([...new FormData(element as HTMLFormElement)].map(([k, v]) => [k, String(v)])));
}

test.describe('procedures', () => {
  test('an admin renames a status, adds one, relabels a field, adds another and publishes; a citizen starting the procedure sees them', async ({ page, browser }) => {
    const admin = await createUser('admin');
    const procedure = await createProcedure();
    await signIn(page, admin.email, admin.password, '/admin/demarches');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Démarches');
    await expect(page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Démarches' })).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: procedure.title }).click();
    await expect(page).toHaveURL(`/admin/demarches/${procedure.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(procedure.title);
    await expectNoAxeViolations(page);

    // An empty label: error summary, focused, linked to the field; nothing stored.
    const second = page.getByRole('group', { name: /^Statut 2 :/ });
    await second.getByLabel('Libellé', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Enregistrer les statuts' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'Saisissez le libellé du statut.' })).toHaveAttribute('href', '#status-1-label');
    await expect(page).toHaveTitle(/^Erreur : /);
    await expectNoAxeViolations(page);
    expect(await versionsOf(procedure.id)).toHaveLength(1);

    await second.getByLabel('Libellé', { exact: true }).fill('Instruction en cours');
    const added = page.getByRole('group', { name: /Ajouter un statut/ });
    await added.getByLabel(/^Clé/).fill('complement');
    await added.getByLabel(/^Libellé/).fill('Pièces complémentaires demandées');
    await page.getByRole('button', { name: 'Enregistrer les statuts' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Statuts enregistrés dans la version de travail 2' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Statut 4 : Pièces complémentaires demandées' })).toBeVisible();

    await page.getByRole('group', { name: 'Champ 1 : Objet de la demande' }).getByLabel('Libellé', { exact: true }).fill('Adresse du logement mis en location');
    const newField = page.getByRole('group', { name: /Ajouter un champ à cette étape/ });
    await newField.getByLabel('Type').selectOption({ label: 'Oui / non' });
    await newField.getByLabel(/^Clé/).fill('meuble');
    await newField.getByLabel(/^Libellé/).fill('Le logement est-il meublé ?');
    await newField.getByLabel('Réponse obligatoire').check();
    await page.getByRole('button', { name: 'Enregistrer l’étape « Votre demande »' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Textes de l’étape enregistrés dans la version de travail 2' })).toBeVisible();

    await page.getByRole('button', { name: 'Publier cette version' }).click();
    await expect(page).toHaveURL(`/admin/demarches/${procedure.id}?publiee=2`);
    await expect(page.getByRole('status').filter({ hasText: 'La version 2 est publiée' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Publier cette version' })).toHaveCount(0);
    // The forms' last messages spoke of the working version, now published: they are gone.
    await expect(page.getByText('dans la version de travail 2')).toHaveCount(0);

    const versions = await versionsOf(procedure.id);
    expect(versions.map((v) => [v.version, v.published])).toEqual([[1, true], [2, true]]);
    // Version 1 is exactly as it was: dossiers filed with it keep their form and statuses.
    expect(versions[0].definition.steps[0].fields[0].label).toBe('Objet de la demande');
    expect(versions[0].definition.statuses.map((s) => s.label)).toEqual(['Demande reçue', 'En cours', 'Traitée']);
    expect(versions[1].definition.statuses.map((s) => s.label)).toEqual(['Demande reçue', 'Instruction en cours', 'Traitée', 'Pièces complémentaires demandées']);

    const citizen = await createCitizen();
    const citizenPage = await signedInPage(browser, citizen.email, citizen.password);
    await citizenPage.goto(`/demarches/${procedure.slug}`);
    await citizenPage.getByRole('button', { name: 'Commencer', exact: true }).click();
    await expect(citizenPage).toHaveURL(new RegExp(`/brouillons/${UUID}/demande$`));
    await expect(citizenPage.getByLabel('Adresse du logement mis en location')).toBeVisible();
    await expect(citizenPage.getByRole('group', { name: 'Le logement est-il meublé ?' })).toBeVisible();
    await citizenPage.context().close();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the JSON editor names the step and field at fault, and creating a procedure works as a plain form', async ({ page }) => {
      const admin = await createUser('admin');
      const procedure = await createProcedure();
      await signIn(page, admin.email, admin.password, `/admin/demarches/${procedure.id}`);
      const editor = page.getByLabel('Définition de la version (JSON)');
      const json = JSON.parse(await editor.inputValue());
      json.steps[0].fields[0].type = 'couleur';
      await editor.fill(JSON.stringify(json, null, 2));
      await page.getByRole('button', { name: 'Enregistrer la définition' }).click();
      await expect(page.getByRole('alert').getByRole('link', { name: /étape « demande » › champ « objet ».*Type de champ inconnu/ })).toBeVisible();
      await expect(page.getByLabel('Définition de la version (JSON)')).toHaveValue(/"couleur"/);
      expect(await versionsOf(procedure.id)).toHaveLength(1);

      const slug = `e2e-nouvelle-${randomUUID().slice(0, 6)}`;
      await page.goto('/admin/demarches');
      await page.getByLabel('Adresse de la démarche').fill(slug);
      await page.getByLabel('Titre', { exact: true }).fill('Demande de badge déchetterie');
      await page.getByLabel('Résumé').fill('Obtenir le badge d’accès à la déchetterie.');
      await page.getByLabel('Catégorie').selectOption({ label: 'Voirie et cadre de vie' });
      await page.getByRole('button', { name: 'Créer la démarche' }).click();
      await expect(page).toHaveURL(new RegExp(`/admin/demarches/${UUID}\\?creee=1$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande de badge déchetterie');
      await expect(page.getByText('Pas encore publiée')).toBeVisible();
    });
  });
});

test.describe('agents', () => {
  test('an admin adds an agent, who chooses a password from the emailed link; then assigns a procedure and changes the role, which ends the agent’s session', async ({ page, browser }) => {
    const admin = await createUser('admin');
    const procedure = await createProcedure();
    await signIn(page, admin.email, admin.password, '/admin/agents');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agents et administrateurs');
    await expectNoAxeViolations(page);
    // No lock-out: an administrator has no button to change their own role.
    const self = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(admin.email) }) });
    await expect(self.getByText('Vous ne pouvez pas modifier ni retirer votre propre rôle')).toBeVisible();
    await expect(self.getByRole('button', { name: /Passer|Retirer l’accès/ })).toHaveCount(0);

    const email = uniqueEmail('agent');
    const since = new Date();
    await page.getByLabel('Adresse de courriel').fill(email);
    await page.getByRole('radio', { name: 'Agent' }).check();
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Le compte de ${email} est créé` })).toBeVisible();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: email }) });
    await expect(row.getByText('Invitation envoyée')).toBeVisible();

    await row.getByLabel(`Affecter une démarche à ${email}`).selectOption({ label: procedure.title });
    await row.getByRole('button', { name: 'Affecter' }).click();
    await expect(page.getByText('La démarche est affectée.')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: email }) }).getByText(procedure.title, { exact: true })).toBeVisible();
    const [agent] = await e2eSql()<{ id: string }[]>`select id from users where email = ${email}`;
    expect(await e2eSql()`select 1 from agent_assignments where agent_id = ${agent.id} and procedure_id = ${procedure.id}`).toHaveLength(1);

    // The invitation: a single-use link to choose a password, then the agent signs in.
    const mail = await waitForEmail(email, 'espace agents', since);
    const agentContext = await browser.newContext();
    const agentPage = await agentContext.newPage();
    await agentPage.goto(linkPath(mail.text, '/reinitialiser/'));
    await agentPage.getByLabel('Nouveau mot de passe').fill('une phrase de passe pour l’agent');
    await agentPage.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(agentPage).not.toHaveURL(/\/reinitialiser\//);
    await signIn(agentPage, email, 'une phrase de passe pour l’agent');
    await agentPage.goto('/compte');
    await expect(agentPage).toHaveURL('/compte');

    // Agent → administrator: the agent's open session ends.
    await page.getByRole('button', { name: `Passer ${email} en administrateur` }).click();
    await expect(page.getByText('Le rôle est modifié.')).toBeVisible();
    expect(await roleOf(agent.id)).toBe('admin');
    await agentPage.goto('/compte');
    await expect(agentPage).toHaveURL(/\/connexion/);
    await agentContext.close();
  });

  test('withdrawing access turns the account back into a citizen account', async ({ page }) => {
    const admin = await createUser('admin');
    const agent = await createUser('agent');
    await signIn(page, admin.email, admin.password, '/admin/agents');
    await page.getByRole('button', { name: `Retirer l’accès de ${agent.email}` }).click();
    await expect(page.getByText('L’accès à l’espace agents est retiré')).toBeVisible();
    await expect(page.getByRole('heading', { name: agent.email })).toHaveCount(0);
    expect(await roleOf(agent.id)).toBe('citizen');
  });
});

test.describe('journal', () => {
  test('shows who did what, newest first, and filters by kind of event and by date without JavaScript', async ({ page, browser }) => {
    const admin = await createUser('admin');
    const agent = await createUser('agent');
    await signIn(page, admin.email, admin.password, '/admin/agents');
    await page.getByRole('button', { name: `Passer ${agent.email} en administrateur` }).click();
    await expect(page.getByText('Le rôle est modifié.')).toBeVisible();
    await page.goto('/admin/journal');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Journal des opérations');
    await expectNoAxeViolations(page);

    const plain = await signedInPage(browser, admin.email, admin.password, { javaScriptEnabled: false });
    await plain.goto('/admin/journal');
    await plain.getByLabel('Type d’événement').selectOption({ label: 'Tout : Agents et droits' });
    await plain.getByRole('button', { name: 'Filtrer' }).click();
    await expect(plain).toHaveURL(/\/admin\/journal\?type=agent/);
    const first = plain.getByRole('row').nth(1);
    await expect(first).toContainText('Rôle modifié');
    await expect(first).toContainText(admin.email);
    await expect(first).toContainText(agent.email);
    await expect(first).toContainText('après : administrateur');
    await expect(plain.getByRole('cell', { name: 'Connexion', exact: true })).toHaveCount(0);

    await plain.goto('/admin/journal?du=2020-01-01&au=2020-01-02');
    await expect(plain.getByText('Aucun événement ne correspond à ces filtres.')).toBeVisible();
    await plain.goto('/admin/journal?du=2020-01-05&au=2020-01-02');
    await expect(plain.getByRole('alert').getByRole('link', { name: 'La date de fin précède la date de début.' })).toBeVisible();
    await plain.context().close();
  });
});

test.describe('access control', () => {
  test('agents and citizens get 404 on every administration page', async ({ browser }) => {
    const procedure = await createProcedure();
    for (const role of ['agent', 'citizen'] as const) {
      const user = await createUser(role);
      const page = await signedInPage(browser, user.email, user.password);
      for (const path of ['/admin/demarches', `/admin/demarches/${procedure.id}`, '/admin/agents', '/admin/journal']) {
        const response = await page.goto(path);
        expect(response?.status(), `${role} ${path}`).toBe(404);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
      }
      await page.context().close();
    }
  });

  test('forged action posts from an agent or a citizen change nothing; the same post from an admin does', async ({ browser }) => {
    const admin = await createUser('admin');
    const target = await createUser('agent');
    const procedure = await createProcedure();
    const adminPage = await signedInPage(browser, admin.email, admin.password, { javaScriptEnabled: false });
    await adminPage.goto('/admin/agents');
    const withdraw = await formFields(adminPage, `Retirer l’accès de ${target.email}`);
    await adminPage.goto(`/admin/demarches/${procedure.id}`);
    const definition = await formFields(adminPage, 'Enregistrer la définition');
    definition.definition = definition.definition.replace('Objet de la demande', 'Champ piraté');

    const origin = new URL(adminPage.url()).origin;
    for (const role of ['agent', 'citizen'] as const) {
      const user = await createUser(role);
      const page = await signedInPage(browser, user.email, user.password);
      const forgedWithdraw = await page.request.post('/admin/agents', { multipart: withdraw, headers: { origin }, maxRedirects: 0 });
      expect(forgedWithdraw.status(), role).toBe(404);
      const forgedEdit = await page.request.post(`/admin/demarches/${procedure.id}`, { multipart: definition, headers: { origin }, maxRedirects: 0 });
      expect(forgedEdit.status(), role).toBe(404);
      await page.context().close();
    }
    expect(await roleOf(target.id)).toBe('agent');
    expect(await versionsOf(procedure.id)).toHaveLength(1);

    // The very same posts from the administrator work: the forgery above was a real attempt.
    await adminPage.request.post(`/admin/demarches/${procedure.id}`, { multipart: definition, headers: { origin }, maxRedirects: 0 });
    expect((await versionsOf(procedure.id))[1]?.definition.steps[0].fields[0].label).toBe('Champ piraté');
    await adminPage.request.post('/admin/agents', { multipart: withdraw, headers: { origin }, maxRedirects: 0 });
    expect(await roleOf(target.id)).toBe('citizen');
    await adminPage.context().close();
  });
});
