import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// Type and dates of locker documents as a citizen uses them: a document about to expire is listed
// at the top of the Porte-documents; an old proof of address attached to a step that asks for one
// of less than 3 months is attached with a warning.

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

/** "YYYY-MM-DD", n days from today (UTC: a day's margin is enough here). */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function insertCanteenDraft(ownerId: string): Promise<string> {
  const sql = e2eSql();
  const [row] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${ownerId}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'inscription-cantine'
    order by v.version desc limit 1 returning id`;
  return row.id;
}

test('a document expiring soon is listed; an old proof of address is attached with a warning', async ({ page }) => {
  test.slow();
  const citizen = await createCitizen();
  const draftId = await insertCanteenDraft(citizen.id);
  await signIn(page, citizen.email, citizen.password, '/porte-documents');
  await expect(page.getByRole('heading', { name: 'Documents bientôt expirés' })).toHaveCount(0);

  // An identity card expiring in 10 days.
  await page.getByLabel('Titre du document').fill('Carte d’identité');
  await page.getByLabel('Type de document').selectOption({ label: 'Pièce d’identité' });
  await page.getByLabel('Date d’expiration').fill(daysFromToday(10));
  await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'cni.pdf', mimeType: 'application/pdf', buffer: pdf('carte') });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText('Le document a été ajouté à votre porte-documents.')).toBeVisible();
  const expiring = page.locator('div').filter({ has: page.getByRole('heading', { name: 'Documents bientôt expirés' }) }).last();
  await expect(expiring.getByRole('listitem')).toHaveText([/^Carte d’identité : expire le /]);

  // A date of issue in the future is refused, in French, with the error summary.
  await page.getByLabel('Titre du document').fill('Facture EDF');
  await page.getByLabel('Type de document').selectOption({ label: 'Justificatif de domicile' });
  await page.getByLabel('Date de délivrance').fill(daysFromToday(40));
  await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: pdf('facture') });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByRole('link', { name: 'La date de délivrance ne peut pas être dans le futur.' })).toBeVisible();

  // A proof of address of 12 January 2026 (the file, and the type, chosen again after the error).
  await page.getByLabel('Type de document').selectOption({ label: 'Justificatif de domicile' });
  await page.getByLabel('Date de délivrance').fill('2026-01-12');
  await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: pdf('facture') });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText('Le document a été ajouté à votre porte-documents.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/brouillons/${draftId}/justificatifs`);
  const domicile = page.getByRole('group', { name: 'Justificatif de domicile' });
  await domicile
    .getByLabel('Ou depuis votre porte-documents')
    .selectOption({ label: 'Facture EDF (facture.pdf) — Justificatif de domicile, délivré le 12 janvier 2026' });
  await domicile.getByRole('button', { name: 'Joindre ce fichier' }).click();
  await expect(page.getByText('Ce document date du 12 janvier 2026 : la démarche demande un document de moins de 3 mois.')).toBeVisible();
  await expect(domicile.getByRole('link', { name: 'facture.pdf' })).toBeVisible();
  await expectNoAxeViolations(page);
});
