import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql, waitForEmail } from './support/db';
import { enrolSecondFactorInDatabase, signIn } from './support/session';

// The follow-up loop, as its users live it: a citizen files a request, the agent in charge changes
// its status, writes and publishes the administration's response; the citizen is notified, reads
// the timeline, replies and downloads the response. And who must not get in: a citizen on the back
// office, an agent of other procedures, another citizen.

const STREET_REPORT = 'signalement-voirie';
const AGENT = { email: 'agent@demo.localhost', password: 'Demo-Portail-2026!' };
const RESPONSE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Réponse de la mairie\n%%EOF\n');
const PRIVATE_MESSAGE = 'Pourriez-vous préciser le numéro du lampadaire, inscrit sur son mât ?';

/** A complete street report draft, prepared in SQL: filing it goes through the real recap page. */
async function insertCompleteDraft(ownerId: string): Promise<string> {
  const data = { typeProbleme: 'eclairage', lieu: '3 rue des Tanneurs', description: 'Le lampadaire devant le numéro 3 ne s’allume plus.', recontact: false };
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
    select ${ownerId}, p.id, v.id, 'self', ${e2eSql().json({ label: 'Camille Martin (vous-même)' })}, ${e2eSql().json(data)}
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${STREET_REPORT}
    order by v.version desc limit 1 returning id`;
  return row.id;
}

async function fileRequest(page: Page, ownerId: string): Promise<{ id: string; number: string }> {
  const draftId = await insertCompleteDraft(ownerId);
  await page.goto(`/brouillons/${draftId}/recapitulatif`);
  await page.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
  await page.getByRole('button', { name: 'Déposer ma demande' }).click();
  await expect(page).toHaveURL(new RegExp(`/demandes/${draftId}\\?depot=1$`));
  const [row] = await e2eSql()<{ number: string }[]>`select number from dossiers where id = ${draftId}`;
  return { id: draftId, number: row.number };
}

async function newSignedInPage(browser: Browser, email: string, password: string, callbackUrl?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password, callbackUrl);
  return page;
}

/** Email jobs are written in the same transaction as the agent's change: once the page confirms it, absence is final. */
async function emailJobsTo(to: string, subject: string): Promise<number> {
  const rows = await e2eSql()<{ n: number }[]>`
    select count(*)::int as n from (
      select data from pgboss.job where name = 'send-email'
      union all select data from pgboss.archive where name = 'send-email'
    ) jobs where jobs.data->>'to' = ${to} and jobs.data->>'subject' like ${'%' + subject + '%'}`;
  return rows[0].n;
}

async function streetReportId(): Promise<string> {
  const [row] = await e2eSql()<{ id: string }[]>`select id from procedures where slug = ${STREET_REPORT}`;
  return row.id;
}

async function insertResponseFile(dossierId: string): Promise<string> {
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into dossier_attachments (dossier_id, kind, filename, mime_type, size_bytes, sha256, storage_key)
    values (${dossierId}, 'response', 'reponse.pdf', 'application/pdf', 10, 'x', 'dossiers/none/none') returning id`;
  return row.id;
}

