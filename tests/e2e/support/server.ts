import { spawn, type ChildProcess } from 'node:child_process';
import { e2eServerEnv } from '../../../playwright.config';

// Starts a portal process of its own for a test that stops it, reads its output or runs several
// at once: Next's standalone server (what the container image carries, completed by
// scripts/standalone.mjs) or the job worker. Same build and settings as the e2e server, on
// another port, listening on 127.0.0.1.

export type StartedServer = {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything written on stdout and stderr so far. */
  output(): string;
  /** JSON lines of the output, parsed (other lines skipped). */
  logLines(): Record<string, unknown>[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export const STANDALONE_SERVER = '.next/standalone/server.js';
export const STANDALONE_WORKER = '.next/standalone/worker.cjs';

/** `script`: the standalone server by default, or the worker (it serves no HTTP: `port` only names it). */
export function spawnServer(port: number, overrides: Record<string, string> = {}, script = STANDALONE_SERVER): StartedServer {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [script], {
    // HOSTNAME: the standalone server listens on it (a container or CI machine may set it to its own name).
    env: { ...process.env, ...e2eServerEnv, HOSTNAME: '127.0.0.1', PORT: String(port), PUBLIC_ORIGIN: url, ...overrides },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 170_000);
  void exited.then(() => clearTimeout(killer));
  return {
    port,
    url,
    child,
    output: () => output,
    logLines: () =>
      output.split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Starts the worker and waits until it says it runs jobs. */
export async function startWorker(overrides: Record<string, string> = {}, timeoutMs = 90_000): Promise<StartedServer> {
  // The worker listens on no port; PORT only has to be valid (it is part of the shared settings).
  const worker = spawnServer(3119, overrides, STANDALONE_WORKER);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && worker.child.exitCode === null) {
    if (worker.logLines().some((line) => String(line.msg).startsWith('[worker] started'))) return worker;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await worker.stop('SIGKILL');
  throw new Error(`the worker did not start:\n${worker.output().slice(-3000)}`);
}

/** Starts a server and waits until its readiness check answers 200. */
export async function startServer(port: number, overrides: Record<string, string> = {}, timeoutMs = 90_000): Promise<StartedServer> {
  const server = spawnServer(port, overrides);
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  void server.exited.then(() => (exitedEarly = true));
  while (Date.now() < deadline && !exitedEarly) {
    const ready = await fetch(`${server.url}/api/health`).then((r) => r.ok, () => false);
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop('SIGKILL');
  throw new Error(`the server on port ${port} did not become ready:\n${server.output().slice(-3000)}`);
}
