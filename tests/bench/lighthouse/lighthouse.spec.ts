import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, test } from '@playwright/test';
import { createCitizen, e2eSql } from '../../e2e/support/db';
import { signIn } from '../../e2e/support/session';

// Lighthouse drives the same Chromium as Playwright through its debugging port, in a persistent
// context so that the sign-in cookie is the one Lighthouse's tab sends (storage reset disabled).
test('Lighthouse mobile: home, catalogue, procedure, step, recap, back office', async () => {
  test.setTimeout(1_800_000);
  const port = 9333;
  const base = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
  // One browser per person: Lighthouse's tabs open in the persistent context, with its cookies.
  const openBrowser = () =>
    chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'lh-')), {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      baseURL: base,
      locale: 'fr-FR',
      args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`],
    });
  let context = await openBrowser();
  let page = await context.newPage();
  const citizen = await createCitizen();
  const sql = e2eSql();
  const [draft] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, status, data)
    select ${citizen.id}, p.id, v.id, 'self', ${sql.json({ label: 'Camille Martin (vous-même)' })}, 'draft', '{}'::jsonb
    from procedures p join procedure_versions v on v.procedure_id = p.id where p.slug = 'signalement-voirie'
    order by v.version desc limit 1 returning id`;
  const [firstStep] = await sql<{ key: string }[]>`
    select v.definition->'steps'->0->>'key' as key from dossiers d join procedure_versions v on v.id = d.procedure_version_id where d.id = ${draft.id}`;
  const { default: lighthouse } = await import(process.env.LIGHTHOUSE_MODULE ?? 'lighthouse');
  const runs = Number(process.env.LH_RUNS ?? 3);
  const results: string[] = [];
  const audit = async (name: string, url: string) => {
    for (let i = 0; i < runs; i++) {
      const r = await lighthouse(base + url, { port, output: 'json', logLevel: 'error', disableStorageReset: true, onlyCategories: ['performance', 'best-practices', 'accessibility'] });
      const c = r.lhr.categories;
      const a = r.lhr.audits;
      const line = `${name}\trun ${i + 1}\tperf ${Math.round(c.performance.score * 100)}\tbp ${Math.round(c['best-practices'].score * 100)}\ta11y ${Math.round(c.accessibility.score * 100)}\tFCP ${a['first-contentful-paint'].displayValue}\tLCP ${a['largest-contentful-paint'].displayValue}\tTBT ${a['total-blocking-time'].displayValue}\tCLS ${a['cumulative-layout-shift'].displayValue}`;
      console.log(line);
      results.push(line);
      if (i === 0) writeFileSync(path.resolve(`.test-run/lighthouse-${name}.json`), JSON.stringify(r.lhr));
    }
  };
  const [proc] = await sql<{ slug: string }[]>`select slug from procedures where slug = 'acte-de-naissance'`;
  await audit('home', '/');
  await audit('catalogue', '/demarches');
  await audit('procedure', `/demarches/${proc.slug}`);
  await signIn(page, citizen.email, citizen.password, `/brouillons/${draft.id}/recapitulatif`);
  await audit('step', `/brouillons/${draft.id}/${firstStep.key}`);
  await audit('recap', `/brouillons/${draft.id}/recapitulatif`);
  await context.close();
  context = await openBrowser();
  page = await context.newPage();
  await signIn(page, 'agent@demo.localhost', 'Demo-Portail-2026!', '/admin');
  await audit('admin', '/admin');
  writeFileSync(path.resolve('.test-run/lighthouse.tsv'), results.join('\n') + '\n');
  await context.close();
});
