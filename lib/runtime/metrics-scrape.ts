import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { getDb } from '@/lib/db';
import { isDatabaseKnownDown } from '@/lib/platform/database-status';
import { logger } from '@/lib/platform/logger';
import { getMetrics } from '@/lib/platform/metrics';

// Values read at scrape time rather than counted as they happen: the queue's backlog is shared by
// every process (web and workers), so it is read from pg-boss's table, bounded to 2 s.

const SCRAPE_QUERY_MS = 2000;

async function readWaitingJobs(): Promise<{ name: string; waiting: number }[]> {
  const db = await getDb();
  return queryRows<{ name: string; waiting: number }>(
    db,
    sql`select name, count(*)::int as waiting from pgboss.job where state in ('created', 'retry') and start_after <= now() group by name`,
  );
}

export async function collectScrapeGauges(): Promise<void> {
  const { jobsWaiting } = getMetrics();
  jobsWaiting.reset();
  if (isDatabaseKnownDown()) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    const rows = await Promise.race([
      readWaitingJobs(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('queue backlog not read within 2 s')), SCRAPE_QUERY_MS);
      }),
    ]);
    for (const row of rows) jobsWaiting.set({ queue: row.name }, Number(row.waiting));
  } catch (error) {
    logger.warn({ err: error }, '[metrics] queue backlog not read');
  } finally {
    clearTimeout(timer);
  }
}
