import { describe, expect, it } from 'vitest';
import { sparkline, unicodeOutput } from '../cli/output.ts';
import { aggregate, KEY_METRICS, keyMetricsNamed, storedMetric, topTenShare } from './metrics.ts';

describe('trend metrics', () => {
  it('combine repositories: sum, lowest, median; unknown values left out, none known is unknown', () => {
    expect(aggregate('sum', [1, null, 4])).toBe(5);
    expect(aggregate('min', [3, 1, null])).toBe(1);
    expect(aggregate('median', [5, 1, 3])).toBe(3);
    expect(aggregate('median', [4, 1, 3, 2])).toBe(2.5);
    expect(aggregate('sum', [null, null])).toBeNull();
  });

  it('hotspot concentration is the ten top scores over all', () => {
    expect(topTenShare([...Array(10).fill(9), ...Array(10).fill(1)])).toBe(90);
    expect(topTenShare([])).toBeNull();
    expect(topTenShare([0, 0])).toBeNull();
  });

  it('names: a family gives every level; another stored metric combines by its unit', () => {
    expect(keyMetricsNamed('vulnerabilities').map((m) => m.id)).toEqual([
      'vulnerabilities',
      'vulnerabilities-critical',
      'vulnerabilities-high',
      'vulnerabilities-medium',
      'vulnerabilities-low',
      'vulnerabilities-runtime',
      'vulnerabilities-runtime-critical-high',
    ]);
    expect(keyMetricsNamed('risks').map((m) => m.id)).toEqual(['risks-open', 'risks-overdue']);
    expect(keyMetricsNamed('truck-factor').map((m) => m.aggregate)).toEqual(['min']);
    expect(keyMetricsNamed('nothing')).toEqual([]);
    expect(storedMetric('change-failure-rate', 'ratio').aggregate).toBe('median');
    expect(storedMetric('commits', 'commits').aggregate).toBe('sum');
    expect(new Set(KEY_METRICS.map((m) => m.id)).size).toBe(KEY_METRICS.length);
  });

  it('sparklines: lowest to highest, blank for unknown, ASCII without a UTF-8 locale', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8], true)).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([1, null, 8], true)).toBe('▁ █');
    expect(sparkline([2, 2], true)).toBe('▅▅');
    expect(sparkline([1, 8], false)).toBe('_#');
    expect(unicodeOutput({ LANG: 'en_GB.UTF-8' })).toBe(true);
    expect(unicodeOutput({ LC_ALL: 'C', LANG: 'en_GB.UTF-8' })).toBe(false);
    expect(unicodeOutput({})).toBe(false);
  });
});
