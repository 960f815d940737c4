import { randomInt } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql, waitForEmail } from './support/db';
import { signIn } from './support/session';

// Starting a procedure ("Commencer"), the resume offer, "Mes brouillons", "Mes demandes" and the
// receipt, as a citizen uses them; and the adversarial side of the autosave endpoint and of the
// request pages (another citizen's ids, oversized or malformed payloads, no session, other sites).
// The fill-and-submit journey through the step pages belongs to the form-engine spec.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const STREET_REPORT = 'signalement-voirie';

/** A citizen with a phone number in their profile (prefilled into the street report). */
async function createCitizenWithPhone() {
  const citizen = await createCitizen();
  await e2eSql()`update profiles set phone = '06 11 22 33 44', usage_name = 'Lefort' where user_id = ${citizen.id}`;
  return citizen;
}

async function draftsOf(ownerId: string, slug: string) {
  return e2eSql()<{ id: string; data: Record<string, unknown>; version: number; beneficiary_kind: string; beneficiary_relation_id: string | null }[]>`
    select d.id, d.data, d.version, d.beneficiary_kind, d.beneficiary_relation_id from dossiers d join procedures p on p.id = d.procedure_id
    where d.owner_id = ${ownerId} and p.slug = ${slug} and d.status = 'draft' order by d.created_at`;
}

/** A draft prepared in SQL: the tests below are about who may touch it, not how it was filled. */
async function insertDraft(ownerId: string, data: Record<string, string | number | boolean>) {
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
    select ${ownerId}, p.id, v.id, 'self', ${e2eSql().json({ label: 'Camille Martin (vous-même)' })}, ${e2eSql().json(data)}
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${STREET_REPORT}
    order by v.version desc limit 1 returning id`;
  return row.id;
}

/** A submitted street report, as submitDossier leaves it (number of a year no real filing uses). */
async function insertSubmitted(ownerId: string) {
  const number = `2099-${String(randomInt(1, 999_999)).padStart(6, '0')}`;
  const data = { typeProbleme: 'eclairage', lieu: 'Place de la Mairie', description: 'Lampadaire éteint depuis lundi.', recontact: false };
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data, status, version, number, submitted_at)
    select ${ownerId}, p.id, v.id, 'self', ${e2eSql().json({ label: 'Camille Martin (vous-même)' })}, ${e2eSql().json(data)}, 'recu', 3, ${number}, now()
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${STREET_REPORT}
    order by v.version desc limit 1 returning id`;
  return { id: row.id, number };
}

async function storedDraft(id: string) {
  const [row] = await e2eSql()<{ data: Record<string, unknown>; version: number; updated_at: Date }[]>`select data, version, updated_at from dossiers where id = ${id}`;
  return row;
}

function autosave(request: APIRequestContext, id: string, body: string, headers: Record<string, string> = {}) {
  // A Buffer goes out byte for byte (a string that is not valid JSON would be JSON-encoded).
  return request.patch(`/api/brouillons/${id}`, { data: Buffer.from(body), headers: { 'content-type': 'application/json', ...headers }, maxRedirects: 0 });
}

