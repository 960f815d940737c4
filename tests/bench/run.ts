// `npm run bench`: benchmarks against `next start`, reported as ratios to the baseline (a bare
// route handler) measured in the same run on the same machine. Not part of CI.
// Options: --build (rebuild first), --only=<name>.
import path from 'node:path';
import { ensureBuild, printReport, runLoad, startServer, type Benchmark, type LoadResult } from './harness';

const root = path.resolve(import.meta.dirname, '..', '..');
const port = 3200;

// Benchmarks beyond the baseline register here (for example the autosave benchmark of the drafts work).
const benchmarks: Benchmark[] = [
  { name: 'health (database + storage)', run: ({ baseUrl }) => runLoad('health (database + storage)', { url: `${baseUrl}/api/health` }) },
];

ensureBuild(root);
const server = await startServer(root, port, {});
const baseUrl = `http://127.0.0.1:${port}`;
try {
  // Warm up the route so that compilation and first-request costs stay out of the numbers.
  await runLoad('warm-up', { url: `${baseUrl}/api/ping`, duration: 2 });
  const baseline = await runLoad('baseline: bare route handler', { url: `${baseUrl}/api/ping` });
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const results: LoadResult[] = [];
  for (const benchmark of benchmarks) {
    if (only && !benchmark.name.includes(only)) continue;
    results.push(await benchmark.run({ baseUrl, serverPid: server.pid! }));
  }
  printReport(baseline, results);
} finally {
  server.kill('SIGTERM');
}
