import 'server-only';
import { ConfigError, getEnv } from '@/lib/env';
import { closeDb, getDatabaseHandle } from '@/lib/db';
import { getBlobStore } from '@/lib/storage';
import { startJobs, stopJobs } from '@/lib/jobs';
import { logger } from '@/lib/platform/logger';
import { installShutdownHandler, onStop } from '@/lib/platform/shutdown';
import { tuneHeapGrowth } from '@/lib/platform/heap-growth';

// Runs once per server process (instrumentation.ts). A bad configuration stops start-up with one
// line naming the variable, instead of a stack trace on the first request.

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Keep one line and never echo credentials that a driver might include in a URL.
  return message.split('\n')[0].replace(/\/\/[^@/\s]+@/g, '//***@');
}

function stop(line: string): never {
  logger.fatal(`[portail] Start-up stopped: ${line}`);
  process.exit(1);
}

async function within<T>(ms: number, promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type StartOptions = {
  /** 'web': under Next (instrumentation.ts); 'worker': scripts/worker.ts, jobs only, no HTTP. */
  role?: 'web' | 'worker';
};

/** Stop steps, in order: jobs finish (or fail back to the queue) before the database closes. */
function registerStopSteps(): void {
  onStop('jobs', (deadline) => stopJobs({ timeoutMs: deadline - Date.now() - 1000 }));
  onStop('database', () => closeDb());
}

export async function startPortal({ role = 'web' }: StartOptions = {}): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    stop(error instanceof ConfigError ? error.message : describe(error));
  }
  tuneHeapGrowth(env.HEAP_GROWING_PERCENT);
  if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
    stop('AUTH_SECRET is required in production (32 characters or more; for example: openssl rand -base64 32)');
  }
  if (role === 'worker' && !env.DATABASE_URL) {
    // The embedded database belongs to one process: the web process runs the jobs itself.
    stop('DATABASE_URL: a separate worker needs PostgreSQL (with the embedded database, keep JOBS_IN_PROCESS=true on the web process)');
  }
  const timeoutMs = env.STARTUP_CHECK_TIMEOUT_MS * 3;
  try {
    await within(timeoutMs, getDatabaseHandle(), 'the database');
  } catch (error) {
    const variable = env.DATABASE_URL ? 'DATABASE_URL' : 'DATA_DIR';
    stop(`${variable}: cannot open the database: ${describe(error)}`);
  }
  try {
    await getBlobStore().check();
  } catch (error) {
    stop(describe(error));
  }
  if (!env.S3_ENDPOINT) logger.warn('[portail] Files are stored on the local disk (S3_ENDPOINT is not set).');
  if (!env.CLAMAV_HOST) logger.warn('[portail] Uploaded files are not scanned for viruses (CLAMAV_HOST is not set).');
  if (!env.RESEND_API_KEY) logger.warn('[portail] Emails go to the development outbox (RESEND_API_KEY is not set).');
  // Under `next dev` the parent process handles signals; a production server or a worker stops cleanly.
  if (env.NODE_ENV === 'production' || role === 'worker') {
    registerStopSteps();
    // Next's own handler (start-server.js) is installed before register() runs: wait for it to close the server.
    installShutdownHandler({ timeoutSeconds: env.SHUTDOWN_TIMEOUT, waitForServerExit: role === 'web' && process.listenerCount('SIGTERM') > 0 });
  }
  if (env.JOBS_IN_PROCESS || role === 'worker') {
    try {
      await startJobs();
    } catch (error) {
      stop(`the job queue could not start: ${describe(error)}`);
    }
  }
}
