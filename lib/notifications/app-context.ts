import 'server-only';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { openMailPort } from '@/lib/jobs';
import type { FollowUpContext } from './notify';

/**
 * The running app's context. The queue is opened before any transaction: on the embedded
 * database, starting it from inside one would wait for that transaction's own lock.
 */
export async function getFollowUpContext(): Promise<FollowUpContext> {
  const env = getEnv();
  const db = await getDb();
  const mail = await openMailPort();
  return {
    db,
    origin: env.publicOrigin,
    portalName: env.PORTAL_NAME,
    sendEmailInTransaction: mail.sendEmailInTransaction,
  };
}
