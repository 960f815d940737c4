import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '@/components/notifications/reconnect-delay';

describe('reconnectDelayMs', () => {
  it('grows exponentially from about a second and stays under a minute', () => {
    const top = (failures: number) => reconnectDelayMs(failures, () => 1);
    expect([1, 2, 3, 4].map(top)).toEqual([1000, 2000, 4000, 8000]);
    expect(top(20)).toBe(60_000);
  });

  it('spreads the pages out: the delay is drawn between half a second and the ceiling', () => {
    expect(reconnectDelayMs(5, () => 0)).toBe(500);
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelayMs(5)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(500);
  });
});
