import { spawn, type ChildProcess } from 'node:child_process';
import { e2eServerEnv } from '../../../playwright.config';

// Starts a portal server of its own for a test that stops it, reads its output or runs several
// at once. Same build and settings as the e2e server, on another port.

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

/** The command that runs the built portal: Next's standalone server, what the image carries. */
export function serverCommand(): string[] {
  return ['node_modules/next/dist/bin/next', 'start'];
}

export function spawnServer(port: number, overrides: Record<string, string> = {}): StartedServer {
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, serverCommand(), {
    env: { ...process.env, ...e2eServerEnv, PORT: String(port), PUBLIC_ORIGIN: url, ...overrides },
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
