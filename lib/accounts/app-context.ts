import 'server-only';
import { after } from 'next/server';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { sendEmailAfterCommit } from '@/lib/jobs';
import type { AccountContext } from './context';

/** The account context of the running app: process database, job queue for emails. */
export async function getAccountContext(): Promise<AccountContext> {
  const env = getEnv();
  return {
    db: await getDb(),
    sendEmail: sendEmailAfterCommit,
    origin: env.publicOrigin,
    portalName: env.PORTAL_NAME,
    defer: (task) => after(task),
  };
}
