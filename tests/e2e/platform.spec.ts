import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eServerEnv } from '../../playwright.config';

test.describe('security headers', () => {
  test('every page carries a nonce-based CSP and the protective headers', async ({ request }) => {
    const first = await request.get('/');
    const second = await request.get('/aide');
    for (const response of [first, second]) {
      const headers = response.headers();
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(headers['x-powered-by']).toBeUndefined();
    }
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonceOf(first.headers()['content-security-policy'])).not.toBe(nonceOf(second.headers()['content-security-policy']));
  });

  test('the scripts of a page carry the nonce of its CSP, so the page runs under it', async ({ page, request }) => {
    // The server's HTML: every script tag carries this response's nonce.
    const html = await request.get('/');
    const nonce = /'nonce-([^']+)'/.exec(html.headers()['content-security-policy'])?.[1];
    const tags = (await html.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    // In the browser: the page hydrates (chunks loaded through 'strict-dynamic') without a CSP violation.
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto('/');
    await page.waitForFunction(() => document.querySelectorAll('script[src]').length > 0);
    await page.getByRole('link', { name: 'Liste des démarches' }).first().click();
    await expect(page).toHaveURL(/\/demarches$/);
    expect(violations).toEqual([]);
  });

  test('HSTS is sent by the production build', async ({ request }) => {
    const response = await request.get('/');
    expect(response.headers()['strict-transport-security']).toContain('max-age=');
  });
});

test.describe('health endpoints', () => {
  test('readiness (/api/health) reports the database, in JSON, uncached', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/json');
    expect(response.headers()['cache-control']).toContain('no-store');
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: { status: 'ok', driver: 'postgres' } } });
  });

  test('liveness (/api/health/live and /api/ping) answers without touching a dependency', async ({ request }) => {
    for (const path of ['/api/health/live', '/api/ping']) {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      expect(response.headers()['cache-control']).toContain('no-store');
    }
  });

  test('the detailed status (/api/health/status) reports storage, mail and the queue', async ({ request }) => {
    const response = await request.get('/api/health/status');
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      checks: {
        database: { status: 'ok', driver: 'postgres' },
        storage: { status: 'ok', driver: 's3' },
        mail: { status: 'ok', driver: 'outbox' },
        queue: { status: 'ok', workersInThisProcess: true },
      },
    });
  });
});

// Start-up with a bad configuration: one clear line naming the variable, then exit.
// The portal logs JSON lines on standard output; `stderr` here is everything the process printed.
function startWith(overrides: Record<string, string>, port: number) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
      env: { ...process.env, ...e2eServerEnv, PORT: String(port), ...overrides, STARTUP_CHECK_TIMEOUT_MS: '1500' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}

test.describe('start-up with a bad configuration', () => {
  test('a malformed DATABASE_URL stops start-up with one line naming it', async () => {
    const { code, stderr } = await startWith({ DATABASE_URL: 'mysql://root:hunter2@localhost/portail' }, 3191);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((line) => line.includes('[portail]'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL must be a postgres://');
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('an S3 endpoint that does not answer stops start-up with one line naming it', async () => {
    const { code, stderr } = await startWith({ S3_ENDPOINT: 'http://127.0.0.1:9' }, 3192);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((line) => line.includes('[portail]'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('S3_ENDPOINT');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('a PostgreSQL server that does not answer stops start-up with one line naming DATABASE_URL', async () => {
    const { code, stderr } = await startWith({ DATABASE_URL: 'postgres://portail:secret@127.0.0.1:9/portail' }, 3193);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((line) => line.includes('[portail]'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(stderr).not.toContain('secret@');
  });
});