test('the whole loop: filed, processed by the agent, followed and answered by the citizen', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const citizen = await createCitizen({ firstNames: 'Camille', birthName: 'Martin' });
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(page, citizen.id);
  // The citizen waits on "Mes demandes" (opening the request itself would mark its notifications read).
  const streaming = page.waitForResponse((response) => response.url().endsWith('/api/notifications/flux') && response.status() === 200);
  await page.goto('/demandes');
  await streaming;

  // The agent finds it at the top of the list, filters, opens it.
  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, '/admin');
  await expect(agent).toHaveURL('/admin');
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Dossiers à traiter');
  await expectNoAxeViolations(agent);
  await agent.getByLabel('Démarche').selectOption({ label: 'Signaler un problème sur la voie publique' });
  await agent.getByRole('button', { name: 'Afficher les dossiers' }).click();
  // The statuses offered are the chosen procedure's own, with their counts.
  await expect(agent.getByLabel('Statut', { exact: true }).getByRole('option', { name: /^Signalement reçu \(\d+\)$/ })).toBeAttached();
  await agent.getByLabel('Statut', { exact: true }).selectOption('recu');
  await agent.getByRole('button', { name: 'Afficher les dossiers' }).click();
  await expect(agent).toHaveURL(/\/admin\?.*procedure=[0-9a-f-]+&status=recu/);
  await agent.getByRole('link', { name: new RegExp(`Dossier n° ${request.number}`) }).click();
  await expect(agent).toHaveURL(`/admin/dossiers/${request.id}`);
  await expect(agent.getByText('Le lampadaire devant le numéro 3 ne s’allume plus.')).toBeVisible();
  await expect(agent.getByText('Camille Martin (titulaire du compte)')).toBeVisible();
  await expectNoAxeViolations(agent);

  // A status change with a comment; an empty status is refused with the error summary.
  await agent.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(agent.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('Choisissez le nouveau statut.');
  await agent.getByLabel('Nouveau statut').selectOption({ label: 'Transmis aux services techniques' });
  await agent.getByLabel('Commentaire pour l’usager').fill('Transmis au service de l’éclairage public.');
  await agent.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(agent.getByText('Le statut a été changé. L’usager en est informé.')).toBeVisible();
  await expect(agent.getByRole('heading', { level: 1 }).locator('..').getByText('Transmis aux services techniques')).toBeVisible();

  await agent.getByLabel('Message à l’usager').fill(PRIVATE_MESSAGE);
  await agent.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(agent.getByText('Votre message a été envoyé à l’usager.')).toBeVisible();

  await agent.getByLabel('Fichier de la réponse').setInputFiles({ name: 'Réponse mairie.pdf', mimeType: 'application/pdf', buffer: RESPONSE_PDF });
  await agent.getByLabel('Note pour l’usager').fill('Intervention prévue la semaine prochaine.');
  await agent.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(agent.getByText('La réponse a été publiée.')).toBeVisible();
  await expect(agent.getByRole('link', { name: /Télécharger « Réponse mairie\.pdf »/ })).toBeVisible();
  // The agent's download carries the files' own policy (sandboxed, nothing runs), not the pages'.
  const served = await agent.request.get((await agent.getByRole('link', { name: /Télécharger « Réponse mairie\.pdf »/ }).getAttribute('href'))!);
  expect(served.headers()['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
  expect(served.headers()['content-disposition']).toMatch(/^attachment;/);
  // Back to the list: with the dossier open, a reply would show up there at once and count as read.
  await agent.goto('/admin');

  // The citizen's emails: the status and a notice of the message, never its content.
  const statusEmail = await waitForEmail(citizen.email, 'Transmis aux services techniques');
  expect(statusEmail.text).toContain(`/demandes/${request.id}`);
  expect(statusEmail.text).not.toContain('éclairage public');
  const messageEmail = await waitForEmail(citizen.email, 'Nouveau message');
  expect(messageEmail.text).not.toContain('lampadaire');
  await waitForEmail(citizen.email, 'Réponse disponible');

  // Live, the header counts three new notifications (the submission's own was read on the confirmation page).
  await expect(page.getByRole('link', { name: 'Notifications 3 non lues' })).toBeVisible();
  await page.goto('/notifications');
  await expect(page.getByText('3 notifications non lues.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Nouveau message de l’administration' }).click();
  await expect(page).toHaveURL(`/demandes/${request.id}#messages`);
  await expect(page.getByText('Transmis aux services techniques').first()).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Suivi de votre demande' });
  await expect(timeline.getByText('Nouveau statut : Transmis aux services techniques')).toBeVisible();
  await expect(timeline.getByText('Transmis au service de l’éclairage public.')).toBeVisible();
  await expect(timeline.getByText('Réponse de l’administration mise à disposition')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Messages' }).getByText(PRIVATE_MESSAGE)).toBeVisible();
  await expectNoAxeViolations(page);

  // Opening the request marked its notifications read.
  await page.goto('/notifications');
  await expect(page.getByText('Aucune notification non lue.')).toBeVisible();
  await page.goto(`/demandes/${request.id}`);

  // Reply: an empty message is refused, a real one appears in the thread and for the agent.
  await page.getByRole('button', { name: 'Envoyer mon message' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('Saisissez votre message.');
  const emailsAboutRequest = () => e2eSql()<{ n: number }[]>`
    select count(*)::int as n from (select data from pgboss.job union all select data from pgboss.archive) jobs
    where jobs.data->>'text' like ${'%' + request.id + '%'}`;
  const [before] = await emailsAboutRequest();
  await page.getByLabel('Votre message à l’administration').fill('Le numéro inscrit est le 42-17.');
  await page.getByRole('button', { name: 'Envoyer mon message' }).click();
  await expect(page.getByText('Votre message a été envoyé à l’administration.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Messages' }).getByText('Le numéro inscrit est le 42-17.')).toBeVisible();
  // The reply emails nobody: no job mentions this request beyond the three sent to the citizen.
  expect((await emailsAboutRequest())[0].n).toBe(before.n);

  // Download of the response, byte for byte.
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Réponse de l’administration' }).getByRole('link', { name: /Télécharger « Réponse mairie\.pdf »/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Réponse mairie.pdf');
  expect((await readFile((await file.path())!)).equals(RESPONSE_PDF)).toBe(true);

  await agent.goto('/admin');
  const listed = agent.getByRole('listitem').filter({ has: agent.getByRole('link', { name: new RegExp(`Dossier n° ${request.number}`) }) });
  await expect(listed.getByText('Nouveau message de l’usager')).toBeVisible();
  await agent.goto(`/admin/dossiers/${request.id}`);
  await expect(agent.getByText('Le numéro inscrit est le 42-17.')).toBeVisible();
  await agent.context().close();
});

test('an agent is led to the dossiers; the administrators’ pages are not offered to them', async ({ browser }) => {
  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, '/admin');
  // The back office's own header: its links, no citizen menu.
  await expect(agent.getByRole('banner').getByRole('navigation', { name: 'Administration' }).getByRole('link')).toHaveText(['Dossiers']);
  await expect(agent.getByRole('navigation', { name: 'Menu principal' })).toHaveCount(0);
  await expect(agent.getByRole('banner').getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expectNoAxeViolations(agent);
  await agent.context().close();
});

test('no status email for a citizen who unticked it; the notification is still there', async ({ page, browser }) => {
  const citizen = await createCitizen();
  await e2eSql()`update preferences set email_on_status_change = false where user_id = ${citizen.id}`;
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(page, citizen.id);

  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, `/admin/dossiers/${request.id}`);
  await agent.getByLabel('Nouveau statut').selectOption({ label: 'Intervention programmée' });
  await agent.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(agent.getByText('Le statut a été changé. L’usager en est informé.')).toBeVisible();
  await agent.context().close();

  expect(await emailJobsTo(citizen.email, 'Intervention programmée')).toBe(0);
  const outbox = await e2eSql()`select 1 from mail_outbox where "to" = ${citizen.email} and subject like ${'%Intervention programmée%'}`;
  expect(outbox).toHaveLength(0);
  await page.goto('/notifications');
  await expect(page.getByRole('link', { name: 'Nouveau statut : Intervention programmée' })).toBeVisible();
});

test('an open request page follows the agent live, without reloading', async ({ page, browser }) => {
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(page, citizen.id);
  // The stream answers once the server listens for this citizen: from then on nothing is missed.
  const streaming = page.waitForResponse((response) => response.url().endsWith('/api/notifications/flux') && response.status() === 200);
  await page.goto(`/demandes/${request.id}`);
  await streaming;

  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, `/admin/dossiers/${request.id}`);
  await agent.getByLabel('Nouveau statut').selectOption({ label: 'Problème résolu' });
  await agent.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(agent.getByText('Le statut a été changé. L’usager en est informé.')).toBeVisible();
  await agent.context().close();

  await expect(page.getByTestId('live-announcement')).toHaveText('Le statut d’une de vos demandes a changé.');
  await expect(page.getByRole('region', { name: 'Suivi de votre demande' }).getByText('Nouveau statut : Problème résolu')).toBeVisible();
});

