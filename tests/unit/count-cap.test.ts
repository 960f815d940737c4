import { describe, expect, it } from 'vitest';
import { COUNT_CAP, formatCount } from '@/lib/processing/count-cap';

describe('formatCount', () => {
  it('writes exact figures as before and a figure above the cap as "plus de 10 000"', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234)).toBe('1234');
    expect(formatCount(COUNT_CAP)).toBe('10000');
    expect(formatCount(COUNT_CAP + 1)).toBe(`plus de 10${'\u202f'}000`);
  });
});
