import 'server-only';
import { pingDatabase } from '@/db/client';
import { getDatabaseHandle } from '@/lib/db';
import { getBlobStore } from '@/lib/storage';
import { getEnv } from '@/lib/env';

export type CheckStatus = 'ok' | 'error';
export type HealthReport = {
  status: 'ok' | 'degraded';
  checks: {
    database: { status: CheckStatus; driver: 'postgres' | 'pglite' };
    storage: { status: CheckStatus; driver: 's3' | 'local' };
  };
};

const TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${label} timed out`)), TIMEOUT_MS).unref()),
  ]);
}

async function runCheck(label: string, check: () => Promise<void>): Promise<CheckStatus> {
  try {
    await withTimeout(check(), label);
    return 'ok';
  } catch (error) {
    // Details stay in the server log; the public answer says only ok or error.
    console.error(`[health] ${label} check failed: ${error instanceof Error ? error.message : String(error)}`);
    return 'error';
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const env = getEnv();
  const [database, storage] = await Promise.all([
    runCheck('database', async () => pingDatabase((await getDatabaseHandle()).db)),
    runCheck('storage', () => getBlobStore().check()),
  ]);
  return {
    status: database === 'ok' && storage === 'ok' ? 'ok' : 'degraded',
    checks: {
      database: { status: database, driver: env.DATABASE_URL ? 'postgres' : 'pglite' },
      storage: { status: storage, driver: env.S3_ENDPOINT ? 's3' : 'local' },
    },
  };
}
