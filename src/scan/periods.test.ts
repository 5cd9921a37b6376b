import { describe, expect, it } from 'vitest';
import { endOfDayInstant, parseHistorySpec, periodEndOf, periodEnds } from './periods.ts';

describe('history periods', () => {
  it('reads a count and a unit', () => {
    expect(parseHistorySpec('8q')).toEqual({ count: 8, unit: 'q' });
    expect(parseHistorySpec('52w')).toEqual({ count: 52, unit: 'w' });
    for (const bad of ['0q', '8y', 'q', '8', '-1m', '9999w'])
      expect(() => parseHistorySpec(bad)).toThrow(/--history/);
  });

  it('gives the last quarter ends before the reference date, oldest first', () => {
    expect(periodEnds({ count: 4, unit: 'q' }, '2026-12-06')).toEqual([
      '2025-12-31',
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
    ]);
    // On the last day of a quarter that quarter has not ended yet.
    expect(periodEnds({ count: 1, unit: 'q' }, '2026-09-30')).toEqual(['2026-06-30']);
    expect(periodEnds({ count: 1, unit: 'q' }, '2026-10-01')).toEqual(['2026-09-30']);
  });

  it('gives month ends, February included', () => {
    expect(periodEnds({ count: 3, unit: 'm' }, '2024-04-15')).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
  });

  it('gives ISO week ends (Sundays)', () => {
    // 2026-12-06 is a Sunday: its week has not ended.
    expect(periodEnds({ count: 2, unit: 'w' }, '2026-12-06')).toEqual(['2026-11-22', '2026-11-29']);
    expect(periodEnds({ count: 1, unit: 'w' }, '2026-12-07')).toEqual(['2026-12-06']);
  });

  it('names the end of a day and the period a day is in', () => {
    expect(endOfDayInstant('2026-09-30')).toBe('2026-09-30T23:59:59Z');
    expect(periodEndOf('2026-12-06', 'q')).toBe('2026-12-31');
    expect(periodEndOf('2026-12-06', 'w')).toBe('2026-12-06');
  });
});
