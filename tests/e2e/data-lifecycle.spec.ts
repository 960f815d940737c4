import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { expect, test } from '@playwright/test';
import PgBoss from 'pg-boss';
import { e2eServerEnv } from '../../playwright.config';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql, waitForEmail } from './support/db';
import { signIn } from './support/session';

// Data lifecycle as a citizen notices it: an abandoned draft is announced by email, then deleted
// with its files; the statements say what the portal really does.
// The test clock: rows are moved back in time, then the daily job is queued as its schedule would.

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

async function runDailyJob(name: string) {
  const boss = new PgBoss({ connectionString: e2eServerEnv.DATABASE_URL, schedule: false, supervise: false, migrate: false });
  boss.on('error', () => {});
  await boss.start();
  try {
    const id = await boss.send(name, {});
    expect(id).toBeTruthy();
    await expect.poll(async () => (await boss.getJobById(name, id!))?.state, { timeout: 20_000 }).toBe('completed');
  } finally {
    await boss.stop({ graceful: false });
  }
}

async function storedObjectExists(key: string): Promise<boolean> {
  const client = new S3Client({
    endpoint: e2eServerEnv.S3_ENDPOINT,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: e2eServerEnv.S3_ACCESS_KEY_ID, secretAccessKey: e2eServerEnv.S3_SECRET_ACCESS_KEY },
  });
  try {
    await client.send(new HeadObjectCommand({ Bucket: e2eServerEnv.S3_BUCKET, Key: key }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

test('an untouched draft gets a warning email, then is deleted with its files', async ({ page }) => {
  test.slow();
  const citizen = await createCitizen();
  const [draft] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${citizen.id}, p.id, v.id, 'self', ${e2eSql().json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'inscription-cantine'
    order by v.version desc limit 1 returning id`;
  await signIn(page, citizen.email, citizen.password, `/brouillons/${draft.id}/justificatifs`);
  await page.getByRole('group', { name: 'Justificatif de domicile' }).getByLabel('Depuis votre ordinateur').setInputFiles({ name: 'Quittance.pdf', mimeType: 'application/pdf', buffer: pdf('quittance') });
  await page.getByRole('button', { name: 'Valider l’étape' }).click();
  await expect(page).toHaveURL(`/brouillons/${draft.id}/recapitulatif`);
  const [attachment] = await e2eSql()<{ id: string; storage_key: string }[]>`select id, storage_key from dossier_attachments where dossier_id = ${draft.id}`;
  expect(await storedObjectExists(attachment.storage_key)).toBe(true);

  // Six months minus ten days without a save: the owner is warned.
  await e2eSql()`update dossiers set updated_at = now() - interval '6 months' + interval '10 days' where id = ${draft.id}`;
  const since = new Date();
  await runDailyJob('apply-retention');
  const email = await waitForEmail(citizen.email, 'Votre brouillon sera supprimé le', since);
  const [procedure] = await e2eSql()<{ title: string }[]>`select title from procedures where slug = 'inscription-cantine'`;
  expect(email.text).toContain(`« ${procedure.title} »`);
  const link = new RegExp(`https?://[^\\s]+(/brouillons/${draft.id}/recapitulatif)`).exec(email.text);
  expect(link).not.toBeNull();
  await page.goto(link![1]);
  await expect(page.getByRole('main').getByText('Quittance.pdf')).toBeVisible();

  // Sixteen days later, still untouched: the draft and its file are gone.
  await e2eSql()`update dossiers set updated_at = updated_at - interval '16 days', retention_warned_at = retention_warned_at - interval '16 days' where id = ${draft.id}`;
  await runDailyJob('apply-retention');
  expect(await e2eSql()`select id from dossiers where id = ${draft.id}`).toHaveLength(0);
  expect(await e2eSql()`select id from dossier_attachments where id = ${attachment.id}`).toHaveLength(0);
  expect(await storedObjectExists(attachment.storage_key)).toBe(false);
  expect((await page.request.get(`/brouillons/${draft.id}/recapitulatif`, { maxRedirects: 0 })).status()).toBe(404);
  const [audit] = await e2eSql()<{ meta: Record<string, number> }[]>`
    select meta from audit_log where action = 'maintenance.retention_applied' order by created_at desc limit 1`;
  expect(audit.meta.draftsDeleted).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(audit.meta)).not.toContain(citizen.email);
});

test('the statements are generated from the configuration', async ({ page }) => {
  await page.goto('/accessibilite');
  const main = page.getByRole('main');
  await expect(main).toContainText('partiellement conforme');
  await expect(main).toContainText('Commune de Démoville');
  await expect(main).not.toContainText('à compléter');
  await expect(main.getByRole('heading', { name: 'Ce qui a été vérifié' })).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité : partiellement conforme' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/donnees-personnelles');
  await expect(main).not.toContainText('à compléter');
  const drafts = main.getByRole('region', { name: 'Brouillons de démarches' });
  await expect(drafts).toContainText('non modifié pendant 6 mois');
  await expect(drafts).toContainText('15 jours avant');
  await expect(main.getByRole('region', { name: 'Demandes envoyées' })).toContainText('2 ans après la décision finale');
  await expect(main.getByRole('link', { name: 'Exporter mes données' })).toHaveAttribute('href', '/compte/export');
  await expectNoAxeViolations(page);
});