test('an agent’s open dossier page shows the citizen’s reply as it arrives', async ({ page, browser }) => {
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(page, citizen.id);

  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, '/admin');
  const streaming = agent.waitForResponse((response) => response.url().endsWith(`/admin/dossiers/${request.id}/flux`) && response.status() === 200);
  await agent.goto(`/admin/dossiers/${request.id}`);
  await streaming;

  await page.goto(`/demandes/${request.id}`);
  await page.getByLabel('Votre message à l’administration').fill('Le lampadaire clignote aussi le matin.');
  await page.getByRole('button', { name: 'Envoyer mon message' }).click();
  await expect(page.getByText('Votre message a été envoyé à l’administration.')).toBeVisible();

  await expect(agent.getByTestId('live-announcement')).toHaveText('L’usager a envoyé un message.');
  await expect(agent.getByText('Le lampadaire clignote aussi le matin.')).toBeVisible();
  // Someone else's stream is not there to be opened.
  const other = await createCitizen();
  const stranger = await newSignedInPage(browser, other.email, other.password);
  expect((await stranger.request.get(`/admin/dossiers/${request.id}/flux`)).status()).toBe(404);
  await stranger.context().close();
  await agent.context().close();
});

test('without JavaScript, the agent writes and the citizen replies', async ({ page, browser }) => {
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(page, citizen.id);

  const agentContext = await browser.newContext({ javaScriptEnabled: false });
  const agent = await agentContext.newPage();
  await signIn(agent, AGENT.email, AGENT.password, `/admin/dossiers/${request.id}`);
  await agent.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(agent.getByText('Saisissez votre message.').first()).toBeVisible();
  await agent.getByLabel('Message à l’usager').fill('Merci de nous indiquer un horaire de passage.');
  await agent.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(agent.getByText('Votre message a été envoyé à l’usager.')).toBeVisible();
  await agentContext.close();

  const citizenContext = await browser.newContext({ javaScriptEnabled: false });
  const citizenPage = await citizenContext.newPage();
  await signIn(citizenPage, citizen.email, citizen.password, `/demandes/${request.id}`);
  await expect(citizenPage.getByText('Merci de nous indiquer un horaire de passage.')).toBeVisible();
  await citizenPage.getByLabel('Votre message à l’administration').fill('Le matin, avant 10 h.');
  await citizenPage.getByRole('button', { name: 'Envoyer mon message' }).click();
  await expect(citizenPage.getByText('Votre message a été envoyé à l’administration.')).toBeVisible();
  await expect(citizenPage.getByText('Le matin, avant 10 h.')).toBeVisible();
  await citizenContext.close();
});

