import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { createCitizen, e2eSql } from './support/db';
import { kilobytes, measureBuild } from './support/javascript-weight';
import { signIn } from './support/session';

// The JavaScript budget (issue 12, decision 019): the first-load JavaScript of every page, gzip,
// read from the build this run serves (Playwright's server runs `next start` on it; scripts/test.sh
// builds before the end-to-end tests). Two readings that must agree:
// 1. the build's manifests, for every page (a page without a budget of its own has the default);
// 2. what Chromium actually fetches until `load` on the pages citizens spend their time on, signed
//    in where they are (the signed-in parts of the layout load on those pages only).
// Lowering a budget below its figure fails the run: that is the point. Raising one is a decision
// to write down in docs/decisions/019-javascript-weight.md.

const KB = 1024;

/** Budgets in KB gzip, by route pattern as Next names it. */
const BUDGETS: Record<string, number> = {
  // The form step: the page citizens spend their time on.
  '/brouillons/[id]/[step]': 150,
  '/brouillons/[id]/recapitulatif': 150,
  // Public pages.
  '/': 135,
  '/aide': 135,
  '/demarches': 135,
  '/demarches/[slug]': 135,
};

/**
 * Every other page. The forms still on classic zod (sign-in, sign-up, account, relations, the
 * procedure editor) and the second-factor pages (QR code) are above it: they have their own
 * budget at today's figure until they get the step's treatment.
 */
const DEFAULT_BUDGET = 150;
const OWN_BUDGETS: Record<string, number> = {
  '/connexion': 230,
  '/inscription': 230,
  '/inscription/verifiez-vos-courriels': 230,
  '/mot-de-passe-oublie': 230,
  '/reinitialiser/[token]': 230,
  '/confirmer/[token]': 230,
  '/compte': 230,
  '/relations/nouvelle': 225,
  '/relations/[id]': 225,
  '/admin/demarches': 225,
  '/admin/demarches/[id]': 230,
  '/connexion/activation': 365,
  '/connexion/code': 365,
  '/connexion/code-de-secours': 365,
};

const budgetOf = (route: string) => BUDGETS[route] ?? OWN_BUDGETS[route] ?? DEFAULT_BUDGET;

const weights = measureBuild();
const byRoute = new Map(weights.map((w) => [w.route, w]));

const gzipSizes = new Map<string, number>();
function gzipSizeOf(file: string): number {
  let size = gzipSizes.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.resolve('.next', file))).length;
    gzipSizes.set(file, size);
  }
  return size;
}

/** The scripts Chromium requests while loading the page (until `load`), as files of .next/static. */
async function scriptsFetched(page: Page, url: string): Promise<string[]> {
  const files = new Set<string>();
  const onRequest = (request: { resourceType(): string; url(): string }) => {
    const { pathname } = new URL(request.url());
    if (request.resourceType() === 'script' && pathname.startsWith('/_next/static/')) files.add(pathname.replace('/_next/', ''));
  };
  page.on('request', onRequest);
  await page.goto(url, { waitUntil: 'load' });
  page.off('request', onRequest);
  return [...files];
}

function expectWithinBudget(route: string, files: string[]) {
  const gzipBytes = files.reduce((sum, file) => sum + gzipSizeOf(file), 0);
  expect(kilobytes(gzipBytes), `${route}: ${kilobytes(gzipBytes)} KB gz of JavaScript at first load, budget ${budgetOf(route)} KB`).toBeLessThanOrEqual(budgetOf(route));
  // The manifest reading is not allowed to miss what the page really loads.
  const manifest = byRoute.get(route);
  expect(manifest, `${route} is in the build's manifests`).toBeDefined();
  expect(files, `${route}: every script of the page's manifest is loaded`).toEqual(expect.arrayContaining(manifest!.files));
}

test('every page of the build keeps its first-load JavaScript within its budget (manifests)', () => {
  expect(weights.length, 'client reference manifests found in .next').toBeGreaterThan(40);
  for (const route of [...Object.keys(BUDGETS), ...Object.keys(OWN_BUDGETS)]) expect(byRoute.has(route), `${route} is a page of the build`).toBe(true);
  const over = weights
    .filter((w) => w.gzipBytes > budgetOf(w.route) * KB)
    .map((w) => `${w.route}: ${kilobytes(w.gzipBytes)} KB gz > ${budgetOf(w.route)} KB`);
  expect(over).toEqual([]);
});

test('public pages load at most their budget of JavaScript, anonymous visit', async ({ page }) => {
  const [procedure] = await e2eSql()<{ slug: string }[]>`select slug from procedures where slug = 'acte-de-naissance'`;
  for (const [route, url] of [
    ['/', '/'],
    ['/aide', '/aide'],
    ['/demarches', '/demarches'],
    ['/demarches/[slug]', `/demarches/${procedure.slug}`],
  ] as const) {
    expectWithinBudget(route, await scriptsFetched(page, url));
  }
});

test('a form step and the recap load at most 150 KB gz of JavaScript, signed in', async ({ page }) => {
  const citizen = await createCitizen();
  const sql = e2eSql();
  const [draft] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'signalement-voirie'
    order by v.version desc limit 1 returning id`;
  await signIn(page, citizen.email, citizen.password, `/brouillons/${draft.id}/recapitulatif`);
  const [firstStep] = await sql<{ key: string }[]>`
    select v.definition->'steps'->0->>'key' as key from dossiers d join procedure_versions v on v.id = d.procedure_version_id where d.id = ${draft.id}`;

  const step = await scriptsFetched(page, `/brouillons/${draft.id}/${firstStep.key}`);
  await expect(page.getByRole('button', { name: 'Valider l’étape' })).toBeVisible();
  expectWithinBudget('/brouillons/[id]/[step]', step);

  expectWithinBudget('/brouillons/[id]/recapitulatif', await scriptsFetched(page, `/brouillons/${draft.id}/recapitulatif`));
});
