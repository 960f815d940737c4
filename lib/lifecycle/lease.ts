import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/client';
import { maintenanceLeases } from '@/db/schema';

// pg-boss already hands a job to one worker, but a maintenance run must stay single even when two
// instances are triggered at once (a cron tick each, a manual run, a retry after an expiry while
// the first attempt still runs). The lease is a row: whoever inserts it (or finds it expired) runs.

export type ExclusiveRun<T> = { ran: true; result: T } | { ran: false };

export async function runExclusively<T>(db: Executor, job: string, work: () => Promise<T>, leaseSeconds = 3600): Promise<ExclusiveRun<T>> {
  const holder = randomUUID();
  const taken = await queryRows<{ holder: string }>(
    db,
    sql`insert into maintenance_leases (job, holder, expires_at) values (${job}, ${holder}, now() + make_interval(secs => ${leaseSeconds}))
        on conflict (job) do update set holder = excluded.holder, expires_at = excluded.expires_at
          where maintenance_leases.expires_at < now()
        returning holder`,
  );
  if (taken.length === 0) return { ran: false };
  try {
    return { ran: true, result: await work() };
  } finally {
    await db.delete(maintenanceLeases).where(and(eq(maintenanceLeases.job, job), eq(maintenanceLeases.holder, holder)));
  }
}
