// The period ends `scan --history <N><q|m|w>` snapshots at: the last N quarter, month or ISO-week ends
// strictly before the reference date, oldest first, as UTC dates (YYYY-MM-DD). See docs/scan.md.
import { CtoError } from '../errors.ts';
import { DAY_MS } from '../reference-date.ts';

export type PeriodUnit = 'q' | 'm' | 'w';

export interface HistorySpec {
  count: number;
  unit: PeriodUnit;
}

/** Most points one `--history` asks for (ten years of weeks). */
const MAX_HISTORY_POINTS = 520;

/** `8q`, `12m`, `52w`: a count of quarters, months or ISO weeks. */
export function parseHistorySpec(text: string): HistorySpec {
  const m = /^(\d{1,3})([qmw])$/.exec(text.trim());
  const count = m ? Number(m[1]) : 0;
  if (!m || count < 1 || count > MAX_HISTORY_POINTS)
    throw new CtoError(
      'USAGE',
      `--history takes a count of quarters, months or weeks from 1 to ${MAX_HISTORY_POINTS} (examples: 8q, 12m, 52w), not "${text}"`,
    );
  return { count, unit: m[2] as PeriodUnit };
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The last day of the period (of `unit`) that holds `day` (UTC midnight, in ms). */
function periodEnd(day: number, unit: PeriodUnit): number {
  const d = new Date(day);
  if (unit === 'w') return day + ((7 - d.getUTCDay()) % 7) * DAY_MS; // ISO weeks end on Sunday
  const months = unit === 'q' ? 3 : 1;
  const nextStart = Math.floor(d.getUTCMonth() / months) * months + months;
  return Date.UTC(d.getUTCFullYear(), nextStart, 1) - DAY_MS;
}

/** The last `spec.count` period ends strictly before `reference` (YYYY-MM-DD), oldest first. */
export function periodEnds(spec: HistorySpec, reference: string): string[] {
  const ref = Date.parse(`${reference}T00:00:00Z`);
  // The reference day's own period has not ended (even on its last day): start with the one before.
  let end = periodEnd(startOf(periodEnd(ref, spec.unit), spec.unit) - DAY_MS, spec.unit);
  const out: string[] = [];
  for (let i = 0; i < spec.count; i++) {
    out.push(iso(end));
    end = periodEnd(startOf(end, spec.unit) - DAY_MS, spec.unit);
  }
  return out.reverse();
}

/** The first day of the period that ends on `end`. */
function startOf(end: number, unit: PeriodUnit): number {
  if (unit === 'w') return end - 6 * DAY_MS;
  const d = new Date(end);
  const months = unit === 'q' ? 3 : 1;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months + 1, 1);
}

/** The instant just after the day `date` ends (UTC): commits at or before the day's end are before it. */
export function endOfDayInstant(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1000).toISOString().replace('.000Z', 'Z');
}

/** The period (of `unit`) that holds `day`, as its end date: to tell whether the reference day's period is partial. */
export function periodEndOf(day: string, unit: PeriodUnit): string {
  return iso(periodEnd(Date.parse(`${day}T00:00:00Z`), unit));
}
