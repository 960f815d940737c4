import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// The form engine as a citizen uses it: one step per page, the error summary, conditional
// questions, the recap column and the "Vérifiez vos réponses" page; autosave through the
// device journal (closed tab, lost connection, two tabs on one draft); the whole procedure
// without JavaScript; axe on each page; and another citizen's draft ids.

const STREET_REPORT = 'signalement-voirie';
const CANTEEN = 'inscription-cantine';
const SAVED = /Enregistré à \d{1,2}\s?h\s?\d{2}/;
const OFFLINE = 'Hors connexion — vos saisies sont conservées sur cet appareil';
const CONFLICT = 'Ce brouillon a été modifié ailleurs (autre onglet ou autre appareil).';

type Data = Record<string, unknown>;

/** A draft prepared in SQL, as "Commencer" would leave it (without prefill unless given). */
async function insertDraft(ownerId: string, slug: string, data: Data = {}): Promise<string> {
  const sql = e2eSql();
  const [row] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${ownerId}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', ${sql.json(data as never)}
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${slug}
    order by v.version desc limit 1 returning id`;
  return row.id;
}

async function storedData(id: string): Promise<Data> {
  const [row] = await e2eSql()<{ data: Data }[]>`select data from dossiers where id = ${id}`;
  return row.data;
}

const journalOf = (page: Page, id: string) => page.evaluate((key) => window.localStorage.getItem(key), `portail:journal:${id}`);

async function signedInCitizen(page: Page, path: (id: string) => string, slug = STREET_REPORT, data: Data = {}) {
  const citizen = await createCitizen();
  const id = await insertDraft(citizen.id, slug, data);
  await signIn(page, citizen.email, citizen.password, path(id));
  await expect(page).toHaveURL(path(id));
  return { citizen, id };
}

/**
 * Waits until the step form is interactive. A tab that becomes interactive only after another tab
 * typed would replay that tab's journal and simply show its value: no conflict to see then.
 */
async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const form = document.getElementById('formulaire-etape');
    return !!form && Object.keys(form).some((key) => key.startsWith('__reactProps'));
  });
  // Effects (the autosave start) run right after the hydration commit.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const errorSummary = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });
const stepOf = (id: string, step: string) => `/brouillons/${id}/${step}`;

test.describe('one step per page', () => {
  test('an error is summarised and focused, then fixed; the next step follows', async ({ page }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'probleme'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le problème');
    await expect(page.getByText('Étape 1 sur 4', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Valider l’étape' }).click();

    await expect(errorSummary(page)).toBeFocused();
    const message = 'Choisissez une réponse pour « Type de problème ».';
    await errorSummary(page).getByRole('link', { name: message }).click();
    await expect(page.getByRole('radio', { name: 'Nid-de-poule ou chaussée dégradée' })).toBeFocused();
    await expect(page.getByRole('group', { name: 'Type de problème' })).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    await page.getByRole('radio', { name: 'Éclairage public en panne' }).check();
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(stepOf(id, 'lieu'));
    await expect(page.getByText('Étape 2 sur 4', { exact: true })).toBeVisible();
    expect((await storedData(id)).typeProbleme).toBe('eclairage');
    // The recap column shows the answer, and marks the current step.
    const recap = page.getByRole('navigation', { name: 'Récapitulatif' });
    await expect(recap.getByText('Éclairage public en panne')).toBeVisible();
    await expect(recap.getByRole('link', { name: '2. Le lieu et la description' })).toHaveAttribute('aria-current', 'step');
    // An unknown step of one's own draft is not found.
    expect((await page.goto(stepOf(id, 'etape-inconnue')))?.status()).toBe(404);
  });

  test('a conditional question appears as soon as its condition holds, and is then required', async ({ page }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'probleme'));
    await expect(page.getByLabel('Précisez')).toBeHidden();
    await page.getByRole('radio', { name: 'Autre problème' }).check();
    await expect(page.getByLabel('Précisez')).toBeVisible();
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(errorSummary(page).getByRole('link', { name: 'Saisissez « Précisez ».' })).toBeVisible();
    await page.getByRole('radio', { name: 'Dépôt sauvage de déchets' }).check();
    await expect(page.getByLabel('Précisez')).toBeHidden();
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(stepOf(id, 'lieu'));
  });

  test('a step revisited from the recap column is changed, and the recap shows the new answer', async ({ page }) => {
    const data = { typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description: 'Lampadaire éteint.' };
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'contact'), STREET_REPORT, data);
    const recap = page.getByRole('navigation', { name: 'Récapitulatif' });
    await expect(recap.getByText('Complète')).toHaveCount(3); // the photo step asks for nothing yet
    await recap.getByRole('link', { name: '1. Le problème' }).click();
    await expect(page).toHaveURL(stepOf(id, 'probleme'));
    await expect(page.getByRole('radio', { name: 'Éclairage public en panne' })).toBeChecked();
    await page.getByRole('radio', { name: 'Signalisation abîmée ou manquante' }).check();
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(stepOf(id, 'lieu'));
    await expect(recap.getByText('Signalisation abîmée ou manquante')).toBeVisible();
    await expect(recap.getByText('Éclairage public en panne')).toHaveCount(0);
  });

  test('another citizen’s draft is not found, on the step page and on the recap', async ({ page }) => {
    const owner = await createCitizen();
    const id = await insertDraft(owner.id, STREET_REPORT);
    const intruder = await createCitizen();
    await signIn(page, intruder.email, intruder.password);
    for (const path of [stepOf(id, 'probleme'), stepOf(id, 'recapitulatif')]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    }
  });
});

test.describe('autosave', () => {
  test('a typed answer is saved after a pause, and is there after a reload', async ({ page }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'lieu'));
    await page.getByLabel('Adresse ou lieu').fill('14 avenue de la République');
    await expect(page.getByText(SAVED)).toBeVisible();
    expect((await storedData(id)).lieu).toBe('14 avenue de la République');
    expect(await journalOf(page, id)).toBeNull();
    await page.reload();
    await expect(page.getByLabel('Adresse ou lieu')).toHaveValue('14 avenue de la République');
  });

  test('a tab closed before its save: the same browser replays the journal on the next visit', async ({ page, context }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'lieu'));
    // The server is out of reach until the tab is gone. Offline rather than an aborting route: the
    // save a closing page sends (fetch with keepalive on pagehide) can outlive the page's routes.
    await context.setOffline(true);
    await page.getByLabel('Description').fill('Nid-de-poule profond devant le numéro 14.');
    await expect.poll(() => journalOf(page, id)).toContain('Nid-de-poule profond');
    await page.close();
    expect((await storedData(id)).description).toBeUndefined();

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(stepOf(id, 'lieu'));
    await expect(again.getByLabel('Description')).toHaveValue('Nid-de-poule profond devant le numéro 14.');
    await expect(again.getByText(SAVED)).toBeVisible();
    await expect.poll(async () => (await storedData(id)).description).toBe('Nid-de-poule profond devant le numéro 14.');
    expect(await journalOf(again, id)).toBeNull();
  });

  test('offline: the status says so, and the answer is saved once back online', async ({ page, context }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'lieu'));
    await context.setOffline(true);
    await page.getByLabel('Adresse ou lieu').fill('Rue des Écoles');
    await page.getByLabel('Description').click(); // blur: save now
    await expect(page.getByText(OFFLINE)).toBeVisible();
    expect(await journalOf(page, id)).toContain('Rue des Écoles');
    expect((await storedData(id)).lieu).toBeUndefined();

    await context.setOffline(false);
    await expect(page.getByText(SAVED)).toBeVisible();
    await expect.poll(async () => (await storedData(id)).lieu).toBe('Rue des Écoles');
  });

  test('an expired session keeps the journal; after signing in again the answer is replayed and saved', async ({ page }) => {
    const { id, citizen } = await signedInCitizen(page, (id) => stepOf(id, 'lieu'));
    // The session ends on the server ("sign out everywhere" does this); the cookie stays in the browser.
    await e2eSql()`update users set session_version = session_version + 1 where id = ${citizen.id}`;
    await page.getByLabel('Adresse ou lieu').fill('Rue de la Gare');
    await expect(page.getByText('Votre session a expiré : reconnectez-vous, vos saisies sont conservées sur cet appareil.')).toBeVisible();
    expect(await journalOf(page, id)).toContain('Rue de la Gare');

    await page.getByRole('link', { name: 'reconnectez-vous' }).click();
    await expect(page).toHaveURL(`/connexion?callbackUrl=${encodeURIComponent(stepOf(id, 'lieu'))}`);
    await page.getByLabel('Adresse de courriel').fill(citizen.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(citizen.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(stepOf(id, 'lieu'));
    await expect(page.getByLabel('Adresse ou lieu')).toHaveValue('Rue de la Gare');
    await expect.poll(async () => (await storedData(id)).lieu).toBe('Rue de la Gare');
    await expect.poll(() => journalOf(page, id)).toBeNull();
  });

  test('two tabs on one draft: the stale save shows both versions, and the citizen chooses', async ({ page, context }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'lieu'));
    const other = await context.newPage();
    await other.goto(stepOf(id, 'lieu'));
    await waitForHydration(other);

    await page.getByLabel('Adresse ou lieu').fill('Rue A, saisie dans le premier onglet');
    await expect(page.getByText(SAVED)).toBeVisible();
    await other.getByLabel('Adresse ou lieu').fill('Rue B, saisie dans le second onglet');

    const panel = other.getByRole('alert').filter({ has: other.getByRole('heading', { name: CONFLICT }) });
    await expect(panel).toBeVisible();
    await expect(panel.getByText('Rue A, saisie dans le premier onglet')).toBeVisible();
    await expect(panel.getByText('Rue B, saisie dans le second onglet')).toBeVisible();
    // Nothing was overwritten while the citizen had not chosen.
    expect((await storedData(id)).lieu).toBe('Rue A, saisie dans le premier onglet');

    await panel.getByRole('button', { name: 'Garder mes saisies' }).click();
    await expect(other.getByText(SAVED)).toBeVisible();
    await expect(panel).toBeHidden();
    await expect.poll(async () => (await storedData(id)).lieu).toBe('Rue B, saisie dans le second onglet');
  });

  test('"Recharger la version enregistrée" drops what this tab kept and shows the stored answer', async ({ page, context }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'lieu'));
    const other = await context.newPage();
    await other.goto(stepOf(id, 'lieu'));
    await waitForHydration(other);
    await page.getByLabel('Adresse ou lieu').fill('Version enregistrée');
    await expect(page.getByText(SAVED)).toBeVisible();
    await other.getByLabel('Adresse ou lieu').fill('Version écartée');
    await other.getByRole('link', { name: 'Recharger la version enregistrée' }).click();
    await expect(other.getByLabel('Adresse ou lieu')).toHaveValue('Version enregistrée');
    expect(await journalOf(other, id)).toBeNull();
    expect((await storedData(id)).lieu).toBe('Version enregistrée');
  });
});

test.describe('check your answers and submit', () => {
  const complete = { typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description: 'Lampadaire éteint.', recontact: false };

  test('"Modifier" returns to the recap; the sworn statement is required; the demand is filed once', async ({ page }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'recapitulatif'), STREET_REPORT, complete);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vérifiez vos réponses');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Modifier : Adresse ou lieu' }).click();
    await expect(page).toHaveURL(`${stepOf(id, 'lieu')}?retour=recapitulatif#lieu`);
    await page.getByLabel('Adresse ou lieu').fill('Rue du Marché');
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(stepOf(id, 'recapitulatif'));
    await expect(page.getByText('Rue du Marché')).toBeVisible();

    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    await expect(errorSummary(page).getByRole('link', { name: /Cochez la case pour certifier/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
    await page.getByRole('button', { name: 'Déposer ma demande' }).dblclick();
    await expect(page).toHaveURL(new RegExp(`/demandes/${id}\\?depot=1$`));
    const rows = await e2eSql()<{ status: string; number: string | null }[]>`select status, number from dossiers where id = ${id}`;
    expect(rows[0].status).not.toBe('draft');
    expect(rows[0].number).toMatch(/^\d{4}-\d{6}$/);
    const events = await e2eSql()<{ n: number }[]>`select count(*)::int as n from dossier_events where dossier_id = ${id} and kind = 'submitted'`;
    expect(events[0].n).toBe(1);
  });

  test('an incomplete step blocks the submission and is linked from the error summary', async ({ page }) => {
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'recapitulatif'), STREET_REPORT, { ...complete, description: null });
    await expect(page.getByText('À compléter')).toBeVisible();
    await page.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    await errorSummary(page).getByRole('link', { name: 'L’étape « Le lieu et la description » est à compléter.' }).click();
    await expect(page.getByRole('link', { name: 'Compléter l’étape « Le lieu et la description »' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`${stepOf(id, 'lieu')}?retour=recapitulatif`);
  });
});

