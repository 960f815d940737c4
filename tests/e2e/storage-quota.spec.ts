import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// Hole 7 of issue 8, as the citizen sees it: files attached to drafts take room in the same
// 100 Mo as the Porte-documents. Large files are recorded rows without content: only their size matters.

const MB = 1024 * 1024;
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

async function insertCanteenDraft(ownerId: string): Promise<string> {
  const sql = e2eSql();
  const [row] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${ownerId}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'inscription-cantine'
    order by v.version desc limit 1 returning id`;
  return row.id;
}

async function recordFile(table: 'locker' | 'draft', ownerOrDraft: string, sizeBytes: number) {
  const sql = e2eSql();
  const id = randomUUID();
  if (table === 'locker') {
    await sql`insert into locker_documents (id, owner_id, title, filename, mime_type, size_bytes, sha256, storage_key)
      values (${id}, ${ownerOrDraft}, 'Scans anciens', 'scans.pdf', 'application/pdf', ${sizeBytes}, ${'0'.repeat(64)}, ${`locker/${ownerOrDraft}/${id}`})`;
  } else {
    await sql`insert into dossier_attachments (id, dossier_id, kind, field_key, filename, mime_type, size_bytes, sha256, storage_key)
      values (${id}, ${ownerOrDraft}, 'supporting', 'autre', 'gros.pdf', 'application/pdf', ${sizeBytes}, ${'0'.repeat(64)}, ${`dossiers/${ownerOrDraft}/${id}`})`;
  }
}

test('a nearly full account: the Porte-documents shows what takes the room, the step refuses the file and says what to remove', async ({ page }) => {
  const citizen = await createCitizen();
  await recordFile('locker', citizen.id, 60 * MB);
  await recordFile('draft', await insertCanteenDraft(citizen.id), 40 * MB - 10);
  const draftId = await insertCanteenDraft(citizen.id);

  await signIn(page, citizen.email, citizen.password, '/porte-documents');
  await expect(page.getByText('100 Mo utilisés sur 100 Mo : 60 Mo pour vos documents et 40 Mo pour les fichiers joints à vos brouillons.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Votre espace de stockage est presque plein' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/brouillons/${draftId}/justificatifs`);
  const group = page.getByRole('group', { name: 'Justificatif de domicile' });
  await group.getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'edf.pdf', mimeType: 'application/pdf', buffer: pdf('facture edf') });
  await group.getByRole('button', { name: 'Joindre ce fichier' }).click();
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });
  await expect(summary).toContainText('« edf.pdf »');
  await expect(summary).toContainText('n’a pas été joint : votre espace de stockage est presque plein');
  await expect(summary).toContainText('60 Mo dans votre porte-documents et 40 Mo de fichiers joints à vos brouillons');
  await expect(summary).toContainText('Retirez des fichiers de vos brouillons ou supprimez des documents de votre porte-documents');
  expect(await e2eSql()`select id from dossier_attachments where dossier_id = ${draftId}`).toHaveLength(0);
});
