// `npm run demo`: the portal on its embedded defaults, with no external service.
// Migrates and seeds the embedded database under .data/, builds, starts on PORT (3000) and
// prints the URL and the demo accounts. A second run keeps the data of the first.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ||= 'true';

// Sessions need a stable secret: generated once and kept beside the embedded data.
function ensureAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const dataDir = path.resolve(process.env.DATA_DIR || '.data');
process.env.DATA_DIR = dataDir;
process.env.AUTH_SECRET ||= ensureAuthSecret(dataDir);
process.env.AUTH_TRUST_HOST ||= 'true';
process.env.PORTAL_MODE ||= 'demo';
const port = process.env.PORT || '3000';

const { getEnv } = await import('@/lib/env');
const { prepareDatabase } = await import('./prepare-database');
const { DEMO_PASSWORD, DEMO_TOTP_SECRETS } = await import('@/db/seed');
const { DEFAULT_DEMO_HOST, describeDevOutbox } = await import('@/lib/common/dev-outbox');

let env;
try {
  env = getEnv();
} catch (error) {
  console.error(`[demo] ${(error as Error).message}`);
  process.exit(1);
}

console.log(`[demo] Préparation de la base ${env.DATABASE_URL ? 'PostgreSQL' : `embarquée (${path.relative(root, dataDir)}/pglite)`}…`);
const seeded = await prepareDatabase();

console.log('[demo] Construction du portail (next build)…');
const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: process.env });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log('[demo] Démarrage…');
// Loopback unless HOST says otherwise: the demo's outbox shows every reset link (lib/common/dev-outbox.ts).
const host = env.HOST ?? DEFAULT_DEMO_HOST;
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port, '-H', host], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

const url = env.publicOrigin;
const probeHost = ['0.0.0.0', '::', '[::]'].includes(host) ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
for (let attempt = 0; attempt < 120; attempt += 1) {
  const healthy = await fetch(`http://${probeHost}:${port}/api/health`).then((r) => r.ok, () => false);
  if (healthy) {
    console.log(`
Le portail est prêt : ${url} (à l’écoute sur ${host}, port ${port})
Comptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :
  citoyen        citoyen@demo.localhost
  agent          agent@demo.localhost   secret TOTP : ${DEMO_TOTP_SECRETS.agent}
  administrateur admin@demo.localhost   secret TOTP : ${DEMO_TOTP_SECRETS.admin}
(agent et administrateur : ajoutez leur secret TOTP à une application d'authentification, qui donne le code demandé après le mot de passe)
${seeded.createdAccounts.length ? '' : '(déjà créés lors d\'un lancement précédent : les données sont conservées)\n'}${describeDevOutbox(env.devOutbox, url, host)}
Ctrl+C pour arrêter.`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
