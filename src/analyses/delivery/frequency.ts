// Deployment frequency bucket, as Four Keys computes it (dora-team/fourkeys METRICS.md), with the
// snapshot's commit date in place of the current date.

import { DAY } from '../../reference-date.ts';
import { median } from './stats.ts';

export type FrequencyBucket = 'daily' | 'weekly' | 'monthly' | 'fewer';

/** Stored as a number in `metrics.value`. */
export const BUCKET_VALUE: Record<FrequencyBucket, number> = { daily: 3, weekly: 2, monthly: 1, fewer: 0 };

export function bucketOf(value: number | null): FrequencyBucket | null {
  const hit = Object.entries(BUCKET_VALUE).find(([, v]) => v === value);
  return hit ? (hit[0] as FrequencyBucket) : null;
}

export interface FrequencyResult {
  bucket: FrequencyBucket;
  /** Deployments (releases) inside the window. */
  deployments: number;
  /** Days with at least one deployment inside the window. */
  deployDays: number;
  windowStart: string;
  windowEnd: string;
}

const dayOf = (ts: number) => Math.floor(ts / DAY);

/** Sunday-start week, as BigQuery's TIMESTAMP_TRUNC(day, WEEK). Day 0 (1970-01-01) was a Thursday. */
const weekOf = (d: number) => d - ((d + 4) % 7);

const monthOf = (d: number) => new Date(d * DAY * 1000).toISOString().slice(0, 7);

const isoDay = (d: number) => new Date(d * DAY * 1000).toISOString().slice(0, 10);

/**
 * Over the days from three calendar months before `asOf` to `asOf` (only days after `dataStart`),
 * grouped in weeks: daily when the median of deployment days per week is at least 3, weekly when
 * the median week has a deployment, monthly when the median of deployment weeks per month (counted
 * on each week) is at least 1, else fewer. Null when the window holds no day.
 */
export function deploymentFrequency(
  deployTimes: readonly number[],
  asOf: number,
  dataStart: number,
): FrequencyResult | null {
  const end = dayOf(asOf);
  const from = new Date(end * DAY * 1000);
  from.setUTCMonth(from.getUTCMonth() - 3);
  const start = Math.max(dayOf(from.getTime() / 1000), dayOf(dataStart) + 1);
  if (start > end) return null;
  const deployed = new Set<number>();
  let deployments = 0;
  for (const t of deployTimes) {
    const d = dayOf(t);
    if (d < start || d > end) continue;
    deployed.add(d);
    deployments++;
  }
  const weekDays = new Map<number, number>();
  for (let d = start; d <= end; d++) {
    const w = weekOf(d);
    weekDays.set(w, (weekDays.get(w) ?? 0) + (deployed.has(d) ? 1 : 0));
  }
  const weeks = [...weekDays.entries()];
  const perMonth = new Map<string, number>();
  for (const [w, n] of weeks) perMonth.set(monthOf(w), (perMonth.get(monthOf(w)) ?? 0) + (n > 0 ? 1 : 0));
  const daysPerWeek = weeks.map(([, n]) => n);
  const weekDeployed = weeks.map(([, n]) => (n > 0 ? 1 : 0));
  const monthlyDeploys = weeks.map(([w]) => perMonth.get(monthOf(w)) ?? 0);
  const bucket: FrequencyBucket =
    (median(daysPerWeek) ?? 0) >= 3
      ? 'daily'
      : (median(weekDeployed) ?? 0) >= 1
        ? 'weekly'
        : (median(monthlyDeploys) ?? 0) >= 1
          ? 'monthly'
          : 'fewer';
  return {
    bucket,
    deployments,
    deployDays: deployed.size,
    windowStart: isoDay(start),
    windowEnd: isoDay(end),
  };
}