test.describe('Commencer', () => {
  test('signed out, "Commencer" leads to the sign-in page and back to the procedure', async ({ page }) => {
    const citizen = await createCitizen();
    await page.goto(`/demarches/${STREET_REPORT}`);
    await page.getByRole('button', { name: 'Commencer', exact: true }).click();
    await expect(page).toHaveURL(`/connexion?callbackUrl=${encodeURIComponent(`/demarches/${STREET_REPORT}`)}`);
    await page.getByLabel('Adresse de courriel').fill(citizen.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(citizen.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(`/demarches/${STREET_REPORT}`);
    expect(await draftsOf(citizen.id, STREET_REPORT)).toEqual([]);
  });

  test('a self-only procedure starts at once on step 1, prefilled; a second start offers to resume', async ({ page }) => {
    const citizen = await createCitizenWithPhone();
    await signIn(page, citizen.email, citizen.password, `/demarches/${STREET_REPORT}`);
    await page.getByRole('button', { name: 'Commencer', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/brouillons/${UUID}/probleme$`));
    const [draft] = await draftsOf(citizen.id, STREET_REPORT);
    expect(page.url()).toContain(`/brouillons/${draft.id}/probleme`);
    expect(draft).toMatchObject({ version: 1, beneficiary_kind: 'self', data: { telephone: '06 11 22 33 44' } });

    // Starting again: the existing draft is offered first.
    await page.goto(`/demarches/${STREET_REPORT}`);
    await page.getByRole('button', { name: 'Commencer', exact: true }).click();
    await expect(page).toHaveURL(`/demarches/${STREET_REPORT}/commencer?beneficiaire=moi`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vous avez déjà commencé cette démarche');
    const resume = page.getByRole('link', { name: /^Reprendre mon brouillon du \d{1,2} \S+$/ });
    await expect(resume).toHaveAttribute('href', `/brouillons/${draft.id}/probleme`);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Commencer un nouveau brouillon' }).click();
    await expect(page).toHaveURL(new RegExp(`/brouillons/${UUID}/probleme$`));
    const drafts = await draftsOf(citizen.id, STREET_REPORT);
    expect(drafts).toHaveLength(2);
    expect(page.url()).toContain(drafts[1].id);
  });

  test('a procedure for a child asks for whom, among the allowed relations only', async ({ page }) => {
    const citizen = await createCitizen();
    const [child] = await e2eSql()<{ id: string }[]>`
      insert into relations (owner_id, kind, subtype, birth_name, first_names, birth_date, birth_place)
      values (${citizen.id}, 'person', 'child', 'Martin', 'Inès', '2016-05-14', 'Nantes (44)') returning id`;
    await e2eSql()`insert into relations (owner_id, kind, subtype, birth_name, first_names) values (${citizen.id}, 'person', 'parent', 'Martin', 'Josette')`;
    await signIn(page, citizen.email, citizen.password, '/demarches/inscription-cantine');
    await page.getByRole('button', { name: 'Commencer', exact: true }).click();
    await expect(page).toHaveURL('/demarches/inscription-cantine/commencer');

    const question = page.getByRole('group', { name: 'Pour qui faites-vous cette démarche ?' });
    await expect(question.getByRole('radio')).toHaveCount(1);
    await expect(question.getByRole('radio', { name: 'Inès Martin (enfant)' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ajouter une relation' })).toHaveAttribute('href', '/relations/nouvelle?retour=%2Fdemarches%2Finscription-cantine%2Fcommencer');
    await expectNoAxeViolations(page);

    // No choice: the error summary says what to do and links to the question.
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page).toHaveURL('/demarches/inscription-cantine/commencer?erreur=choix');
    await expect(page.getByRole('alert').getByRole('link', { name: 'Choisissez pour qui vous faites cette démarche.' })).toBeVisible();
    await expect(page).toHaveTitle(/^Erreur : /);
    await expectNoAxeViolations(page);

    await page.getByRole('radio', { name: 'Inès Martin (enfant)' }).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page).toHaveURL(new RegExp(`/brouillons/${UUID}/enfant$`));
    const [draft] = await draftsOf(citizen.id, 'inscription-cantine');
    expect(draft).toMatchObject({ beneficiary_kind: 'person', beneficiary_relation_id: child.id, data: { prenomsEnfant: 'Inès', dateNaissanceEnfant: '2016-05-14' } });
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the beneficiary question works as a plain form', async ({ page }) => {
      const citizen = await createCitizen();
      await signIn(page, citizen.email, citizen.password, '/demarches/acte-de-naissance');
      await page.getByRole('button', { name: 'Commencer', exact: true }).click();
      await expect(page).toHaveURL('/demarches/acte-de-naissance/commencer');
      await page.getByRole('radio', { name: 'Vous-même' }).check();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await expect(page).toHaveURL(new RegExp(`/brouillons/${UUID}/acte$`));
      expect(await draftsOf(citizen.id, 'acte-de-naissance')).toMatchObject([{ beneficiary_kind: 'self', data: { prenoms: 'Camille', nomNaissance: 'Martin' } }]);
    });
  });
});

test.describe('Mes brouillons', () => {
  test('lists a draft with its progress, and deletes it after confirmation', async ({ page }) => {
    const citizen = await createCitizen();
    const id = await insertDraft(citizen.id, { typeProbleme: 'eclairage' });
    await signIn(page, citizen.email, citizen.password, '/brouillons');
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Signaler un problème sur la voie publique' }) });
    await expect(item).toContainText('Camille Martin (vous-même)');
    await expect(item).toContainText('2 étapes complètes sur 4'); // the first step, and the optional photo
    await expect(item.getByRole('link', { name: /^Reprendre/ })).toHaveAttribute('href', `/brouillons/${id}/lieu`);
    await expectNoAxeViolations(page);

    await item.getByRole('link', { name: /^Supprimer/ }).click();
    await expect(page).toHaveURL(`/brouillons/${id}/supprimer`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Supprimer ce brouillon ?');
    await expectNoAxeViolations(page);
    // Changing one's mind keeps it.
    await page.getByRole('link', { name: 'Non, garder ce brouillon' }).click();
    await expect(page).toHaveURL('/brouillons');
    expect(await storedDraft(id)).toBeDefined();

    await page.goto(`/brouillons/${id}/supprimer`);
    await page.getByRole('button', { name: 'Oui, supprimer ce brouillon' }).click();
    await expect(page).toHaveURL('/brouillons?supprime=1');
    await expect(page.getByText('Le brouillon a été supprimé.')).toBeVisible();
    await expect(page.getByText('Vous n’avez aucun brouillon en cours.')).toBeVisible();
    expect(await storedDraft(id)).toBeUndefined();
  });
});

test.describe('submission', () => {
  test('a street report filled step by step and submitted from the recap gets its number, page and email', async ({ page }) => {
    test.slow();
    const citizen = await createCitizenWithPhone();
    const since = new Date();
    await signIn(page, citizen.email, citizen.password, `/demarches/${STREET_REPORT}`);
    await page.getByRole('button', { name: 'Commencer', exact: true }).click();
    await expect(page).toHaveURL(/\/probleme$/);
    await page.getByRole('radio', { name: 'Éclairage public en panne' }).check();
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(/\/lieu$/);
    await page.getByLabel('Adresse ou lieu').fill('3 rue des Tanneurs');
    await page.getByLabel('Description').fill('Le lampadaire devant le numéro 3 ne s’allume plus.');
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(/\/photo$/);
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(/\/contact$/);
    await page.getByRole('group', { name: /recontacté/ }).getByRole('radio', { name: 'Non' }).check();
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(/\/recapitulatif$/);
    await page.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
    await page.getByRole('button', { name: 'Déposer ma demande' }).click();

    await expect(page).toHaveURL(new RegExp(`/demandes/${UUID}\\?depot=1$`));
    const [filed] = await e2eSql()<{ id: string; number: string; status: string }[]>`select id, number, status from dossiers where owner_id = ${citizen.id}`;
    expect(filed).toMatchObject({ status: 'recu', number: expect.stringMatching(/^\d{4}-\d{6}$/) });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande déposée');
    await expect(page.getByText(`Votre numéro : ${filed.number}`)).toBeVisible();
    const email = await waitForEmail(citizen.email, `Demande déposée n° ${filed.number}`, since);
    expect(email.text).toContain(`/demandes/${filed.id}`);
    const [{ count }] = await e2eSql()<{ count: number }[]>`
      select count(*)::int as count from mail_outbox where id = ${email.id} and attachments::text like ${`%recepisse-${filed.number}.pdf%`}`;
    expect(count).toBe(1);
  });
});

test.describe('Mes demandes', () => {
  test('a submitted request shows its number, status, answers, confirmation panel and receipt', async ({ page }) => {
    const citizen = await createCitizen();
    const { id, number } = await insertSubmitted(citizen.id);
    await signIn(page, citizen.email, citizen.password, '/demandes');
    const link = page.getByRole('link', { name: new RegExp(`^Signaler un problème sur la voie publique ?, demande n° ${number}$`) });
    await expect(link).toBeVisible();
    await expect(page.getByText('Signalement reçu')).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`/demandes/${id}?depot=1`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande déposée');
    await expect(page.getByText(`Votre numéro : ${number}`)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Et maintenant ?' })).toBeVisible();
    await expect(page.getByText('Éclairage public en panne')).toBeVisible();
    await expectNoAxeViolations(page);

    const response = await page.request.get(`/demandes/${id}/recepisse`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toBe(`attachment; filename="recepisse-${number}.pdf"`);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

test.describe('adversarial', () => {
  test('another citizen’s draft: autosave, delete page and request pages all answer 404', async ({ page }) => {
    const owner = await createCitizen();
    const intruder = await createCitizen();
    const draftId = await insertDraft(owner.id, { lieu: 'original' });
    const submitted = await insertSubmitted(owner.id);
    const before = await storedDraft(draftId);
    await signIn(page, intruder.email, intruder.password);

    const response = await autosave(page.request, draftId, JSON.stringify({ baseVersion: 1, changes: { lieu: 'piraté' } }));
    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ error: 'not-found' });
    expect(await storedDraft(draftId)).toEqual(before);

    for (const path of [`/brouillons/${draftId}/supprimer`, `/demandes/${submitted.id}`, `/demandes/${draftId}`]) {
      const visit = await page.goto(path);
      expect(visit?.status(), path).toBe(404);
    }
    const receipt = await page.request.get(`/demandes/${submitted.id}/recepisse`, { maxRedirects: 0 });
    expect(receipt.status()).toBe(404);
    expect(receipt.headers()['content-type']).not.toContain('pdf');
  });

  test('autosave refuses oversized and malformed payloads, anonymous callers and other sites', async ({ page, playwright, baseURL }) => {
    const citizen = await createCitizen();
    const id = await insertDraft(citizen.id, { lieu: 'original' });
    const before = await storedDraft(id);
    await signIn(page, citizen.email, citizen.password);

    const oversized = await autosave(page.request, id, JSON.stringify({ baseVersion: 1, changes: { description: 'x'.repeat(100 * 1024) } }));
    expect(oversized.status()).toBe(413);
    const malformed = await autosave(page.request, id, '{"baseVersion": 1, "changes": {"lieu": ');
    expect(malformed.status()).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'malformed' });
    const unknownField = await autosave(page.request, id, JSON.stringify({ baseVersion: 1, changes: { montant: 1_000_000 } }));
    expect(unknownField.status()).toBe(400);
    const foreign = await autosave(page.request, id, JSON.stringify({ baseVersion: 1, changes: { lieu: 'csrf' } }), { origin: 'https://site-malveillant.example' });
    expect(foreign.status()).toBe(403);

    const anonymous = await playwright.request.newContext({ baseURL });
    const unauthenticated = await autosave(anonymous, id, JSON.stringify({ baseVersion: 1, changes: { lieu: 'anonyme' } }));
    expect(unauthenticated.status()).toBe(401);
    await anonymous.dispose();
    expect(await storedDraft(id)).toEqual(before);

    // The same session, same origin and a well-formed body: saved, then a stale version conflicts.
    const saved = await autosave(page.request, id, JSON.stringify({ baseVersion: 1, changes: { lieu: 'Place Royale' } }), { origin: new URL(baseURL!).origin });
    expect(saved.status()).toBe(200);
    expect(saved.headers()['cache-control']).toBe('no-store');
    expect(await saved.json()).toMatchObject({ version: 2 });
    const stale = await autosave(page.request, id, JSON.stringify({ baseVersion: 1, changes: { lieu: 'Autre onglet' } }));
    expect(stale.status()).toBe(409);
    expect(await stale.json()).toEqual({ error: 'conflict', version: 2, data: { lieu: 'Place Royale' } });
  });
});
