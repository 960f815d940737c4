import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';
import { TINY_PNG } from '../helpers/images';

// The Porte-documents and the pièces justificatives as a citizen uses them: add, download, rename
// and delete locker documents; attach a locker document and a file from the computer to a
// procedure, with and without JavaScript; hostile files refused; another citizen's ids are 404.

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
// A real image: uploads are decoded to strip their metadata.
const PNG = TINY_PNG;
const UUID = '[0-9a-f-]{36}';

const errorSummary = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });

/** A canteen registration draft for the citizen, answered up to the last step ("Justificatifs"). */
async function insertCanteenDraft(ownerId: string): Promise<string> {
  const sql = e2eSql();
  const [row] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${ownerId}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'inscription-cantine'
    order by v.version desc limit 1 returning id`;
  return row.id;
}

async function addToLocker(page: Page, title: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto('/porte-documents');
  await page.getByLabel('Titre du document').fill(title);
  await page.getByLabel('Fichier').setInputFiles(file);
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText('Le document a été ajouté à votre porte-documents.')).toBeVisible();
}

async function lockerIdOf(ownerId: string, title: string): Promise<string> {
  const [row] = await e2eSql()<{ id: string }[]>`select id from locker_documents where owner_id = ${ownerId} and title = ${title}`;
  return row.id;
}

test.describe('Porte-documents', () => {
  test('add, download, rename and delete a document; hostile files are refused with clear messages', async ({ page }) => {
    test.slow();
    const citizen = await createCitizen();
    await signIn(page, citizen.email, citizen.password, '/porte-documents');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon porte-documents');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Porte-documents' }).first()).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('Votre porte-documents est vide.')).toBeVisible();
    await expect(page.getByText('0 octet utilisés sur 100 Mo', { exact: false })).toBeVisible();
    await expect(page.getByText('l’administration n’y a pas accès')).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing chosen: only the file is asked for (no title means the file's name).
    await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
    await expect(errorSummary(page).getByRole('link', { name: 'Choisissez le fichier à ajouter.' })).toBeVisible();
    await expect(errorSummary(page).getByRole('link', { name: /Saisissez un titre/ })).toHaveCount(0);

    // An HTML page renamed .pdf, an empty file, a file over 10 Mo: refused, nothing stored.
    const hostile: [string, { name: string; mimeType: string; buffer: Buffer }, RegExp][] = [
      ['Page piégée', { name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!DOCTYPE html><script>alert(document.cookie)</script>') }, /« facture\.pdf » n’est pas accepté : son contenu est une page web/],
      ['Vide', { name: 'vide.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) }, /« vide\.pdf » est vide \(0 octet\)/],
      ['Trop gros', { name: 'gros.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf('x'), Buffer.alloc(10 * 1024 * 1024)]) }, /« gros\.pdf » dépasse la taille maximale de 10 Mo/],
    ];
    for (const [title, file, message] of hostile) {
      await page.getByLabel('Titre du document').fill(title);
      await page.getByLabel('Fichier').setInputFiles(file);
      await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
      await expect(errorSummary(page).getByRole('link', { name: message })).toBeVisible();
      await expect(page).toHaveTitle(/^Erreur : /);
      await expect(page.getByLabel('Titre du document')).toHaveValue(title);
    }
    await expectNoAxeViolations(page);
    expect(await e2eSql()`select id from locker_documents where owner_id = ${citizen.id}`).toHaveLength(0);
    await page.setViewportSize({ width: 320, height: 720 });
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByLabel('Titre du document').fill('Justificatif de domicile');
    await page.getByLabel('Fichier').setInputFiles({ name: 'Facture d’électricité.pdf', mimeType: 'application/pdf', buffer: pdf('facture') });
    await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
    await expect(page.getByText('Le document a été ajouté à votre porte-documents.')).toBeVisible();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Justificatif de domicile' }) });
    await expect(item).toContainText('Facture d’électricité.pdf');
    await expect(item).toContainText('PDF');
    await expect(item).toContainText(`${pdf('facture').length} octets`);
    await expect(item).toContainText(new Date().toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }));
    await expectNoAxeViolations(page);

    // Download: the very bytes, as an attachment that the browser neither renders nor sniffs.
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: 'Télécharger Justificatif de domicile' }).click()]);
    expect(download.suggestedFilename()).toBe('Facture d’électricité.pdf');
    expect(await readFile((await download.path())!)).toEqual(pdf('facture'));
    const id = await lockerIdOf(citizen.id, 'Justificatif de domicile');
    const response = await page.request.get(`/porte-documents/${id}/telecharger`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toBe(`attachment; filename="Facture d_electricite.pdf"; filename*=UTF-8''Facture%20d%E2%80%99%C3%A9lectricit%C3%A9.pdf`);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['cache-control']).toBe('private, no-store');
    expect(response.headers()['content-security-policy']).toContain('sandbox');

    await item.getByRole('link', { name: 'Modifier Justificatif de domicile' }).click();
    await expect(page).toHaveURL(`/porte-documents/${id}/renommer`);
    await page.getByLabel('Nouveau titre').fill('');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(errorSummary(page).getByRole('link', { name: /Saisissez un titre/ })).toBeVisible();
    await page.getByLabel('Nouveau titre').fill('Facture EDF — mars');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(page.getByText('Le document a été modifié.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Facture EDF — mars' })).toBeVisible();

    await page.getByRole('link', { name: 'Supprimer Facture EDF — mars' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Supprimer un document');
    await expect(page.getByText('Les copies de ce document déjà jointes à vos démarches ne changent pas.')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Supprimer ce document' }).click();
    await expect(page.getByText('Le document a été supprimé de votre porte-documents.')).toBeVisible();
    await expect(page.getByText('Votre porte-documents est vide.')).toBeVisible();
    expect((await page.request.get(`/porte-documents/${id}/telecharger`)).status()).toBe(404);
  });

  test('another citizen’s document and attachment ids are not found, on pages, downloads and actions', async ({ page }) => {
    const owner = await createCitizen();
    const stranger = await createCitizen();
    const draftId = await insertCanteenDraft(owner.id);
    await signIn(page, owner.email, owner.password, '/porte-documents');
    await addToLocker(page, 'Pièce d’identité', { name: 'cni.pdf', mimeType: 'application/pdf', buffer: pdf('cni') });
    const ownerDoc = await lockerIdOf(owner.id, 'Pièce d’identité');
    await page.goto(`/brouillons/${draftId}/justificatifs`);
    await page.getByRole('group', { name: 'Justificatif de domicile' }).getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'edf.pdf', mimeType: 'application/pdf', buffer: pdf('edf') });
    await page.getByRole('group', { name: 'Justificatif de domicile' }).getByRole('button', { name: 'Joindre ce fichier' }).click();
    await expect(page.getByRole('status').getByText('Le fichier « edf.pdf » a été joint à « Justificatif de domicile ».')).toBeVisible();
    const [attachment] = await e2eSql()<{ id: string }[]>`select id from dossier_attachments where dossier_id = ${draftId}`;

    await page.context().clearCookies();
    await signIn(page, stranger.email, stranger.password, '/porte-documents');
    for (const path of [`/porte-documents/${ownerDoc}/renommer`, `/porte-documents/${ownerDoc}/supprimer`, `/brouillons/${draftId}/justificatifs`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    for (const path of [`/porte-documents/${ownerDoc}/telecharger`, `/brouillons/${draftId}/pieces/${attachment.id}`, `/porte-documents/pas-un-id/telecharger`]) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }

    // Actions with a tampered id: the stranger's own delete form, pointed at the owner's document.
    await addToLocker(page, 'À moi', { name: 'moi.pdf', mimeType: 'application/pdf', buffer: pdf('moi') });
    const strangerDoc = await lockerIdOf(stranger.id, 'À moi');
    await page.goto(`/porte-documents/${strangerDoc}/supprimer`);
    await page.locator('input[name="id"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), ownerDoc);
    await page.getByRole('button', { name: 'Supprimer ce document' }).click();
    await expect(errorSummary(page)).toContainText('Ce document est introuvable');
    // The stranger's draft step, with the owner's locker document slipped into the drop-down list.
    const strangerDraft = await insertCanteenDraft(stranger.id);
    await page.goto(`/brouillons/${strangerDraft}/justificatifs`);
    const group = page.getByRole('group', { name: 'Justificatif de domicile' });
    await group.getByRole('combobox').evaluate((select, id) => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = 'Intrus';
      select.appendChild(option);
      (select as HTMLSelectElement).value = id;
    }, ownerDoc);
    await group.getByRole('button', { name: 'Joindre ce fichier' }).click();
    await expect(errorSummary(page).getByRole('link', { name: 'Ce document n’est plus dans votre porte-documents : choisissez-en un autre.' })).toBeVisible();
    expect(await e2eSql()`select id from dossier_attachments where dossier_id = ${strangerDraft}`).toHaveLength(0);
    expect(await e2eSql()`select id from locker_documents where id = ${ownerDoc}`).toHaveLength(1);
  });
});

test.describe('pièces justificatives', () => {
  test('a locker document and a file from the computer, then the locker copy deleted: the dossier keeps its file', async ({ page }) => {
    test.slow();
    const citizen = await createCitizen();
    const draftId = await insertCanteenDraft(citizen.id);
    await signIn(page, citizen.email, citizen.password, '/porte-documents');
    await addToLocker(page, 'Justificatif de domicile', { name: 'Quittance.pdf', mimeType: 'application/pdf', buffer: pdf('quittance de loyer') });

    await page.goto(`/brouillons/${draftId}/justificatifs`);
    await expectNoAxeViolations(page);
    const domicile = page.getByRole('group', { name: 'Justificatif de domicile' });
    const quotient = page.getByRole('group', { name: 'Attestation de quotient familial (facultatif)' });
    await domicile.getByLabel('Ou depuis votre porte-documents').selectOption({ label: 'Justificatif de domicile (Quittance.pdf)' });
    // An HTML page disguised as a PNG is refused; the locker document chosen beside it is attached.
    await quotient.getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'caf.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload="alert(1)"></svg>') });
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(errorSummary(page).getByRole('link', { name: /« caf\.png » n’est pas accepté/ })).toBeVisible();
    await expect(domicile.getByRole('link', { name: 'Quittance.pdf' })).toBeVisible();
    await expect(errorSummary(page)).toBeFocused();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 720 });
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 720 });

    await quotient.getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'Attestation CAF.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(page).toHaveURL(`/brouillons/${draftId}/recapitulatif`);
    const main = page.getByRole('main');
    await expect(main.getByText('Quittance.pdf')).toBeVisible();
    await expect(main.getByText('Attestation CAF.png')).toBeVisible();

    // Deleting the locker original changes nothing in the draft.
    const lockerId = await lockerIdOf(citizen.id, 'Justificatif de domicile');
    await page.goto(`/porte-documents/${lockerId}/supprimer`);
    await page.getByRole('button', { name: 'Supprimer ce document' }).click();
    await expect(page.getByText('Le document a été supprimé de votre porte-documents.')).toBeVisible();
    await page.goto(`/brouillons/${draftId}/justificatifs`);
    const [download] = await Promise.all([page.waitForEvent('download'), domicile.getByRole('link', { name: 'Quittance.pdf' }).click()]);
    expect(await readFile((await download.path())!)).toEqual(pdf('quittance de loyer'));
    const [copy] = await e2eSql()<{ id: string }[]>`select id from dossier_attachments where dossier_id = ${draftId} and field_key = 'justificatifDomicile'`;
    const response = await page.request.get(`/brouillons/${draftId}/pieces/${copy.id}`);
    expect(response.headers()['content-disposition']).toBe(`attachment; filename="Quittance.pdf"; filename*=UTF-8''Quittance.pdf`);
    expect(response.headers()['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(response.headers()['x-content-type-options']).toBe('nosniff');

    // Removing a file from the draft.
    await quotient.getByRole('button', { name: 'Retirer le fichier Attestation CAF.png' }).click();
    await expect(page.getByRole('status').getByText('Le fichier « Attestation CAF.png » a été retiré.')).toBeVisible();
    await expect(quotient.getByLabel('Depuis votre ordinateur')).toBeVisible();
    const [row] = await e2eSql()<{ data: Record<string, unknown> }[]>`select data from dossiers where id = ${draftId}`;
    expect(row.data).toEqual({ justificatifDomicile: [expect.stringMatching(new RegExp(`^${UUID}$`))] });
  });

  test('Enter in a text field of a step with a file question validates the step, not a file button', async ({ page }) => {
    const citizen = await createCitizen();
    const sql = e2eSql();
    const [draft] = await sql<{ id: string }[]>`
      insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
      select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
      from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'subvention-association'
      order by v.version desc limit 1 returning id`;
    await signIn(page, citizen.email, citizen.password, `/brouillons/${draft.id}/financement`);
    await page.getByLabel('Montant demandé (en euros)').fill('1500');
    await page.getByLabel('Montant demandé (en euros)').press('Enter');
    await expect(errorSummary(page).getByRole('link', { name: 'Ajoutez « Budget prévisionnel du projet ».' })).toBeVisible();
    await expect(page.getByText(/Choisissez un fichier sur votre ordinateur/)).toHaveCount(0);
  });

  test('files too large together for one post: the last one is taken out of the choice, the others are sent, then it goes', async ({ page }) => {
    test.slow();
    const citizen = await createCitizen();
    const sql = e2eSql();
    const [draft] = await sql<{ id: string }[]>`
      insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
      select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
      from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'subvention-association'
      order by v.version desc limit 1 returning id`;
    await signIn(page, citizen.email, citizen.password, `/brouillons/${draft.id}/pieces`);
    const rib = page.getByRole('group', { name: /Relevé d'identité bancaire/ });
    const comptes = page.getByRole('group', { name: /Derniers comptes approuvés/ });
    // 4.5 Mo + 9 Mo: each within its limit, 13.5 Mo together, over what one post may carry.
    await rib.getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'rib.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf('rib'), Buffer.alloc(4.5 * 1024 * 1024)]) });
    await comptes.getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'comptes.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf('comptes'), Buffer.alloc(9 * 1024 * 1024)]) });
    await page.getByRole('button', { name: 'Valider l’étape' }).click();
    await expect(errorSummary(page).getByRole('link', { name: /« comptes\.pdf » a été retiré de votre choix/ })).toBeVisible();
    await expect(comptes.getByLabel('Depuis votre ordinateur')).toHaveValue('');
    await expectNoAxeViolations(page);

    await rib.getByRole('button', { name: 'Joindre ce fichier' }).click();
    await expect(page.getByRole('status').getByText('Le fichier « rib.pdf » a été joint à « Relevé d\'identité bancaire (RIB) ».')).toBeVisible();
    await comptes.getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'comptes.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf('comptes'), Buffer.alloc(9 * 1024 * 1024)]) });
    await comptes.getByRole('button', { name: 'Joindre ce fichier' }).click();
    await expect(page.getByRole('status').getByText(/Le fichier « comptes\.pdf » a été joint/)).toBeVisible();
    expect(await sql`select filename from dossier_attachments where dossier_id = ${draft.id} order by filename`).toEqual([{ filename: 'comptes.pdf' }, { filename: 'rib.pdf' }]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('add to the locker, attach from the computer and from the locker, remove, and see a hostile file refused', async ({ page }) => {
      test.slow();
      const citizen = await createCitizen();
      const draftId = await insertCanteenDraft(citizen.id);
      await signIn(page, citizen.email, citizen.password, '/porte-documents');
      // Over 10 Mo: checked on the server when the browser runs no script.
      await page.getByLabel('Titre du document').fill('Trop gros');
      await page.getByLabel('Fichier').setInputFiles({ name: 'gros.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf('x'), Buffer.alloc(10 * 1024 * 1024)]) });
      await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
      await expect(errorSummary(page).getByRole('link', { name: /« gros\.pdf » dépasse la taille maximale de 10 Mo/ })).toBeVisible();
      // Over what the server reads at all: sent back to the page with a message, not an error page.
      await page.getByLabel('Titre du document').fill('Énorme');
      await page.getByLabel('Fichier').setInputFiles({ name: 'enorme.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf('x'), Buffer.alloc(13 * 1024 * 1024)]) });
      await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
      await expect(page).toHaveURL('/porte-documents?envoi=trop-volumineux');
      await expect(page.getByRole('alert').filter({ hasText: 'Le document n’a pas été ajouté' })).toContainText('10 Mo au maximum');
      await addToLocker(page, 'Attestation CAF', { name: 'caf.pdf', mimeType: 'application/pdf', buffer: pdf('caf') });

      await page.goto(`/brouillons/${draftId}/justificatifs`);
      const domicile = page.getByRole('group', { name: 'Justificatif de domicile' });
      const quotient = page.getByRole('group', { name: 'Attestation de quotient familial (facultatif)' });
      await domicile.getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'piege.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><body>piège</body></html>') });
      await page.getByRole('button', { name: 'Valider l’étape' }).click();
      await expect(errorSummary(page).getByRole('link', { name: /« piege\.pdf » n’est pas accepté : son contenu est une page web/ })).toBeVisible();

      await domicile.getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'Facture eau.pdf', mimeType: 'application/pdf', buffer: pdf('eau') });
      await quotient.getByLabel('Ou depuis votre porte-documents').selectOption({ label: 'Attestation CAF (caf.pdf)' });
      await page.getByRole('button', { name: 'Valider l’étape' }).click();
      await expect(page).toHaveURL(`/brouillons/${draftId}/recapitulatif`);
      await expect(page.getByRole('main').getByText('Facture eau.pdf')).toBeVisible();
      await expect(page.getByRole('main').getByText('caf.pdf')).toBeVisible();

      await page.goto(`/brouillons/${draftId}/justificatifs`);
      await domicile.getByRole('button', { name: 'Retirer le fichier Facture eau.pdf' }).click();
      await expect(page.getByText('Le fichier « Facture eau.pdf » a été retiré.')).toBeVisible();
      await page.getByRole('button', { name: 'Valider l’étape' }).click();
      await expect(errorSummary(page).getByRole('link', { name: 'Ajoutez « Justificatif de domicile ».' })).toBeVisible();
    });
  });
});