test.describe('accessibility', () => {
  test('a step page, then with errors, has no axe violations and reflows at 320 px', async ({ page }) => {
    await signedInCitizen(page, (id) => stepOf(id, 'responsable'), CANTEEN);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(page.getByLabel('Code postal')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 720 });
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(320);
  });
});

test.describe('without JavaScript', () => {
  let context: BrowserContext;
  test.beforeEach(async ({ browser }) => {
    context = await browser.newContext({ javaScriptEnabled: false });
  });
  test.afterEach(async () => context.close());

  test('a whole street report is filled and validated step by step, up to the recap', async () => {
    const page = await context.newPage();
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'probleme'));
    const validate = () => page.getByRole('button', { name: 'Valider l’étape' }).click();

    // An answer that reveals a question: the page comes back with it.
    await page.getByRole('radio', { name: 'Autre problème' }).check();
    await validate();
    await expect(page.getByText('De nouvelles questions sont apparues')).toBeVisible();
    await page.getByLabel('Précisez').fill('Banc public cassé');
    await validate();

    await expect(page).toHaveURL(stepOf(id, 'lieu'));
    await page.getByLabel('Adresse ou lieu').fill('Square Jean-Jaurès');
    await validate();
    await expect(errorSummary(page).getByRole('link', { name: 'Saisissez « Description ».' })).toBeVisible();
    expect((await storedData(id)).lieu).toBe('Square Jean-Jaurès'); // saved although the step is invalid
    await page.getByLabel('Description').fill('Le dossier du banc est arraché.');
    await validate();

    await expect(page).toHaveURL(stepOf(id, 'photo'));
    await expect(page.getByRole('group', { name: 'Photo (facultatif)' }).getByLabel('Depuis votre ordinateur')).toBeVisible();
    await validate();

    await expect(page).toHaveURL(stepOf(id, 'contact'));
    await page.getByRole('radio', { name: 'Oui' }).check();
    await validate();
    await expect(page.getByText('De nouvelles questions sont apparues')).toBeVisible();
    await validate();
    await expect(errorSummary(page).getByRole('link', { name: 'Saisissez « Téléphone ».' })).toBeVisible();
    await page.getByLabel('Téléphone').fill('06 12 34 56 78');
    await validate();

    await expect(page).toHaveURL(stepOf(id, 'recapitulatif'));
    for (const text of ['Autre problème', 'Banc public cassé', 'Square Jean-Jaurès', 'Le dossier du banc est arraché.', 'Oui', '06 12 34 56 78']) {
      await expect(page.getByRole('main').getByText(text, { exact: true })).toBeVisible();
    }
    expect(await storedData(id)).toMatchObject({ typeProbleme: 'autre', typePrecision: 'Banc public cassé', recontact: true, telephone: '06 12 34 56 78' });

    await page.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    await expect(page).toHaveURL(new RegExp(`/demandes/${id}\\?depot=1$`));
  });

  test('a step posted over a version saved elsewhere shows both values; "Garder mes saisies" saves mine', async () => {
    const page = await context.newPage();
    const { id } = await signedInCitizen(page, (id) => stepOf(id, 'lieu'), STREET_REPORT, { lieu: 'Rue initiale' });
    // Another device saves meanwhile.
    await e2eSql()`update dossiers set data = data || '{"lieu": "Rue de l’autre appareil"}'::jsonb, version = version + 1 where id = ${id}`;
    await page.getByLabel('Adresse ou lieu').fill('Rue de cet appareil');
    await page.getByLabel('Description').fill('Trottoir effondré.');
    await page.getByRole('button', { name: 'Valider l’étape' }).click();

    const panel = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: CONFLICT }) });
    await expect(panel.getByText('Rue de cet appareil')).toBeVisible();
    await expect(panel.getByText('Rue de l’autre appareil')).toBeVisible();
    expect((await storedData(id)).lieu).toBe('Rue de l’autre appareil');
    await expect(page.getByLabel('Adresse ou lieu')).toHaveValue('Rue de cet appareil');

    await panel.getByRole('button', { name: 'Garder mes saisies' }).click();
    await expect(page).toHaveURL(stepOf(id, 'photo'));
    expect(await storedData(id)).toMatchObject({ lieu: 'Rue de cet appareil', description: 'Trottoir effondré.' });
  });
});
