import 'server-only';
import type PgBoss from 'pg-boss';
import type { Database } from '@/db/client';
import { recordAudit, type AuditAction } from '@/lib/audit';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getMailer, type Mailer } from '@/lib/mail';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { createQueues, workJobs } from '@/lib/queue/boss';
import { runExclusively } from './lease';
import { sweepOrphanFiles } from './orphan-files';
import { applyRetention } from './retention';
import { sweepExpiredAccountData } from './sweep-accounts';
import { logger } from '@/lib/platform/logger';

// The daily maintenance jobs of the data lifecycle. pg-boss's cron (one job per tick, whatever the
// number of instances) queues them; runExclusively() makes sure a run never overlaps another.
// Each run writes one audit entry with counts only: never an email, a name or a key.

export type MaintenanceDependencies = { db: Database; store: BlobStore; mailer: Mailer; origin: string; portalName: string; now: Date };

type MaintenanceJob = { name: string; cron: string; action: AuditAction; run(deps: MaintenanceDependencies): Promise<Record<string, number>> };

export const MAINTENANCE_JOBS: readonly MaintenanceJob[] = [
  { name: 'sweep-orphan-files', cron: '10 3 * * *', action: 'maintenance.orphan_files_swept', run: (d) => sweepOrphanFiles(d.db, d.store, { now: d.now }) },
  { name: 'sweep-account-data', cron: '20 3 * * *', action: 'maintenance.account_data_swept', run: (d) => sweepExpiredAccountData(d.db, { now: d.now }) },
  { name: 'apply-retention', cron: '30 3 * * *', action: 'maintenance.retention_applied', run: (d) => applyRetention(d) },
];

export const MAINTENANCE_JOB_NAMES = MAINTENANCE_JOBS.map((j) => j.name);

export type MaintenanceOutcome = { ran: true; counts: Record<string, number> } | { ran: false };

/** Runs one maintenance job now, unless another run holds its lease; audited with its counts. */
export async function runMaintenanceJob(name: string, deps: MaintenanceDependencies): Promise<MaintenanceOutcome> {
  const job = MAINTENANCE_JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`Unknown maintenance job "${name}"`);
  const run = await runExclusively(deps.db, job.name, () => job.run(deps));
  if (!run.ran) {
    logger.info({ job: name }, 'maintenance skipped: another run holds the lease');
    return { ran: false };
  }
  await recordAudit(deps.db, { action: job.action, actorId: null, targetType: 'maintenance', meta: run.result });
  logger.info({ job: name, counts: run.result }, 'maintenance done');
  return { ran: true, counts: run.result };
}

async function defaultDependencies(): Promise<MaintenanceDependencies> {
  const env = getEnv();
  return { db: await getDb(), store: getBlobStore(), mailer: getMailer(), origin: env.publicOrigin, portalName: env.PORTAL_NAME, now: new Date() };
}

/** Creates the queues, registers the workers and (re)declares the daily schedules (idempotent). */
export async function registerMaintenanceJobs(boss: PgBoss, deps: () => Promise<MaintenanceDependencies> = defaultDependencies): Promise<void> {
  await createQueues(boss, MAINTENANCE_JOB_NAMES);
  for (const job of MAINTENANCE_JOBS) {
    await workJobs(boss, job.name, async () => runMaintenanceJob(job.name, { ...(await deps()), now: new Date() }));
    await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Paris', retryLimit: 2, retryDelay: 600, expireInSeconds: 3600 });
  }
}
