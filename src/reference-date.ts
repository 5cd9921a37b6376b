// The reference date: the one day every window ("last 90 days", "last 365 days", "active") counts
// back from. Today (UTC) unless a command is given `--today YYYY-MM-DD`; never a snapshot's last
// commit (docs/risk.md, "Reference date").

import { z } from 'zod';

/** A day in seconds (stored timestamps) and in milliseconds (`Date`). */
export const DAY = 86_400;
export const DAY_MS = DAY * 1000;

/** YYYY-MM-DD (UTC) of epoch seconds. */
export function isoDay(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(0, 10);
}

/** A calendar day written as YYYY-MM-DD in an office file or cto.yaml. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'not a calendar date');

/** Windows in days, by name. */
export const RECENT_WINDOW_DAYS = 90;
export const ACTIVE_WINDOW_DAYS = 365;

/** The reference day, YYYY-MM-DD: `today` when given (already checked by `parseDayOption`), else today in UTC. */
export function referenceDay(today?: string, clock: () => Date = () => new Date()): string {
  return today ?? clock().toISOString().slice(0, 10);
}

/** The last second of the reference day (epoch seconds): everything dated on that day is inside its windows. */
export function referenceTs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000 + DAY - 1;
}

/** True when `ts` (epoch seconds) lies in the `days` days up to `refTs`, the reference included. */
export function within(ts: number, refTs: number, days: number): boolean {
  return ts <= refTs && ts > refTs - days * DAY;
}

/** The day `n` days before `day` (both YYYY-MM-DD): the last of `day`'s n-day window is after it. */
export function dayBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY * 1000).toISOString().slice(0, 10);
}

/** Whole days from `fromIso` (a timestamp or a day) to the reference day; 0 when later. */
function daysBefore(fromIso: string, day: string): number {
  const from = Date.parse(fromIso.length === 10 ? `${fromIso}T00:00:00Z` : fromIso);
  if (Number.isNaN(from)) return 0;
  const to = Date.parse(`${day}T00:00:00Z`);
  return Math.max(0, Math.floor((to - Date.UTC(...ymd(new Date(from)))) / (DAY * 1000)));
}

function ymd(d: Date): [number, number, number] {
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

/** The `snapshots` section of cto.yaml. */
export const snapshotsConfigSchema = z
  .object({
    /** A snapshot older than this many days before the reference date is shown as stale (default 90). */
    staleAfterDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

export const DEFAULT_STALE_AFTER_DAYS = 90;

export function staleAfterDays(config: Record<string, unknown>): number {
  const section = config.snapshots as z.infer<typeof snapshotsConfigSchema> | undefined;
  return section?.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
}

/** A snapshot's age in whole days at the reference day, and whether it is stale; null when never finished. */
export function snapshotAge(
  scannedAt: string | null,
  day: string,
  staleAfter: number,
): { days: number; stale: boolean } | null {
  if (scannedAt === null) return null;
  const days = daysBefore(scannedAt, day);
  return { days, stale: days > staleAfter };
}
