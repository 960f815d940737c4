import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { createCitizen, e2eSql, waitForEmail } from './support/db';
import { enrolSecondFactorInDatabase, signIn } from './support/session';

// The back-office queue as an agent uses it all day: find a dossier by a name typed without
// accents, take it, give it to a colleague, change two dossiers at once, export the list, and find
// what is left of a dossier whose owner deleted their account. And who must not get the export.

const STREET_REPORT = 'signalement-voirie';
const AGENT = { email: 'agent@demo.localhost', password: 'Demo-Portail-2026!' };

type Citizen = Awaited<ReturnType<typeof createCitizen>>;

/** A submitted street report, arranged in SQL (the database keeps its search words and last activity). */
async function insertSubmitted(owner: Citizen, label: string, description: string): Promise<{ id: string; number: string }> {
  const number = `2026-${String(Math.floor(900000 + Math.random() * 99999)).padStart(6, '0')}`;
  const data = { typeProbleme: 'eclairage', lieu: '5 place de l’Église', description, recontact: false };
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data, status, number, submitted_at)
    select ${owner.id}, p.id, v.id, 'self', ${e2eSql().json({ label: `${label} (vous-même)` })}, ${e2eSql().json(data)}, 'recu', ${number}, now()
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = ${STREET_REPORT}
    order by v.version desc limit 1 returning id`;
  await e2eSql()`insert into dossier_events (dossier_id, kind, to_status) values (${row.id}, 'submitted', 'recu')`;
  return { id: row.id, number };
}

async function createAgent(firstNames: string, birthName: string, granted: boolean) {
  const person = await createCitizen({ firstNames, birthName });
  await e2eSql()`update users set role = 'agent' where id = ${person.id}`;
  if (granted) await e2eSql()`insert into agent_assignments (agent_id, procedure_id) select ${person.id}, id from procedures where slug = ${STREET_REPORT}`;
  await enrolSecondFactorInDatabase(person);
  return person;
}

async function newSignedInPage(browser: Browser, email: string, password: string, callbackUrl?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password, callbackUrl);
  return page;
}

async function emailJobsTo(to: string, subject: string): Promise<number> {
  const rows = await e2eSql()<{ n: number }[]>`
    select count(*)::int as n from (
      select data from pgboss.job where name = 'send-email'
      union all select data from pgboss.archive where name = 'send-email'
    ) jobs where jobs.data->>'to' = ${to} and jobs.data->>'subject' like ${'%' + subject + '%'}`;
  return rows[0].n;
}

async function statusNotifications(ownerId: string, dossierId: string): Promise<number> {
  const [row] = await e2eSql()<{ n: number }[]>`select count(*)::int as n from notifications where user_id = ${ownerId} and dossier_id = ${dossierId} and kind = 'status_change'`;
  return row.n;
}

test('search without accents, take, assign, bulk change, CSV export', async ({ browser }) => {
  test.setTimeout(180_000);
  const helene = await createCitizen({ firstNames: 'Hélène', birthName: 'Lefèvre' });
  const gerard = await createCitizen({ firstNames: 'Gérard', birthName: 'Dupré' });
  const first = await insertSubmitted(helene, 'Hélène Lefèvre', 'Réverbère éteint près de l’école maternelle.');
  const second = await insertSubmitted(gerard, 'Gérard Dupré', 'Lampadaire clignotant, côté église.');
  await createAgent('Paul', 'Collègue', true);

  // Signed in without asking for a page, the agent lands on the queue.
  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password);
  await expect(agent).toHaveURL('/admin');
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Dossiers à traiter');
  await expectNoAxeViolations(agent);

  // The name typed without accents or capitals finds Hélène Lefèvre's dossier, and only hers.
  await agent.getByLabel('Rechercher', { exact: true }).fill('helene LEFEVRE');
  await agent.getByRole('button', { name: 'Afficher les dossiers' }).click();
  await expect(agent).toHaveURL(/[?&]q=helene\+LEFEVRE/);
  await expect(agent.getByRole('status').filter({ hasText: 'correspondant aux critères' })).toHaveText('1 dossier correspondant aux critères.');
  await expect(agent.getByRole('link', { name: new RegExp(`Dossier n° ${first.number}`) })).toBeVisible();
  await expect(agent.getByRole('link', { name: new RegExp(`Dossier n° ${second.number}`) })).toHaveCount(0);
  await expectNoAxeViolations(agent);

  // Take it, then give it to a colleague of the procedure.
  await agent.getByRole('link', { name: new RegExp(`Dossier n° ${first.number}`) }).click();
  await expect(agent.getByText('Ce dossier n’est attribué à personne.')).toBeVisible();
  await agent.getByRole('button', { name: 'Je prends ce dossier' }).click();
  await expect(agent.getByText('Vous avez pris ce dossier.')).toBeVisible();
  await expect(agent.getByRole('region', { name: 'Attribution' })).toContainText(/Attribué à : .+ \(vous\)/);
  await agent.getByLabel('Attribuer à').selectOption({ label: 'Paul Collègue' });
  await agent.getByRole('button', { name: 'Attribuer', exact: true }).click();
  await expect(agent.getByText('Le dossier a été attribué.')).toBeVisible();
  await expect(agent.getByRole('region', { name: 'Attribution' })).toContainText('Attribué à : Paul Collègue');
  await expectNoAxeViolations(agent);

  // In the list of the procedure: the assignee is shown; both new dossiers changed at once.
  await agent.goto('/admin');
  await agent.getByLabel('Démarche').selectOption({ label: 'Signaler un problème sur la voie publique' });
  await agent.getByRole('button', { name: 'Afficher les dossiers' }).click();
  const firstItem = agent.getByRole('listitem').filter({ has: agent.getByRole('link', { name: new RegExp(`Dossier n° ${first.number}`) }) });
  await expect(firstItem).toContainText('Paul Collègue');
  await agent.getByRole('checkbox', { name: `Sélectionner le dossier n° ${first.number}` }).check();
  await agent.getByRole('checkbox', { name: `Sélectionner le dossier n° ${second.number}` }).check();
  await agent.getByLabel('Nouveau statut').selectOption({ label: 'Transmis aux services techniques' });
  await agent.getByLabel('Commentaire pour les usagers').fill('Transmis au service de l’éclairage public.');
  await agent.getByRole('button', { name: 'Changer le statut des dossiers cochés' }).click();
  await expect(agent.getByText('Statut changé pour 2 dossiers. Chaque usager en est informé.')).toBeVisible();
  await expectNoAxeViolations(agent);

  // Each citizen is told once, in the portal and by email.
  for (const [citizen, dossier] of [
    [helene, first],
    [gerard, second],
  ] as const) {
    expect(await statusNotifications(citizen.id, dossier.id)).toBe(1);
    await waitForEmail(citizen.email, 'Transmis aux services techniques');
    expect(await emailJobsTo(citizen.email, 'Transmis aux services techniques')).toBe(1);
  }

  // The CSV of the procedure's queue: BOM, semicolons, the procedure's fields, accents intact.
  await agent.getByLabel('Rechercher', { exact: true }).fill('dupre');
  await agent.getByRole('button', { name: 'Afficher les dossiers' }).click();
  const download = agent.waitForEvent('download');
  await agent.getByRole('link', { name: 'Télécharger ces dossiers (CSV)' }).click();
  const file = await readFile((await (await download).path())!);
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = file.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(header.split(';')).toEqual(
    expect.arrayContaining(['Numéro', 'Statut', 'Bénéficiaire', 'Déposé par', 'Attribué à', 'Type de problème', 'Adresse ou lieu', 'Description']),
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain(second.number);
  expect(rows[0]).toContain('Gérard Dupré');
  expect(rows[0]).toContain('Lampadaire clignotant, côté église.');
  expect(rows[0]).toContain('Transmis aux services techniques');
  await agent.context().close();
});

test('a deleted citizen’s dossier leaves a tombstone: number, procedure, dates, no personal data', async ({ browser }) => {
  const owner = await createCitizen({ firstNames: 'Zoé', birthName: 'Périgord' });
  const dossier = await insertSubmitted(owner, 'Zoé Périgord', 'Trottoir effondré.');
  // What the account deletion does (lib/lifecycle/tombstones.ts), then the account goes.
  await e2eSql()`
    insert into dossier_tombstones (dossier_id, number, procedure_id, procedure_title, final_status, submitted_at, reason)
    select d.id, d.number, p.id, p.title, d.status, d.submitted_at, 'account_deleted' from dossiers d join procedures p on p.id = d.procedure_id where d.id = ${dossier.id}`;
  await e2eSql()`delete from users where id = ${owner.id}`;

  const agent = await newSignedInPage(browser, AGENT.email, AGENT.password, '/admin');
  await agent.getByLabel('Rechercher', { exact: true }).fill(dossier.number);
  await agent.getByRole('button', { name: 'Afficher les dossiers' }).click();
  const tombstones = agent.getByRole('region', { name: 'Dossier supprimé' });
  await expect(tombstones).toContainText(`Dossier n° ${dossier.number}`);
  await expect(tombstones).toContainText('supprimé à la demande de l’usager');
  await tombstones.getByRole('link', { name: `Dossier n° ${dossier.number}` }).click();
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText(`Dossier n° ${dossier.number}`);
  await expect(agent.getByText('Ce dossier a été supprimé à la demande de l’usager.')).toBeVisible();
  await expect(agent.getByText('Signaler un problème sur la voie publique').first()).toBeVisible();
  await expect(agent.locator('main')).not.toContainText('Périgord');
  await expect(agent.locator('main')).not.toContainText('Trottoir');
  await expectNoAxeViolations(agent);
  // The dossier's old address answers with the same tombstone.
  await agent.goto(`/admin/dossiers/${dossier.id}`);
  await expect(agent.getByText('Ce dossier a été supprimé à la demande de l’usager.')).toBeVisible();
  await agent.context().close();
});

test('the export and the take button are not for an agent outside the procedure, nor for a citizen', async ({ page, browser }) => {
  const owner = await createCitizen();
  const dossier = await insertSubmitted(owner, 'Camille Martin', 'Panneau tordu.');
  const [procedure] = await e2eSql()<{ id: string }[]>`select id from procedures where slug = ${STREET_REPORT}`;
  const exportPath = `/admin/export?procedure=${procedure.id}`;

  await signIn(page, owner.email, owner.password);
  expect((await page.request.get(exportPath)).status()).toBe(404);

  const outsider = await createAgent('Olga', 'Dehors', false);
  const agent = await newSignedInPage(browser, outsider.email, outsider.password, '/admin');
  expect((await agent.request.get(exportPath)).status()).toBe(404);
  expect((await agent.goto(`/admin/dossiers/${dossier.id}`))?.status()).toBe(404);
  const [row] = await e2eSql()<{ assignee_id: string | null }[]>`select assignee_id from dossiers where id = ${dossier.id}`;
  expect(row.assignee_id).toBeNull();
  await agent.context().close();
});
