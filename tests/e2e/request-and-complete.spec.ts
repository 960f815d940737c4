import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql, waitForEmail } from './support/db';
import { enrolSecondFactorInDatabase, signIn } from './support/session';

// "À compléter", as both sides live it: the agent asks for documents, the citizen sees it arrive,
// answers with a Porte-documents document and a file from the computer, the agent reads and
// downloads both; files on messages both ways; the unread marker of the queue. And who must not
// get the files: an agent of other procedures, another citizen.

const STREET_REPORT = 'signalement-voirie';
const AGENT = { email: 'agent@demo.localhost', password: 'Demo-Portail-2026!' };
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n%%EOF\n`);
const DOMICILE = 'Justificatif de domicile de moins de 3 mois';
const INSURANCE = 'Attestation d’assurance';

function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function fileRequest(ownerId: string): Promise<{ id: string; number: string }> {
  // A submitted street report, prepared in SQL (the filing itself is follow-up.spec.ts's journey).
  const data = { typeProbleme: 'eclairage', lieu: '3 rue des Tanneurs', description: 'Le lampadaire ne s’allume plus.', recontact: false };
  const [row] = await e2eSql()<{ id: string; number: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data, status, number, submitted_at)
    select ${ownerId}, p.id, v.id, 'self', ${e2eSql().json({ label: 'Camille Martin (vous-même)' })}, ${e2eSql().json(data)}, 'recu',
           'E2E-' || substr(md5(random()::text), 1, 10), now()
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${STREET_REPORT}
    order by v.version desc limit 1 returning id, number`;
  await e2eSql()`insert into dossier_events (dossier_id, kind, to_status) values (${row.id}, 'submitted', 'recu')`;
  return row;
}

async function newSignedInPage(browser: Browser, email: string, password: string, callbackUrl?: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email, password, callbackUrl);
  return page;
}

async function addToLocker(page: Page, title: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto('/porte-documents');
  await page.getByLabel('Titre du document').fill(title);
  await page.getByLabel('Fichier').setInputFiles(file);
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText('Le document a été ajouté à votre porte-documents.')).toBeVisible();
}

async function askForDocuments(agent: Page, dossierId: string, documents: string[]) {
  await agent.goto(`/admin/dossiers/${dossierId}`);
  await agent.getByLabel('Documents demandés').fill(documents.join('\n'));
  await agent.getByLabel('À envoyer avant le').fill(dayFromNow(14));
  await agent.getByRole('button', { name: 'Demander le complément' }).click();
  await expect(agent.getByText('Le complément a été demandé.')).toBeVisible();
}

async function unreadCount(agent: Page): Promise<number> {
  const badge = agent.getByTestId('unread-dossiers');
  return (await badge.count()) ? Number.parseInt((await badge.textContent()) ?? '0', 10) : 0;
}

async function download(page: Page, href: string): Promise<Buffer> {
  const response = await page.request.get(href);
  expect(response.status(), href).toBe(200);
  return response.body();
}

