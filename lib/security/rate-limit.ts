import 'server-only';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/client';
import { rateLimits } from '@/db/schema';

// Counters live in PostgreSQL so that limits hold across several app instances.

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/** Keys derived from an email or an IP are hashed: the table never holds personal data in clear. */
export function rateLimitKey(scope: string, subject: string): string {
  return `${scope}:${createHash('sha256').update(subject.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
}

/** Fixed window: counts one hit and says whether it is within `limit` for the current window. */
export async function consumeRateLimit(db: Executor, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const [row] = await queryRows<{ count: number; retry_after: number }>(
    db,
    sql`insert into rate_limits as r (key, count, window_started_at) values (${key}, 1, now())
        on conflict (key) do update set
          count = case when r.window_started_at <= now() - make_interval(secs => ${windowSeconds}) then 1 else r.count + 1 end,
          window_started_at = case when r.window_started_at <= now() - make_interval(secs => ${windowSeconds}) then now() else r.window_started_at end
        returning count, ceil(extract(epoch from (window_started_at + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after`,
  );
  return { allowed: row.count <= limit, count: row.count, retryAfterSeconds: Math.max(0, row.retry_after) };
}

// Sign-in failures (decision 010, OWASP "device cookies"). Three counters, each forgetting after 24 hours:
// - per account, for clients the account does not know (keyed by the typed email, known or not,
//   so both behave the same): from the 5th failure each attempt waits 65 s, then twice as long
//   each time, at most an hour; after 25 failures in a day, a day. Cleared on success and reset.
// - per device cookie, for a browser that signed in to that account before: the same curve, on
//   its own counter, so a stranger's failures never slow the owner's browser down.
// - per client address, for clients the account does not know, across all accounts: 30 failures
//   free (a household or an office behind one address mistypes too), then the same doubling, and
//   a day after 200. It slows one address trying many accounts (password spraying).
// Attempts refused while waiting are not counted: the wait is what the owner is told, no more.
export type FailurePolicy = { scope: string; free: number; maxPerDay: number };

export const ACCOUNT_FAILURES: FailurePolicy = { scope: 'signin', free: 4, maxPerDay: 25 };
export const DEVICE_FAILURES: FailurePolicy = { scope: 'signin-device', free: 4, maxPerDay: 25 };
export const CLIENT_FAILURES: FailurePolicy = { scope: 'signin-client', free: 30, maxPerDay: 200 };

const DAY_SECONDS = 24 * 3600;

export type FailureCounter = { policy: FailurePolicy; subject: string };

export function delayAfterFailures(failures: number, policy: FailurePolicy = ACCOUNT_FAILURES): number {
  if (failures <= policy.free) return 0;
  if (failures >= policy.maxPerDay) return DAY_SECONDS;
  return Math.min(65 * 2 ** Math.min(failures - policy.free - 1, 16), 3600);
}

/** The longest wait any of these counters imposes now, in seconds (0: go ahead). */
export async function getFailureWait(db: Executor, counters: FailureCounter[]): Promise<number> {
  if (counters.length === 0) return 0;
  const keys = counters.map(({ policy, subject }) => rateLimitKey(policy.scope, subject));
  const [row] = await queryRows<{ wait: number | null }>(
    db,
    sql`select max(greatest(0, ceil(extract(epoch from (blocked_until - now())))))::int as wait
        from rate_limits where key in (${sql.join(
          keys.map((key) => sql`${key}`),
          sql`, `,
        )}) and window_started_at > now() - make_interval(secs => ${DAY_SECONDS})`,
  );
  return row?.wait ?? 0;
}

/** Counts one failure; returns the wait it starts (0 while failures are free). */
export async function recordFailure(db: Executor, { policy, subject }: FailureCounter): Promise<number> {
  const key = rateLimitKey(policy.scope, subject);
  const { count } = await consumeRateLimit(db, key, policy.maxPerDay, DAY_SECONDS);
  const delay = delayAfterFailures(count, policy);
  if (delay > 0) {
    await db
      .update(rateLimits)
      .set({ blockedUntil: sql`now() + make_interval(secs => ${delay})` })
      .where(eq(rateLimits.key, key));
  }
  return delay;
}

export async function clearFailures(db: Executor, { policy, subject }: FailureCounter): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, rateLimitKey(policy.scope, subject)));
}

/** The per-account counter alone (unknown clients), for callers that have no client context. */
export async function getSignInWait(db: Executor, email: string): Promise<number> {
  return getFailureWait(db, [{ policy: ACCOUNT_FAILURES, subject: email }]);
}

export async function recordSignInFailure(db: Executor, email: string): Promise<number> {
  return recordFailure(db, { policy: ACCOUNT_FAILURES, subject: email });
}

export async function clearSignInFailures(db: Executor, email: string): Promise<void> {
  await clearFailures(db, { policy: ACCOUNT_FAILURES, subject: email });
}
