import { defineConfig, devices } from '@playwright/test';

// E2E runs the built portal (`next start`) against the real services that scripts/test.sh starts:
// PostgreSQL (database e2e), the local S3 server, and the development outbox for emails.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export const e2eServerEnv: Record<string, string> = {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  PORT: String(port),
  PUBLIC_ORIGIN: baseURL,
  PORTAL_MODE: 'demo',
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
  S3_ENDPOINT: process.env.TEST_S3_ENDPOINT ?? '',
  S3_BUCKET: 'portail-e2e',
  S3_ACCESS_KEY_ID: process.env.TEST_S3_ACCESS_KEY_ID ?? '',
  S3_SECRET_ACCESS_KEY: process.env.TEST_S3_SECRET_ACCESS_KEY ?? '',
  AUTH_SECRET: 'e2e-secret-not-for-production-0123456789abcdef',
  AUTH_TRUST_HOST: 'true',
  DATA_DIR: '.test-run/e2e-data',
};

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  // Generous: a journey signs in several times (Argon2id) on a 2-core machine shared with the server and PostgreSQL,
  // and an agent's or administrator's sign-in is now two steps (password, then a TOTP code).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '.test-run/playwright.json' }]],
  use: {
    baseURL,
    locale: 'fr-FR',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: chromium,
    },
    {
      // Two standalone servers and the worker on a database of their own (tests/e2e-multi): what the
      // container image runs, on several machines. Starts its own processes (ports 3117-3118).
      name: 'standalone',
      testDir: 'tests/e2e-multi',
      timeout: 120_000,
      use: chromium,
    },
  ],
  webServer: {
    // One process we can stop (STACK.md): not `npx next start`. scripts/standalone.mjs completes the
    // standalone output (static assets, migrations, worker) that some specs start themselves.
    command: `node scripts/standalone.mjs && node node_modules/next/dist/bin/next start -p ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: e2eServerEnv,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
