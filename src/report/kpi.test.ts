import { describe, expect, it } from 'vitest';
import { kpiArrow, kpiGood, kpiTrend, kpiTrendText, makeKpi } from './kpi.ts';

const spec = (value: number | null, unit: string, better: 'up' | 'down' | null = 'down') => ({
  id: 'k',
  label: 'open vulnerabilities',
  value,
  unit,
  better,
  evidence: {},
  sql: 'select 1',
});

describe('KPI trend', () => {
  it('says up, down or flat against the previous value, with the absolute and relative change', () => {
    expect(kpiTrend(12, 8, 'vulnerabilities')).toEqual({ change: 4, changeRelative: 0.5, direction: 'up' });
    expect(kpiTrend(6, 8, 'vulnerabilities')).toEqual({
      change: -2,
      changeRelative: -0.25,
      direction: 'down',
    });
    expect(kpiTrend(8, 8, 'vulnerabilities').direction).toBe('flat');
  });

  it('is flat when both values round to the same text for a reader', () => {
    // 64.4% and 64.2% both read "64%".
    expect(kpiTrend(0.644, 0.642, 'ratio').direction).toBe('flat');
    expect(kpiTrend(0.65, 0.64, 'ratio').direction).toBe('up');
  });

  it('has no trend when either value is unknown, and no relative change from zero', () => {
    expect(kpiTrend(null, 3, 'days')).toEqual({ change: null, changeRelative: null, direction: null });
    expect(kpiTrend(3, null, 'days').direction).toBeNull();
    expect(kpiTrend(3, 0, 'days')).toEqual({ change: 3, changeRelative: null, direction: 'up' });
  });

  it('builds a KPI with rounded display text and the period compared with', () => {
    const k = makeKpi(spec(0.5677966101694916, 'ratio'), 0.5, '2026-09-30');
    expect(k.display).toBe('57%');
    expect(k.previous).toBe(0.5);
    expect(k.previousPeriod).toBe('2026-09-30');
    expect(k.direction).toBe('up');
    expect(kpiGood(k)).toBe(false);
    expect(kpiArrow(k)).toBe('↑');
    expect(kpiTrendText(k)).toBe('up 7 points from 50% on 2026-09-30');
    expect(makeKpi(spec(null, 'days'), 2, '2026-09-30').display).toBe('not measured');
  });

  it('says when there is nothing to compare with', () => {
    const none = makeKpi(spec(4, 'people', 'up'), 3, null);
    expect(none.previous).toBeNull();
    expect(none.direction).toBeNull();
    expect(kpiTrendText(none)).toBe('');
    expect(kpiArrow(none)).toBe('');
    const fell = makeKpi(spec(3, 'people', 'up'), 4, '2026-06-30');
    expect(kpiGood(fell)).toBe(false);
    expect(kpiTrendText(fell)).toBe('down 1 person (−25%) from 4 people on 2026-06-30');
    expect(kpiTrendText(fell, { date: false })).toBe('down 1 person (−25%) from 4 people');
    expect(kpiTrendText(makeKpi(spec(4, 'people', 'up'), null, '2026-06-30'))).toBe(
      'no value on 2026-06-30 to compare with',
    );
  });
});