test('at 320 px wide, the agent’s dossier and the citizen’s request reflow without horizontal scrolling', async ({ page, browser }) => {
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(page, citizen.id);
  const agentContext = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const agent = await agentContext.newPage();
  await signIn(agent, AGENT.email, AGENT.password, `/admin/dossiers/${request.id}`);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`/demandes/${request.id}`);
  for (const view of [agent, page]) {
    await expect(view.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await view.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }
  await agent.goto('/admin');
  expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await agentContext.close();
});

test.describe('who must not get in', () => {
  test('a citizen on the back office gets a 404', async ({ page }) => {
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password);
    for (const path of ['/admin', '/admin/dossiers/00000000-0000-4000-8000-000000000000']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });

  test('an agent not assigned to the procedure, and another citizen, get 404 on the dossier and its files', async ({ page, browser }) => {
    const owner = await createCitizen();
    await signIn(page, owner.email, owner.password);
    const request = await fileRequest(page, owner.id);
    const attachmentId = await insertResponseFile(request.id);

    const outsider = await createCitizen();
    await e2eSql()`update users set role = 'agent' where id = ${outsider.id}`;
    await enrolSecondFactorInDatabase(outsider);
    const agent = await newSignedInPage(browser, outsider.email, outsider.password);
    await agent.goto('/admin');
    await expect(agent.getByText('Aucune démarche ne vous est confiée pour le moment.')).toBeVisible();
    await expectNoAxeViolations(agent);
    for (const path of [`/admin/dossiers/${request.id}`, `/admin/dossiers/${request.id}/pieces/${attachmentId}`, `/admin/demarches/${await streetReportId()}`, '/admin/agents', '/admin/journal']) {
      const response = await agent.goto(path);
      expect(response?.status(), path).toBe(404);
    }

    // An administrator entrusts the procedure to this agent: the dossier opens.
    const admin = await newSignedInPage(browser, 'admin@demo.localhost', AGENT.password, '/admin/agents');
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Agents et administrateurs');
    const row = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: outsider.email }) });
    await row.getByLabel(/^Affecter une démarche à /).selectOption({ label: 'Signaler un problème sur la voie publique' });
    await row.getByRole('button', { name: 'Affecter' }).click();
    await expect(admin.getByText('La démarche est affectée.')).toBeVisible();
    await admin.getByRole('link', { name: 'Journal' }).click();
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Journal des opérations');
    await expect(admin.getByRole('cell', { name: 'Démarche affectée', exact: true }).first()).toBeVisible();
    await admin.context().close();
    const opened = await agent.goto(`/admin/dossiers/${request.id}`);
    expect(opened?.status()).toBe(200);
    await agent.context().close();

    const other = await createCitizen();
    const stranger = await newSignedInPage(browser, other.email, other.password);
    for (const path of [`/demandes/${request.id}`, `/demandes/${request.id}/pieces/${attachmentId}`]) {
      const response = await stranger.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await stranger.context().close();
  });
});