test('the agent asks for documents; the citizen answers with a locker document and a computer file; the agent downloads both', async ({ page, browser }) => {
  // Two browsers, six axe checks and a live round trip each way: slow on a loaded machine.
  test.setTimeout(300_000);
  const citizen = await createCitizen({ firstNames: 'Camille', birthName: 'Martin' });
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(citizen.id);
  await addToLocker(page, 'Facture EDF', { name: 'Facture EDF.pdf', mimeType: 'application/pdf', buffer: pdf('facture EDF') });

  // The citizen waits on the request page, its live stream open.
  const streaming = page.waitForResponse((response) => response.url().endsWith('/api/notifications/flux') && response.status() === 200);
  await page.goto(`/demandes/${request.id}`);
  await streaming;
  await expect(page.getByRole('heading', { name: 'À compléter' })).toHaveCount(0);

  // The agent asks: a date in the past is refused with the error summary, then the request goes.
  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, `/admin/dossiers/${request.id}`);
  await agent.getByLabel('Documents demandés').fill(`${DOMICILE}\n${INSURANCE}`);
  await agent.getByLabel('Correction attendue').fill('Précisez le numéro du lampadaire.');
  await agent.getByLabel('À envoyer avant le').fill(dayFromNow(-2));
  await agent.getByRole('button', { name: 'Demander le complément' }).click();
  await expect(agent.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('La date limite ne peut pas être dans le passé.');
  await agent.getByLabel('À envoyer avant le').fill(dayFromNow(14));
  await agent.getByRole('button', { name: 'Demander le complément' }).click();
  await expect(agent.getByText('Le complément a été demandé.')).toBeVisible();
  const asked = agent.getByRole('region', { name: 'Compléments demandés' });
  await expect(asked.getByText('À compléter')).toBeVisible();
  await expect(asked.getByText(DOMICILE)).toBeVisible();
  await expectNoAxeViolations(agent);
  // The agent waits on the queue, its live stream open.
  const queueStreaming = agent.waitForResponse((response) => response.url().endsWith('/admin/flux') && response.status() === 200);
  await agent.goto('/admin');
  await queueStreaming;
  const before = await unreadCount(agent);

  // Live on the citizen's page: "À compléter", what is asked and by when.
  await expect(page.getByTestId('live-announcement')).toHaveText('L’administration vous demande un complément : une de vos demandes est à compléter.');
  const section = page.getByRole('region', { name: 'À compléter' });
  await expect(section.getByText(/L’administration vous demande un complément avant le \d+ \S+ \d{4}\./)).toBeVisible();
  await expect(section.getByText('Précisez le numéro du lampadaire.')).toBeVisible();
  await expect(page.getByText('L’administration vous demande un complément', { exact: true })).toBeVisible(); // the timeline
  await expectNoAxeViolations(page);
  const email = await waitForEmail(citizen.email, 'est à compléter');
  expect(email.text).toContain(`/demandes/${request.id}`);
  expect(email.text).not.toContain('lampadaire');

  // An incomplete answer is refused, and says what is missing.
  await section.getByRole('button', { name: 'Envoyer le complément' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
  await expect(summary).toContainText(`Choisissez un fichier sur votre ordinateur ou un document de votre porte-documents pour « ${DOMICILE} ».`);
  await expect(summary).toContainText('Écrivez votre réponse à la correction demandée.');
  await expectNoAxeViolations(page);

  await section.getByRole('group', { name: DOMICILE }).getByLabel('Ou un document de votre porte-documents').selectOption({ label: 'Facture EDF (Facture EDF.pdf)' });
  await section.getByRole('group', { name: INSURANCE }).getByLabel('Un fichier de votre ordinateur').setInputFiles({ name: 'assurance.pdf', mimeType: 'application/pdf', buffer: pdf('assurance') });
  await section.getByLabel('Votre réponse à la correction demandée').fill('Le numéro est le 42-17.');
  await section.getByRole('button', { name: 'Envoyer le complément' }).click();
  await expect(page.getByText('Votre complément a été envoyé à l’administration.')).toBeVisible();
  const sent = page.getByRole('region', { name: 'Compléments envoyés' });
  await expect(sent.getByRole('link', { name: 'Télécharger « Facture EDF.pdf »' })).toBeVisible();
  await expect(sent.getByRole('button', { name: 'Envoyer le complément' })).toHaveCount(0);
  await expect(page.getByText('Vous avez envoyé le complément demandé')).toBeVisible();
  await expectNoAxeViolations(page);

  // Live, the agent's queue marks the dossier unread and counts it; opening it clears the marker.
  await expect(agent.getByTestId('live-announcement')).toHaveText('Un usager a envoyé un complément demandé sur un de vos dossiers.');
  const row = agent.getByRole('listitem').filter({ has: agent.getByRole('link', { name: new RegExp(`Dossier n° ${request.number}`) }) });
  await expect(row.getByText('Réponse non lue')).toBeVisible();
  await expect(agent.getByTestId('unread-dossiers')).toContainText(String(before + 1));
  await expectNoAxeViolations(agent);
  await row.getByRole('link', { name: new RegExp(`Dossier n° ${request.number}`) }).click();
  const answered = agent.getByRole('region', { name: 'Compléments demandés' });
  await expect(answered.getByText('Le numéro est le 42-17.')).toBeVisible();
  await expect(agent.getByText('L’usager a envoyé le complément demandé')).toBeVisible();
  const locker = answered.getByRole('link', { name: 'Télécharger « Facture EDF.pdf »' });
  const computer = answered.getByRole('link', { name: 'Télécharger « assurance.pdf »' });
  expect((await download(agent, (await locker.getAttribute('href'))!)).equals(pdf('facture EDF'))).toBe(true);
  expect((await download(agent, (await computer.getAttribute('href'))!)).equals(pdf('assurance'))).toBe(true);
  await expectNoAxeViolations(agent);
  await agent.goto('/admin');
  await expect(row.getByText('Réponse non lue')).toHaveCount(0);
  expect(await unreadCount(agent)).toBe(before);
  await agent.context().close();
});

test('messages carry a file both ways; a hostile file is refused in French', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(citizen.id);

  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, `/admin/dossiers/${request.id}`);
  await agent.getByLabel('Message à l’usager').fill('Voici le formulaire à nous renvoyer signé.');
  await agent.getByLabel('Joindre un fichier').setInputFiles({ name: 'formulaire.pdf', mimeType: 'application/pdf', buffer: pdf('formulaire') });
  await agent.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(agent.getByText('Votre message a été envoyé à l’usager.')).toBeVisible();

  await page.goto(`/demandes/${request.id}`);
  const thread = page.getByRole('region', { name: 'Messages' });
  const fromAgent = thread.getByRole('link', { name: /Télécharger « formulaire\.pdf »/ });
  await expect(fromAgent).toBeVisible();
  const agentFileHref = (await fromAgent.getAttribute('href'))!;
  expect((await download(page, agentFileHref)).equals(pdf('formulaire'))).toBe(true);

  // A page disguised as a PDF is refused, with the error summary; nothing is sent.
  await thread.getByLabel('Votre message à l’administration').fill('Le voici.');
  await thread.getByLabel('Joindre un fichier').setInputFiles({ name: 'formulaire-signe.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await thread.getByRole('button', { name: 'Envoyer mon message' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('n’est pas accepté : son contenu est une page web');
  await expectNoAxeViolations(page);
  const [{ n }] = await e2eSql()<{ n: number }[]>`select count(*)::int as n from messages where dossier_id = ${request.id} and author_role = 'citizen'`;
  expect(n).toBe(0);

  await thread.getByLabel('Joindre un fichier').setInputFiles({ name: 'formulaire signé.pdf', mimeType: 'application/pdf', buffer: pdf('signé') });
  await thread.getByRole('button', { name: 'Envoyer mon message' }).click();
  await expect(page.getByText('Votre message a été envoyé à l’administration.')).toBeVisible();

  await agent.reload();
  const fromCitizen = agent.getByRole('link', { name: /Télécharger « formulaire signé\.pdf »/ });
  await expect(fromCitizen).toBeVisible();
  const citizenFileHref = (await fromCitizen.getAttribute('href'))!;
  expect((await download(agent, citizenFileHref)).equals(pdf('signé'))).toBe(true);
  await expectNoAxeViolations(agent);
  await agent.context().close();

  // An agent of other procedures and another citizen get 404 on both files.
  const outsider = await createCitizen();
  await e2eSql()`update users set role = 'agent' where id = ${outsider.id}`;
  await enrolSecondFactorInDatabase(outsider);
  const stranger = await newSignedInPage(browser, outsider.email, outsider.password);
  const other = await createCitizen();
  const otherCitizen = await newSignedInPage(browser, other.email, other.password);
  const ids = [agentFileHref, citizenFileHref].map((href) => href.split('/').pop()!);
  for (const id of ids) {
    expect((await stranger.request.get(`/admin/dossiers/${request.id}/pieces/${id}`)).status()).toBe(404);
    expect((await otherCitizen.request.get(`/demandes/${request.id}/pieces/${id}`)).status()).toBe(404);
  }
  await stranger.context().close();
  await otherCitizen.context().close();
});

test('without JavaScript, the agent asks and the citizen answers with a file from the computer', async ({ browser }) => {
  const citizen = await createCitizen();
  const request = await fileRequest(citizen.id);
  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, undefined, false);
  await askForDocuments(agent, request.id, [DOMICILE]);
  await agent.context().close();

  const citizenPage = await newSignedInPage(browser, citizen.email, citizen.password, '/demandes', false);
  const listed = citizenPage.getByRole('listitem').filter({ has: citizenPage.getByRole('link', { name: new RegExp(`demande n° ${request.number}`) }) });
  await expect(listed.getByText('À compléter')).toBeVisible();
  await listed.getByRole('link').click();
  const section = citizenPage.getByRole('region', { name: 'À compléter' });
  await section.getByRole('group', { name: DOMICILE }).getByLabel('Un fichier de votre ordinateur').setInputFiles({ name: 'quittance.pdf', mimeType: 'application/pdf', buffer: pdf('quittance') });
  await section.getByRole('button', { name: 'Envoyer le complément' }).click();
  await expect(citizenPage.getByText('Votre complément a été envoyé à l’administration.')).toBeVisible();
  const link = citizenPage.getByRole('region', { name: 'Compléments envoyés' }).getByRole('link', { name: 'Télécharger « quittance.pdf »' });
  expect((await download(citizenPage, (await link.getAttribute('href'))!)).equals(pdf('quittance'))).toBe(true);
  await citizenPage.context().close();
});

test('an agent of other procedures cannot ask nor download the answers; another citizen cannot see or answer the request', async ({ browser }) => {
  const citizen = await createCitizen();
  const request = await fileRequest(citizen.id);
  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password);
  await askForDocuments(agent, request.id, [DOMICILE]);
  await agent.context().close();
  const owner = await newSignedInPage(browser, citizen.email, citizen.password, `/demandes/${request.id}`);
  const section = owner.getByRole('region', { name: 'À compléter' });
  await section.getByRole('group', { name: DOMICILE }).getByLabel('Un fichier de votre ordinateur').setInputFiles({ name: 'quittance.pdf', mimeType: 'application/pdf', buffer: pdf('quittance') });
  await section.getByRole('button', { name: 'Envoyer le complément' }).click();
  await expect(owner.getByText('Votre complément a été envoyé à l’administration.')).toBeVisible();
  await owner.context().close();
  const [file] = await e2eSql()<{ id: string }[]>`select id from dossier_attachments where dossier_id = ${request.id} and kind = 'request_answer'`;

  const outsider = await createCitizen();
  await e2eSql()`update users set role = 'agent' where id = ${outsider.id}`;
  await enrolSecondFactorInDatabase(outsider);
  const stranger = await newSignedInPage(browser, outsider.email, outsider.password);
  expect((await stranger.goto(`/admin/dossiers/${request.id}`))?.status()).toBe(404);
  expect((await stranger.request.get(`/admin/dossiers/${request.id}/pieces/${file.id}`)).status()).toBe(404);
  await stranger.context().close();

  const other = await createCitizen();
  const otherPage = await newSignedInPage(browser, other.email, other.password);
  expect((await otherPage.goto(`/demandes/${request.id}`))?.status()).toBe(404);
  expect((await otherPage.request.get(`/demandes/${request.id}/pieces/${file.id}`)).status()).toBe(404);
  await otherPage.context().close();
  const [{ n }] = await e2eSql()<{ n: number }[]>`select count(*)::int as n from dossier_requests where dossier_id = ${request.id}`;
  expect(n).toBe(1);
});

