// Benchmark harness: starts the built portal with `next start`, runs autocannon against it and
// reports every benchmark as a ratio to the bare-route baseline measured in the same run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export type LoadResult = { name: string; requestsPerSecond: number; p50: number; p95: number; p99: number; errors: number; non2xx: number };

export type BenchContext = { baseUrl: string; serverPid: number };

export type Benchmark = { name: string; run(context: BenchContext): Promise<LoadResult> };

export function ensureBuild(root: string): void {
  if (existsSync(path.join(root, '.next', 'BUILD_ID')) && !process.argv.includes('--build')) return;
  const result = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('next build failed');
}

export async function startServer(root: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portail-bench-'));
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATA_DIR: dataDir, AUTH_SECRET: 'bench-secret-0123456789abcdef0123456789', AUTH_TRUST_HOST: 'true', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ready) return server;
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill('SIGKILL');
  throw new Error('the server did not become healthy in 60 s');
}

export async function runLoad(name: string, options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 50, duration: 10, ...options });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    // autocannon reports p97.5 and p99; p95 is interpolated between p90 and p97.5.
    p95: result.latency.p90 + ((result.latency.p97_5 - result.latency.p90) * (95 - 90)) / (97.5 - 90),
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function printReport(baseline: LoadResult, results: LoadResult[]): void {
  const rows = [baseline, ...results].map((r) => ({
    benchmark: r.name,
    'req/s': r.requestsPerSecond.toFixed(0),
    'p50 ms': r.p50.toFixed(1),
    'p95 ms': r.p95.toFixed(1),
    'p99 ms': r.p99.toFixed(1),
    'req/s ÷ baseline': (r.requestsPerSecond / baseline.requestsPerSecond).toFixed(2),
    'p95 ÷ baseline': (r.p95 / baseline.p95).toFixed(2),
    errors: r.errors + r.non2xx,
  }));
  console.table(rows);
}
