import { logger } from './logger';
import { summarizeError } from './safe-error';

// A clean stop on SIGTERM (a rollout, a scale-down), see docs/decisions/015-production-operations.md.
//
// Under `next start` and the standalone server, Next's own handler (server/lib/start-server.js)
// runs first: it stops accepting connections, waits for open ones to finish, then calls
// process.exit(143). This module adds, in the same process:
// - drain hooks run at once: open event streams get an SSE `retry:` and are closed, so browsers
//   reconnect to another instance instead of holding this one for up to two minutes;
// - stop steps run next, in order (the job queue, then the database);
// - the exit Next asks for is held until those steps are done, then made with code 0; past
//   SHUTDOWN_TIMEOUT the process exits with code 1 and says what was still pending.
// A process without Next (the worker) calls the same shutdown and exits the same way.

/** `deadline`: the time (ms since epoch) by which the step must be done. */
type Step = { name: string; run: (deadline: number) => Promise<void> | void };

type ShutdownState = {
  stopping: boolean;
  drainHooks: Set<() => void>;
  stopSteps: Step[];
  installed: boolean;
};

const globalForShutdown = globalThis as unknown as { __portalShutdown?: ShutdownState };
const state: ShutdownState = (globalForShutdown.__portalShutdown ??= { stopping: false, drainHooks: new Set(), stopSteps: [], installed: false });

export function isShuttingDown(): boolean {
  return state.stopping;
}

/** Called as soon as the process starts stopping; returns a function that removes the hook. */
export function onDrain(hook: () => void): () => void {
  state.drainHooks.add(hook);
  return () => state.drainHooks.delete(hook);
}

/** A step run once requests are drained and before exit, in registration order (register the database last). */
export function onStop(name: string, run: Step['run']): void {
  if (!state.stopSteps.some((step) => step.name === name)) state.stopSteps.push({ name, run });
}

export type ShutdownOptions = {
  /** Seconds before the process gives up waiting and exits with code 1. */
  timeoutSeconds: number;
  /** Next's handler already stops the HTTP server and will call process.exit(): wait for that call. */
  waitForServerExit: boolean;
};

/** Installs the SIGTERM/SIGINT handler once per process. */
export function installShutdownHandler(options: ShutdownOptions): void {
  if (state.installed) return;
  state.installed = true;
  const handler = (signal: NodeJS.Signals) => void shutdown(signal, options);
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}

async function shutdown(signal: NodeJS.Signals, { timeoutSeconds, waitForServerExit }: ShutdownOptions): Promise<void> {
  if (state.stopping) return;
  state.stopping = true;
  const started = Date.now();
  const realExit = process.exit.bind(process);
  const pending = new Set<string>();
  const exit = (code: number) => {
    logger.info({ signal, code, durationMs: Date.now() - started }, code === 0 ? 'stopped cleanly' : 'stopped before everything finished');
    realExit(code);
  };
  const timer = setTimeout(() => {
    logger.error({ signal, pending: [...pending], timeoutSeconds }, 'shutdown timed out');
    exit(1);
  }, timeoutSeconds * 1000);
  timer.unref();
  logger.info({ signal, timeoutSeconds }, 'stopping: no new connections, open streams told to reconnect elsewhere');

  const serverDone = waitForServerExit ? holdServerExit() : Promise.resolve();
  pending.add('http');
  for (const hook of state.drainHooks) {
    try {
      hook();
    } catch (error) {
      logger.warn({ err: error }, 'drain hook failed');
    }
  }
  state.drainHooks.clear();
  await serverDone;
  pending.delete('http');
  for (const step of state.stopSteps) {
    pending.add(step.name);
    try {
      await step.run(started + timeoutSeconds * 1000);
    } catch (error) {
      logger.warn({ step: step.name, error: summarizeError(error) }, 'stop step failed');
    }
    pending.delete(step.name);
  }
  clearTimeout(timer);
  exit(0);
}

/**
 * Next's handler ends with process.exit(143) once its HTTP server has closed. Resolve at that call
 * instead of exiting, so that jobs and the database are stopped first, and the exit code says the
 * stop was clean.
 */
function holdServerExit(): Promise<void> {
  return new Promise((resolve) => {
    process.exit = ((code?: number | string | null) => {
      logger.debug({ code }, 'HTTP server closed');
      resolve();
      return undefined as never;
    }) as typeof process.exit;
  });
}
