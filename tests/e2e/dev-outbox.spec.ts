import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eServerEnv } from '../../playwright.config';
import { e2eSql } from './support/db';

// Hole 8 of issue 8: the development outbox shows every password-reset link. A demo that listens
// on a network address (HOST) must answer 404 there, unless DEV_OUTBOX=on opens it on purpose.
// Each case starts its own portal (next start, the same build and database) on a port of its own.

const basePort = Number(process.env.E2E_PORT ?? 3100) + 50;
const RESET_LINK = 'https://demo.example/reinitialiser/jeton-secret-de-test';

async function startPortal(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', env.HOST], {
    // No job workers: the main e2e server runs them for this database.
    env: { ...process.env, ...e2eServerEnv, PORT: String(port), JOBS_IN_PROCESS: 'false', MIGRATE_ON_START: 'false', ...env },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal on port ${port} stopped (${child.exitCode})`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`the portal on port ${port} did not start`);
}

function stopPortal(child: ChildProcess | undefined) {
  if (child && child.exitCode === null) child.kill('SIGTERM');
}

let messageId: string;

test.beforeAll(async () => {
  const [row] = await e2eSql()<{ id: string }[]>`
    insert into mail_outbox ("to", "from", subject, text)
    values ('admin@demo.localhost', 'portail@test', 'Réinitialisation de votre mot de passe', ${`Cliquez : ${RESET_LINK}`})
    returning id`;
  messageId = row.id;
});

test.describe('the development outbox and the address the demo listens on', () => {
  test('HOST on every interface: /dev/courriels and each message answer 404', async () => {
    test.setTimeout(120_000);
    const port = basePort;
    const portal = await startPortal(port, { HOST: '0.0.0.0' });
    try {
      for (const path of ['/dev/courriels', `/dev/courriels/${messageId}`, '/dev/courriels?to=admin@demo.localhost']) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        expect(response.status, path).toBe(404);
        expect(await response.text(), path).not.toContain('jeton-secret-de-test');
      }
      // The portal itself is up and serving pages.
      expect((await fetch(`http://127.0.0.1:${port}/connexion`)).status).toBe(200);
    } finally {
      stopPortal(portal);
    }
  });

  test('HOST on every interface with DEV_OUTBOX=on: the outbox is served, as asked', async () => {
    test.setTimeout(120_000);
    const port = basePort + 1;
    const portal = await startPortal(port, { HOST: '0.0.0.0', DEV_OUTBOX: 'on' });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/dev/courriels/${messageId}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('jeton-secret-de-test');
    } finally {
      stopPortal(portal);
    }
  });

  test('HOST unset (loopback, the default of npm run demo): the outbox is served', async ({ request }) => {
    const response = await request.get(`/dev/courriels/${messageId}`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('jeton-secret-de-test');
  });
});
