import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';
import { TINY_PNG } from '../helpers/images';
import { unzipEntries } from '../helpers/unzip';

// "Exporter mes données": after confirming the password, a ZIP with the JSON of every record and
// every file, byte for byte as the portal serves it.

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

async function addToLocker(page: Page, title: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto('/porte-documents');
  await page.getByLabel('Titre du document').fill(title);
  await page.getByLabel('Fichier').setInputFiles(file);
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText('Le document a été ajouté à votre porte-documents.')).toBeVisible();
}

test('the export asks for the password, then downloads a ZIP with every record and every file', async ({ page }) => {
  test.slow();
  const citizen = await createCitizen({ firstNames: 'Apolline', birthName: 'Exportée' });
  await signIn(page, citizen.email, citizen.password, '/compte/export');
  await e2eSql()`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, status, data)
    select ${citizen.id}, p.id, v.id, 'draft', ${e2eSql().json({ motif: 'brouillon exporté' })}
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.published order by p.slug, v.version desc limit 1`;
  await addToLocker(page, 'Avis d’imposition', { name: 'avis.pdf', mimeType: 'application/pdf', buffer: pdf('avis 2025') });
  await addToLocker(page, 'Photo', { name: 'photo.png', mimeType: 'image/png', buffer: TINY_PNG });
  // What the portal serves for each document is what the archive must hold.
  const served = new Map<string, Buffer>();
  for (const row of await e2eSql()<{ id: string; filename: string }[]>`select id, filename from locker_documents where owner_id = ${citizen.id}`) {
    served.set(row.filename, Buffer.from(await (await page.request.get(`/porte-documents/${row.id}/telecharger`)).body()));
  }

  // Without a fresh password confirmation, the archive is not served.
  const early = await page.request.get('/compte/export/archive', { maxRedirects: 0 });
  expect(early.status()).toBe(303);
  expect(early.headers().location).toBe('/compte/export');

  await page.goto('/compte/export');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exporter mes données');
  await expectNoAxeViolations(page);
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Confirmer et préparer l’archive' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Le mot de passe est incorrect.' })).toBeVisible();
  await page.getByLabel('Mot de passe').fill(citizen.password);
  await page.getByRole('button', { name: 'Confirmer et préparer l’archive' }).click();
  await expect(page.getByRole('heading', { name: 'Votre archive est prête' })).toBeVisible();
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger mes données (archive ZIP)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = await unzipEntries((await download.path())!);
  expect([...entries.keys()].sort()).toEqual(['LISEZMOI.txt', 'donnees.json', 'porte-documents/01-avis.pdf', 'porte-documents/02-photo.png']);
  expect(entries.get('LISEZMOI.txt')!.toString()).toContain('Vos données');
  expect(entries.get('porte-documents/01-avis.pdf')).toEqual(served.get('avis.pdf'));
  expect(entries.get('porte-documents/01-avis.pdf')).toEqual(pdf('avis 2025'));
  expect(entries.get('porte-documents/02-photo.png')).toEqual(served.get('photo.png'));

  const json = entries.get('donnees.json')!.toString();
  expect(json).not.toMatch(/passwordHash|password_hash|\$argon2|storageKey/);
  const data = JSON.parse(json);
  expect(data.account.email).toBe(citizen.email);
  expect(data.profile).toMatchObject({ firstNames: 'Apolline', birthName: 'Exportée' });
  expect(data.dossiers).toEqual([expect.objectContaining({ status: 'draft', data: { motif: 'brouillon exporté' } })]);
  expect(data.lockerDocuments.map((d: { fichier: string }) => d.fichier)).toEqual(['porte-documents/01-avis.pdf', 'porte-documents/02-photo.png']);
  expect(data.auditEntries.map((e: { action: string }) => e.action)).toContain('account.signin');

  const [audit] = await e2eSql()<{ meta: { files: number } }[]>`select meta from audit_log where action = 'account.data_exported' and actor_id = ${citizen.id}`;
  expect(audit.meta.files).toBe(2);
});
