// After `next build` (output: 'standalone'): completes .next/standalone so that it runs on its own,
// as the container image carries it (docs/deploy.md):
// - the static assets and public/ that Next leaves out of the standalone folder;
// - the files read from disk at run time, outside the import graph (scripts/runtime-files.mjs):
//   db/migrations (MIGRATE_ON_START) and the common-password list;
// - worker.cjs, the job worker (scripts/worker.ts) bundled with its dependencies.
// Idempotent; `npm run build` runs it, and so does the e2e server command.
import { build } from 'esbuild';
import { cp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RUNTIME_FILES } from './runtime-files.mjs';

const root = path.resolve(import.meta.dirname, '..');
const standalone = path.join(root, '.next', 'standalone');

async function exists(file) {
  return stat(file).then(() => true, () => false);
}

if (!(await exists(path.join(standalone, 'server.js')))) {
  console.error(`[standalone] ${path.relative(root, standalone)}/server.js is missing: run \`next build\` first (next.config.ts sets output: 'standalone').`);
  process.exit(1);
}

async function replaceWith(from, to) {
  await rm(to, { recursive: true, force: true });
  if (await exists(from)) await cp(from, to, { recursive: true });
}

await replaceWith(path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static'));
await replaceWith(path.join(root, 'public'), path.join(standalone, 'public'));
for (const file of RUNTIME_FILES) {
  await replaceWith(path.join(root, file), path.join(standalone, file));
  if (!(await exists(path.join(standalone, file)))) {
    console.error(`[standalone] ${file} is missing from the repository: the standalone server would fail without it.`);
    process.exit(1);
  }
}

await build({
  entryPoints: [path.join(root, 'scripts', 'worker.ts')],
  outfile: path.join(standalone, 'worker.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // `server-only` resolves to an empty module under this condition, as under Next's server build.
  conditions: ['react-server'],
  tsconfig: path.join(root, 'tsconfig.json'),
  // Loaded only on paths the worker never takes (the embedded database, pg's native binding) or
  // native code: resolved from the standalone node_modules if ever needed.
  // next/headers: only inside a request (lib/platform/request-id.ts), never in the worker.
  external: ['@electric-sql/pglite', 'pg-native', '@node-rs/argon2', 'next/headers'],
  logLevel: 'warning',
  legalComments: 'none',
});

console.log(`[standalone] .next/standalone is complete: static assets, ${RUNTIME_FILES.join(', ')}, worker.cjs`);
