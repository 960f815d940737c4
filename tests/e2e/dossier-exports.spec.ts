import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { enrolSecondFactorInDatabase, signIn } from './support/session';
import { unzipEntries } from '../helpers/unzip';

// One dossier in the back office: the agents' private notes (never shown to the citizen, nor in
// their data export), the whole dossier as a PDF, its files as a ZIP, and the journal that
// records each read, download and export.

const STREET_REPORT = 'signalement-voirie';
const AGENT = { email: 'agent@demo.localhost', password: 'Demo-Portail-2026!' };
const ADMIN = { email: 'admin@demo.localhost', password: 'Demo-Portail-2026!' };
const RESPONSE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Réponse de la mairie\n%%EOF\n');
const NOTE = 'Appel du demandeur ce matin : très insistant, vérifier avec la régie avant de répondre.';
const NO_JS_NOTE = 'Deuxième note, écrite sans JavaScript.';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function fileRequest(page: Page, ownerId: string): Promise<{ id: string; number: string }> {
  const data = { typeProbleme: 'eclairage', lieu: '8 rue des Tilleuls', description: 'Le lampadaire devant l’école clignote.', recontact: false };
  const [draft] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
    select ${ownerId}, p.id, v.id, 'self', ${e2eSql().json({ label: 'Noémie Laurent (vous-même)' })}, ${e2eSql().json(data)}
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${STREET_REPORT}
    order by v.version desc limit 1 returning id`;
  await page.goto(`/brouillons/${draft.id}/recapitulatif`);
  await page.getByLabel('Je certifie sur l’honneur l’exactitude des informations fournies.').check();
  await page.getByRole('button', { name: 'Déposer ma demande' }).click();
  await expect(page).toHaveURL(new RegExp(`/demandes/${draft.id}\\?depot=1$`));
  const [row] = await e2eSql()<{ number: string }[]>`select number from dossiers where id = ${draft.id}`;
  return { id: draft.id, number: row.number };
}

async function newSignedInPage(browser: Browser, email: string, password: string, callbackUrl: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password, callbackUrl);
  return page;
}

test('private notes stay with the agents; the PDF, the ZIP and every read are journaled', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const citizen = await createCitizen({ firstNames: 'Noémie', birthName: 'Laurent' });
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(page, citizen.id);

  // The agent opens the dossier, publishes a response file and writes a private note.
  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, `/admin/dossiers/${request.id}`);
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText(`Dossier n° ${request.number}`);
  await expect(agent.getByText('Aucune note interne pour le moment.')).toBeVisible();
  await agent.getByLabel('Fichier de la réponse').setInputFiles({ name: 'Réponse de la mairie.pdf', mimeType: 'application/pdf', buffer: RESPONSE_PDF });
  await agent.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(agent.getByText('La réponse a été publiée.')).toBeVisible();

  await agent.getByRole('button', { name: 'Ajouter la note' }).click();
  await expect(agent.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toContainText('Saisissez le texte de la note.');
  await agent.getByLabel('Nouvelle note interne').fill(NOTE);
  await agent.getByRole('button', { name: 'Ajouter la note' }).click();
  await expect(agent.getByText('Votre note interne a été enregistrée.')).toBeVisible();
  const notes = agent.getByRole('region', { name: 'Notes internes' });
  await expect(notes.getByText(NOTE)).toBeVisible();
  await expectNoAxeViolations(agent);

  // The same form without JavaScript: a plain post, then the page again.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await agent.context().storageState() });
  const plain = await noJs.newPage();
  await plain.goto(`/admin/dossiers/${request.id}`);
  await plain.getByLabel('Nouvelle note interne').fill(NO_JS_NOTE);
  await plain.getByRole('button', { name: 'Ajouter la note' }).click();
  await expect(plain).toHaveURL(`/admin/dossiers/${request.id}?fait=note#notes`);
  await expect(plain.getByRole('region', { name: 'Notes internes' }).getByText(NO_JS_NOTE)).toBeVisible();
  await noJs.close();

  // The whole dossier as a PDF.
  await agent.reload();
  const [pdfDownload] = await Promise.all([agent.waitForEvent('download'), agent.getByRole('link', { name: 'Télécharger le dossier complet (PDF)' }).click()]);
  expect(pdfDownload.suggestedFilename()).toBe(`dossier-${request.number}.pdf`);
  const pdf = await readFile((await pdfDownload.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(3);
  // The text itself is tested on the document model (tests/unit/dossier-exports.test.ts): no PDF text extractor is installed.

  // Its files as a ZIP: the response, byte for byte, under its name.
  const [zipDownload] = await Promise.all([agent.waitForEvent('download'), agent.getByRole('link', { name: /Télécharger les fichiers du dossier \(ZIP, 1 fichier\)/ }).click()]);
  expect(zipDownload.suggestedFilename()).toBe(`dossier-${request.number}-fichiers.zip`);
  const entries = await unzipEntries((await zipDownload.path())!);
  expect([...entries.keys()]).toEqual(['reponses/01-Réponse de la mairie.pdf']);
  const [stored] = await e2eSql()<{ sha256: string }[]>`select sha256 from dossier_attachments where dossier_id = ${request.id}`;
  expect(sha256(entries.get('reponses/01-Réponse de la mairie.pdf')!)).toBe(sha256(RESPONSE_PDF));
  expect(stored.sha256).toBe(sha256(RESPONSE_PDF));

  // One file downloaded on its own.
  const fileHref = await agent.getByRole('link', { name: /Télécharger « Réponse de la mairie\.pdf »/ }).getAttribute('href');
  expect(Buffer.from(await (await agent.request.get(fileHref!)).body()).equals(RESPONSE_PDF)).toBe(true);
  await agent.context().close();

  // The citizen's request page shows the response, never the notes.
  await page.goto(`/demandes/${request.id}`);
  await expect(page.getByText('Le lampadaire devant l’école clignote.')).toBeVisible();
  await expect(page.getByText('Réponse de la mairie.pdf').first()).toBeVisible();
  const citizenHtml = await page.content();
  expect(citizenHtml).not.toContain('régie');
  expect(citizenHtml).not.toContain('sans JavaScript');
  expect(citizenHtml).not.toMatch(/notes? internes?/i);

  // Nor does their data export.
  await page.goto('/compte/export');
  await page.getByLabel('Mot de passe').fill(citizen.password);
  await page.getByRole('button', { name: 'Confirmer et préparer l’archive' }).click();
  const [exportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger mes données (archive ZIP)' }).click()]);
  const exported = await unzipEntries((await exportDownload.path())!);
  expect(exported.get('donnees.json')!.toString()).toContain('Le lampadaire devant l’école clignote.');
  for (const [name, bytes] of exported) {
    expect(bytes.toString('utf8'), name).not.toContain('régie');
    expect(bytes.toString('utf8'), name).not.toContain('sans JavaScript');
  }

  // The journal names the dossier for each read, download, export and note.
  const admin = await newSignedInPage(browser, ADMIN.email, ADMIN.password, '/admin/journal');
  const expected: [string, string][] = [
    ['backoffice.dossier_viewed', 'Dossier consulté'],
    ['backoffice.note_added', 'Note interne ajoutée'],
    ['backoffice.dossier_pdf_exported', 'Dossier exporté en PDF'],
    ['backoffice.dossier_zip_exported', 'Fichiers d’un dossier exportés (ZIP)'],
    ['backoffice.file_downloaded', 'Fichier d’un dossier téléchargé'],
  ];
  for (const [type, label] of expected) {
    await admin.goto(`/admin/journal?type=${type}`);
    const row = admin.getByRole('row').filter({ hasText: `Dossier n° ${request.number}` }).first();
    await expect(row).toContainText(label);
    await expect(row).toContainText(AGENT.email);
    await expect(row).not.toContainText('Laurent');
  }
  await expectNoAxeViolations(admin);
  await admin.context().close();
});

test('an agent outside the procedure and a citizen get 404 on the dossier, its notes and its exports', async ({ page, browser }) => {
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password);
  const request = await fileRequest(page, citizen.id);
  // The owner themself: the back-office routes do not exist for a citizen.
  for (const path of [`/admin/dossiers/${request.id}`, `/admin/dossiers/${request.id}/pdf`, `/admin/dossiers/${request.id}/zip`]) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }

  const [procedure] = await e2eSql()<{ id: string }[]>`select id from procedures where slug = ${STREET_REPORT}`;
  const outsider = await createCitizen();
  await e2eSql()`update users set role = 'agent' where id = ${outsider.id}`;
  const [other] = await e2eSql()<{ id: string }[]>`select id from procedures where slug <> ${STREET_REPORT} order by slug limit 1`;
  await e2eSql()`insert into agent_assignments (agent_id, procedure_id) values (${outsider.id}, ${other.id})`;
  expect(procedure.id).not.toBe(other.id);
  await enrolSecondFactorInDatabase(outsider);
  const agent = await newSignedInPage(browser, outsider.email, outsider.password, '/admin');
  for (const path of [`/admin/dossiers/${request.id}`, `/admin/dossiers/${request.id}/pdf`, `/admin/dossiers/${request.id}/zip`]) {
    expect((await agent.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  await agent.context().close();
});
