import 'server-only';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { auditLog, emailTokens, rateLimits, users } from '@/db/schema';
import { daysBefore, monthsBefore, RETENTION } from './retention-rules';

// Minimisation of account data that serves no one any more: accounts never confirmed (the address
// may not even be the person's), links that can no longer be used, and rate-limit counters whose
// window has long passed (their keys are hashes, but still derived from emails and addresses),
// and journal entries past their retention.

export type AccountDataSweep = { unconfirmedAccounts: number; expiredTokens: number; rateLimitRows: number; auditEntries: number };

export async function sweepExpiredAccountData(db: Executor, { now = new Date() }: { now?: Date } = {}): Promise<AccountDataSweep> {
  // Only citizens: back-office accounts are created confirmed by an administrator.
  const accounts = await db
    .delete(users)
    .where(and(isNull(users.emailVerifiedAt), eq(users.role, 'citizen'), lt(users.createdAt, daysBefore(now, RETENTION.unconfirmedAccountDays))))
    .returning({ id: users.id });
  const tokens = await db.delete(emailTokens).where(lt(emailTokens.expiresAt, now)).returning({ id: emailTokens.id });
  const counters = await db
    .delete(rateLimits)
    .where(
      and(
        lt(rateLimits.windowStartedAt, daysBefore(now, RETENTION.rateLimitDays)),
        or(isNull(rateLimits.blockedUntil), lt(rateLimits.blockedUntil, now)),
      ),
    )
    .returning({ key: rateLimits.key });
  const journal = await db.delete(auditLog).where(lt(auditLog.createdAt, monthsBefore(now, RETENTION.auditLogMonths))).returning({ id: auditLog.id });
  return { unconfirmedAccounts: accounts.length, expiredTokens: tokens.length, rateLimitRows: counters.length, auditEntries: journal.length };
}
