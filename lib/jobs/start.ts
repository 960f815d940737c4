import 'server-only';
import type PgBoss from 'pg-boss';
import { withAdvisoryLock } from '@/db/client';
import { createJobQueue, type JobQueueOptions, type JobQueueSource } from '@/lib/queue/boss';
import { createJobQueues } from './handlers';

// Setting up the queue creates pg-boss's schema (first start, or a pg-boss upgrade) and the
// portal's queues (a partition each). Several instances doing it at once deadlock in PostgreSQL
// ("the job queue could not start: deadlock detected"): one at a time, under an advisory lock;
// the next ones find it done and only check. Migrations take another lock (db/client.ts).
export const JOB_QUEUE_SETUP_LOCK = 72707370;

/** A started queue with every portal queue created; no workers (registerWorkers does that). */
export async function startJobQueue(source: JobQueueSource, options?: JobQueueOptions): Promise<PgBoss> {
  const boss = createJobQueue(source, options);
  await withAdvisoryLock(source.handle, JOB_QUEUE_SETUP_LOCK, async () => {
    await boss.start();
    try {
      await createJobQueues(boss);
    } catch (error) {
      await boss.stop({ graceful: false });
      throw error;
    }
  });
  return boss;
}

/** Stops a queue: running jobs get up to `timeoutMs` to finish, then are failed back for a retry. */
export async function stopJobQueue(boss: PgBoss, timeoutMs = 15_000): Promise<void> {
  await boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, timeoutMs) });
}
