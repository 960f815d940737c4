import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// The iban field type as a citizen meets it in the association grant: a wrong IBAN gets a French
// message, a right one typed in lower case without spaces is saved without spaces and shown
// grouped by four in the recap column and on the "Vérifiez vos réponses" page.

const SAVED = /Enregistré à \d{1,2}\s?h\s?\d{2}/;
const FORMAT_ERROR = 'Saisissez un IBAN français, par exemple FR76 3000 6000 0112 3456 7890 189.';
const KEY_ERROR = 'La clé de contrôle de l’IBAN est incorrecte : vérifiez chaque caractère.';
const GROUPED = 'FR76 3000 6000 0112 3456 7890 189';

const errorSummary = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Il y a un problème' }) });

async function insertGrantDraft(ownerId: string): Promise<string> {
  const sql = e2eSql();
  const [row] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${ownerId}, p.id, v.id, 'organisation', ${sql.json({ label: 'Les Jardins partagés' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'subvention-association'
    order by v.version desc limit 1 returning id`;
  return row.id;
}

test('IBAN: a wrong one is refused in French, a right one is saved without spaces and shown by four', async ({ page }) => {
  const citizen = await createCitizen();
  const id = await insertGrantDraft(citizen.id);
  await signIn(page, citizen.email, citizen.password, `/brouillons/${id}/pieces`);
  const iban = page.getByLabel(/IBAN du compte de l'association/);

  // Not an IBAN at all, then one character mistyped: each has its own message, in the summary and beside the field.
  // Enter validates the step (a click on the button could land after the inline error moved it).
  await iban.fill('FR76 3000 6000');
  await iban.press('Enter');
  await expect(errorSummary(page).getByRole('link', { name: FORMAT_ERROR })).toBeVisible();
  await iban.fill('FR76 3000 6000 0112 3456 7890 180');
  await iban.press('Enter');
  await expect(errorSummary(page).getByRole('link', { name: KEY_ERROR })).toBeVisible();
  await expect(page.locator('#ibanAssociation-error')).toHaveText(`Erreur : ${KEY_ERROR}`);
  await expectNoAxeViolations(page);

  // The right one, in lower case and without spaces: accepted, autosaved as capitals without spaces.
  await iban.fill('fr7630006000011234567890189');
  await iban.blur();
  await expect(page.getByText(SAVED)).toBeVisible();
  await expect.poll(async () => (await e2eSql()<{ data: Record<string, unknown> }[]>`select data from dossiers where id = ${id}`)[0].data.ibanAssociation).toBe('FR7630006000011234567890189');

  // Back on the step: the recap column and the input show it grouped by four.
  await page.reload();
  const recap = page.getByRole('navigation', { name: 'Récapitulatif' });
  await expect(recap.getByText(GROUPED)).toBeVisible();
  await expect(iban).toHaveValue(GROUPED);

  // "Vérifiez vos réponses": the same grouped value, with its change link.
  await page.goto(`/brouillons/${id}/recapitulatif`);
  const row = page.locator('dl > div').filter({ hasText: "IBAN du compte de l'association" });
  await expect(row.getByText(GROUPED)).toBeVisible();
  await expect(row.getByRole('link', { name: /Modifier/ })).toHaveAttribute('href', `/brouillons/${id}/pieces?retour=recapitulatif#ibanAssociation`);
  await expectNoAxeViolations(page);
});
