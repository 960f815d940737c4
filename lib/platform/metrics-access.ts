import { createHash, timingSafeEqual } from 'node:crypto';

// Who may read /api/metrics: the holder of METRICS_TOKEN, as `Authorization: Bearer <token>`.
// Without a token configured, or with a wrong one, the route does not exist (404 like any unknown
// address), so a scan learns nothing. Pure (no server-only): proxy.ts and the route both check.

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time: both sides are hashed to the same length first, so neither length nor prefix leaks. */
export function isMetricsRequestAllowed(authorization: string | null, token: string | undefined): boolean {
  if (!token || !authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const given = match?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}