test('the agent withdraws a request: the citizen sees it live, an answer from a page opened before is refused, nothing is kept', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const citizen = await createCitizen();
  const request = await fileRequest(citizen.id);
  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password);
  await askForDocuments(agent, request.id, [DOMICILE]);
  const since = new Date();

  // A page opened before the withdrawal, without JavaScript: its answer form stays on screen.
  const stale = await newSignedInPage(browser, citizen.email, citizen.password, `/demandes/${request.id}`, false);
  await expect(stale.getByRole('heading', { name: 'À compléter' })).toBeVisible();
  // The same citizen, live, on the request page.
  await signIn(page, citizen.email, citizen.password);
  const streaming = page.waitForResponse((response) => response.url().endsWith('/api/notifications/flux') && response.status() === 200);
  await page.goto(`/demandes/${request.id}`);
  await streaming;
  await expect(page.getByRole('heading', { name: 'À compléter' })).toBeVisible();

  const asked = agent.getByRole('region', { name: 'Compléments demandés' });
  await asked.getByRole('button', { name: 'Retirer cette demande' }).click();
  await expect(agent.getByText('La demande de complément a été retirée.')).toBeVisible();
  await expect(asked.getByText('Demande retirée')).toBeVisible();
  await expect(asked.getByRole('button', { name: 'Retirer cette demande' })).toHaveCount(0);
  await expectNoAxeViolations(agent);

  // Live on the citizen's page: nothing left to send.
  await expect(page.getByTestId('live-announcement')).toHaveText('L’administration a retiré une demande de complément : vous n’avez plus rien à envoyer pour celle-ci.');
  await expect(page.getByRole('heading', { name: 'À compléter' })).toHaveCount(0);
  const closed = page.getByRole('region', { name: 'Demandes de complément retirées' });
  await expect(closed.getByText('Demande retirée')).toBeVisible();
  await expect(closed.getByText(/Retirée par l’administration le/)).toBeVisible();
  await expectNoAxeViolations(page);
  const email = await waitForEmail(citizen.email, 'demande de complément retirée', since);
  expect(email.text).toContain(`/demandes/${request.id}`);

  // The page opened before: its answer is refused in French, and no file is kept.
  const section = stale.getByRole('region', { name: 'À compléter' });
  await section.getByRole('group', { name: DOMICILE }).getByLabel('Un fichier de votre ordinateur').setInputFiles({ name: 'quittance.pdf', mimeType: 'application/pdf', buffer: pdf('quittance') });
  await section.getByRole('button', { name: 'Envoyer le complément' }).click();
  await expect(stale.getByText('L’administration a retiré cette demande de complément')).toBeVisible();
  const [{ n }] = await e2eSql()<{ n: number }[]>`select count(*)::int as n from dossier_attachments where dossier_id = ${request.id}`;
  expect(n).toBe(0);
  await stale.context().close();

  // "Mes demandes" no longer says "À compléter" for it.
  await page.goto('/demandes');
  const listed = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`demande n° ${request.number}`) }) });
  await expect(listed).toBeVisible();
  await expect(listed.getByText('À compléter')).toHaveCount(0);
  await agent.context().close();
});

