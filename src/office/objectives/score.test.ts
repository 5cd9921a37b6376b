// The progress rule on hand-computed cases: a line from 100 (2026-01-01) to 0 (2027-01-01), 365 days.
import { describe, expect, test } from 'vitest';
import { elapsedShare, expectedValue, type Line, statusOn, worstStatus } from './score.ts';

const line: Line = { baseline: 100, target: 0, start: '2026-01-01', due: '2027-01-01' };

describe('progress against the straight line', () => {
  test('the line: 182 of 365 days elapsed on 2026-07-02, so 50.1 expected', () => {
    expect(elapsedShare(line, '2026-07-02')).toBeCloseTo(182 / 365, 6);
    expect(expectedValue(line, '2026-07-02')).toBeCloseTo(100 - (100 * 182) / 365, 6);
    expect(expectedValue(line, '2025-06-01')).toBe(100);
    expect(expectedValue(line, '2028-01-01')).toBe(0);
  });

  test('on track within 10 points of the way, at risk within 25, off track beyond', () => {
    // Elapsed 0.4986: 55 has come 0.45 of the way (gap 0.05), 70 0.30 (gap 0.20), 80 0.20 (gap 0.30).
    expect(statusOn(line, '2026-07-02', 55)).toBe('on track');
    expect(statusOn(line, '2026-07-02', 70)).toBe('at risk');
    expect(statusOn(line, '2026-07-02', 80)).toBe('off track');
    expect(statusOn(line, '2026-07-02', 20)).toBe('on track');
    expect(statusOn(line, '2026-07-02', 0)).toBe('achieved');
    expect(statusOn(line, '2026-07-02', null)).toBe('not measured');
    // Past due without the target: off track however close.
    expect(statusOn(line, '2027-01-02', 1)).toBe('off track');
    // A rising line reads the same way.
    const up: Line = { baseline: 0, target: 10, start: '2026-01-01', due: '2027-01-01' };
    expect(statusOn(up, '2026-07-02', 4.5)).toBe('on track');
    expect(statusOn(up, '2026-07-02', 2)).toBe('off track');
  });

  test("an objective is its worst key result's status", () => {
    expect(worstStatus(['achieved', 'at risk', 'on track'])).toBe('at risk');
    expect(worstStatus(['on track', 'not measured'])).toBe('not measured');
    expect(worstStatus(['off track', 'not measured'])).toBe('off track');
  });
});
