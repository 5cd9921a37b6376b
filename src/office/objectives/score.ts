// Progress of a key result against the straight line from its baseline (at start) to its target (at
// due), and the rule that says on track, at risk or off track (docs/office.md "Progress rule").

export const OBJECTIVE_STATUSES = ['achieved', 'on track', 'at risk', 'off track', 'not measured'] as const;
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];

/** Behind the line by at most this share of the whole way: on track. */
const ON_TRACK_GAP = 0.1;
/** Behind by at most this share: at risk; further behind: off track. */
const AT_RISK_GAP = 0.25;

export interface Line {
  baseline: number;
  target: number;
  start: string;
  due: string;
}

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

/** Share of the time from start to due elapsed on `date`, 0 before start and 1 after due. */
export function elapsedShare(line: Line, date: string): number {
  const span = days(line.start, line.due);
  return span <= 0 ? 1 : Math.min(1, Math.max(0, days(line.start, date) / span));
}

/** The value the straight line expects on `date`. */
export function expectedValue(line: Line, date: string): number {
  return line.baseline + (line.target - line.baseline) * elapsedShare(line, date);
}

/** Share of the way from baseline to target a value has come (1 at the target; negative when it went the other way). */
export function progressShare(line: Line, value: number): number {
  const way = line.target - line.baseline;
  if (way === 0) return value === line.target ? 1 : 0;
  return (value - line.baseline) / way;
}

/**
 * achieved: at or past the target; off track: past due without it; otherwise the gap between the
 * share of time elapsed and the share of the way come: ≤ 0.10 on track, ≤ 0.25 at risk, more off track.
 */
export function statusOn(line: Line, date: string, value: number | null): ObjectiveStatus {
  if (value === null) return 'not measured';
  const progress = progressShare(line, value);
  if (progress >= 1) return 'achieved';
  if (date > line.due) return 'off track';
  const gap = elapsedShare(line, date) - progress;
  if (gap <= ON_TRACK_GAP) return 'on track';
  return gap <= AT_RISK_GAP ? 'at risk' : 'off track';
}

const RANK: Record<ObjectiveStatus, number> = {
  'off track': 0,
  'at risk': 1,
  'not measured': 2,
  'on track': 3,
  achieved: 4,
};

/** An objective's status: the worst of its key results'. */
export function worstStatus(statuses: readonly ObjectiveStatus[]): ObjectiveStatus {
  return [...statuses].sort((a, b) => RANK[a] - RANK[b])[0] ?? 'not measured';
}
