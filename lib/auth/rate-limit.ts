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

// Sign-in failures per account (keyed by the typed email, known or not, so both behave the same):
// from the 5th failure each attempt waits longer (65 s, then doubling, at most one hour); at most
// 25 failures per 24 hours; the counter forgets after 24 hours and on success or password reset.
const FREE_FAILURES = 4;
const MAX_FAILURES_PER_DAY = 25;
const DAY_SECONDS = 24 * 3600;

export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  if (failures >= MAX_FAILURES_PER_DAY) return DAY_SECONDS;
  return Math.min(65 * 2 ** (failures - FREE_FAILURES - 1), 3600);
}

export async function getSignInWait(db: Executor, email: string): Promise<number> {
  const [row] = await queryRows<{ wait: number }>(
    db,
    sql`select greatest(0, ceil(extract(epoch from (blocked_until - now()))))::int as wait
        from rate_limits where key = ${rateLimitKey('signin', email)}
          and window_started_at > now() - make_interval(secs => ${DAY_SECONDS})`,
  );
  return row?.wait ?? 0;
}

export async function recordSignInFailure(db: Executor, email: string): Promise<number> {
  const key = rateLimitKey('signin', email);
  const { count } = await consumeRateLimit(db, key, MAX_FAILURES_PER_DAY, DAY_SECONDS);
  const delay = delayAfterFailures(count);
  if (delay > 0) {
    await db
      .update(rateLimits)
      .set({ blockedUntil: sql`now() + make_interval(secs => ${delay})` })
      .where(eq(rateLimits.key, key));
  }
  return delay;
}

export async function clearSignInFailures(db: Executor, email: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, rateLimitKey('signin', email)));
}
