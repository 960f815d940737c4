import path from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../../playwright.config';

// Lighthouse mobile on the six pages of issue 12, signed in where citizens and agents are (not part
// of CI: Lighthouse is not a dependency, and its scores need a quiet machine). Same services and
// `next start` as the e2e tests (scripts/test.sh prepares them):
//   npm install --prefix /tmp/lh lighthouse@12
//   LIGHTHOUSE_MODULE=/tmp/lh/node_modules/lighthouse/core/index.js npx playwright test -c tests/bench/lighthouse/playwright.config.ts
// Prints one line per run (three runs a page) and writes .test-run/lighthouse.tsv.
const root = path.resolve(import.meta.dirname, '../../..');
export default defineConfig({
  ...base,
  testDir: '.',
  webServer: { ...(base.webServer as object), cwd: root } as typeof base.webServer,
  timeout: 1_800_000, projects: [{ name: 'lighthouse' }], reporter: 'line' });
