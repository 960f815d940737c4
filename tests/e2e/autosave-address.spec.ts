import { expect, test } from '@playwright/test';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// Issue 12, "Autosave on another address of the same site": the e2e server's PUBLIC_ORIGIN is
// http://localhost:<port>; the citizen opens the portal at http://127.0.0.1:<port>. Autosave
// must save there (the request's own host is accepted, as Next does for server actions), not
// answer 403 and promise a retry for ever.

const port = Number(process.env.E2E_PORT ?? 3100);
test.use({ baseURL: `http://127.0.0.1:${port}` });

const SAVED = /Enregistré à \d{1,2}\s?h\s?\d{2}/;

test('a draft opened at 127.0.0.1 while the public address is localhost saves itself', async ({ page }) => {
  const citizen = await createCitizen();
  const sql = e2eSql();
  const [draft] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'signalement-voirie'
    order by v.version desc limit 1 returning id`;
  const stepPath = `/brouillons/${draft.id}/lieu`;
  await signIn(page, citizen.email, citizen.password, stepPath);
  await expect(page).toHaveURL(`http://127.0.0.1:${port}${stepPath}`);

  const autosaves: number[] = [];
  page.on('response', (response) => {
    if (response.url().includes(`/api/brouillons/${draft.id}`)) autosaves.push(response.status());
  });
  await page.getByLabel('Adresse ou lieu').fill('2 rue de la Gare');
  await expect(page.getByText(SAVED)).toBeVisible();
  expect(autosaves).toContain(200);
  expect(autosaves).not.toContain(403);
  const [row] = await sql<{ data: Record<string, unknown> }[]>`select data from dossiers where id = ${draft.id}`;
  expect(row.data.lieu).toBe('2 rue de la Gare');
});

test('a refusal that retrying cannot fix says so plainly and links to the public address', async ({ page }) => {
  const citizen = await createCitizen();
  const sql = e2eSql();
  const [draft] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'signalement-voirie'
    order by v.version desc limit 1 returning id`;
  const stepPath = `/brouillons/${draft.id}/lieu`;
  await signIn(page, citizen.email, citizen.password, stepPath);
  // A server behind a proxy that rewrites Host without being trusted answers so (see the
  // integration test of the route for the check itself).
  let refused = 0;
  await page.route(`**/api/brouillons/${draft.id}`, (route) => {
    refused += 1;
    return route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: 'forbidden-origin', publicOrigin: `http://localhost:${port}` }) });
  });
  await page.getByLabel('Adresse ou lieu').fill('2 rue de la Gare');
  const status = page.getByRole('status').filter({ hasText: 'Vos réponses ne peuvent pas être enregistrées sur le serveur depuis cette adresse ; elles sont gardées sur cet appareil.' });
  await expect(status).toBeVisible();
  await expect(status.getByRole('link', { name: 'Continuer à l’adresse du portail' })).toHaveAttribute('href', `http://localhost:${port}${stepPath}`);
  await expect(page.getByText('Nouvel essai automatique')).toHaveCount(0);
  expect(await page.evaluate((key) => window.localStorage.getItem(key), `portail:journal:${draft.id}`)).toContain('2 rue de la Gare');
  expect(refused).toBe(1);
});
