import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { consumeRateLimit, delayAfterFailures, rateLimitKey } from '@/lib/security/rate-limit';

// Wrong second-factor codes are throttled like passwords (same schedule: four free failures, then
// 65 s, doubling, at most an hour; 25 a day), with one counter per account: a million codes cannot
// be tried in the ten minutes of a pending sign-in. Only someone who has the password reaches this
// step, so the counter cannot be used by a stranger to lock the owner out.

const DAY_SECONDS = 24 * 3600;
const MAX_FAILURES_PER_DAY = 25;

function keyOf(userId: string): string {
  return rateLimitKey('second-factor', userId);
}

/** Seconds to wait before the next code is even checked; 0 when free. */
export async function getSecondFactorWait(db: Executor, userId: string): Promise<number> {
  const [row] = await queryRows<{ wait: number }>(
    db,
    sql`select greatest(0, ceil(extract(epoch from (blocked_until - now()))))::int as wait
        from rate_limits where key = ${keyOf(userId)}
          and window_started_at > now() - make_interval(secs => ${DAY_SECONDS})`,
  );
  return row?.wait ?? 0;
}

/** Counts a wrong code; returns the wait it imposes (0 while failures are still free). */
export async function recordSecondFactorFailure(db: Executor, userId: string): Promise<number> {
  const key = keyOf(userId);
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

export async function clearSecondFactorFailures(db: Executor, userId: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, keyOf(userId)));
}
