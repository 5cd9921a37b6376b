// Percentiles as PERCENTILE_CONT computes them (linear interpolation between closest ranks).
import { DAY } from '../../reference-date.ts';

/** The p-th percentile (0..1) of `values`, interpolated; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** Seconds to days, rounded to 0.01 day; null stays null. */
export function days(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / DAY) * 100) / 100;
}
