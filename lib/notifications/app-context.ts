import 'server-only';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { enqueueEmailInTransaction, getJobQueue } from '@/lib/jobs';
import type { Database } from '@/db/client';
import type { NotifyContext } from './notify';

export type FollowUpContext = NotifyContext & { db: Database };

/**
 * The running app's context. The queue is opened before any transaction: on the embedded
 * database, starting it from inside one would wait for that transaction's own lock.
 */
export async function getFollowUpContext(): Promise<FollowUpContext> {
  const env = getEnv();
  const db = await getDb();
  const boss = await getJobQueue();
  return {
    db,
    origin: env.publicOrigin,
    portalName: env.PORTAL_NAME,
    enqueueEmail: (tx, message) => enqueueEmailInTransaction(boss, tx, message),
  };
}
