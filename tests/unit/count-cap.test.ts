import { describe, expect, it } from 'vitest';
import { COUNT_CAP, formatCount } from '@/lib/processing/count-cap';

describe('formatCount', () => {
  it('writes exact figures as before and a figure above the cap as "plus de 1 000"', () => {
    expect(COUNT_CAP).toBe(1000);
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(COUNT_CAP)).toBe('1000');
    expect(formatCount(COUNT_CAP + 1)).toBe(`plus de 1${'\u202f'}000`);
  });
});
