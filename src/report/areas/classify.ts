// The CTO areas, which one an analysis result belongs to, and the rating rule of docs/report.md.
import type { Severity } from '../../analyses/types.ts';
import { EXPOSURES, type Exposure } from '../../collectors/types.ts';
import { riskWeights } from '../../risk/config.ts';
import { wordList } from '../format.ts';
import type { AreaId, Rating, ReportFinding } from '../types.ts';

export const AREA_TITLES: Record<AreaId, string> = {
  'technology-strategy': 'Technology strategy',
  innovation: 'Innovation and research',
  'infrastructure-security': 'Infrastructure and security',
  'team-knowledge': 'Team and knowledge',
  delivery: 'Delivery',
  'budget-vendors': 'Budget and vendors',
};

const AREA_ORDER = Object.keys(AREA_TITLES) as AreaId[];

/**
 * The area of an analysis result: the one its analysis declared, as recorded with the snapshot.
 * A result of no recorded analysis stays under technology strategy.
 */
export function declaredArea(area: string | undefined): AreaId {
  return AREA_ORDER.find((a) => a === area) ?? 'technology-strategy';
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

const WEIGHTS = riskWeights(undefined);
const ASCENDING: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/**
 * The severity a finding weighs in its area's rating: its own where it is exposed at runtime (or its
 * exposure is not known), else the severity nearest to its risk score's severity × exposure weight
 * (docs/risk.md#risk-score; ties to the lower), never higher than its own. A high end of life of a
 * development tool (7 × 0.25) weighs as low; a high one in a build stage (7 × 0.5) as medium.
 */
export function ratedSeverity(f: Pick<ReportFinding, 'severity' | 'exposure'>): Severity {
  if (f.exposure === undefined || f.exposure === 'runtime') return f.severity;
  const score = WEIGHTS.severity[f.severity] * WEIGHTS.exposure[f.exposure];
  let best: Severity = 'info';
  for (const s of ASCENDING) {
    if (Math.abs(WEIGHTS.severity[s] - score) < Math.abs(WEIGHTS.severity[best] - score)) best = s;
  }
  return ASCENDING.indexOf(best) < ASCENDING.indexOf(f.severity) ? best : f.severity;
}

/**
 * The rating rule (docs/report.md): grey when no analysis of the area stored anything; red with a
 * critical finding or three high ones; amber with a high or medium finding; green otherwise, but only
 * when everything in the area's scope was checked (`complete`), grey when not.
 */
export function rate(findings: ReportFinding[], analysed: boolean, complete = true): Rating {
  if (!analysed) return 'grey';
  const n = (s: string) => findings.filter((f) => ratedSeverity(f) === s).length;
  if (n('critical') > 0 || n('high') >= 3) return 'red';
  if (n('high') > 0 || n('medium') > 0) return 'amber';
  return complete ? 'green' : 'grey';
}

const RATING_RANK: Record<Rating, number> = { red: 0, amber: 1, grey: 2, green: 3 };

/** The worst of several ratings: red, then amber, grey, green (a rule's amber outweighs a grey). */
export function worst(ratings: Rating[]): Rating {
  return ratings.reduce((a, b) => (RATING_RANK[b] < RATING_RANK[a] ? b : a), 'green' as Rating);
}

/**
 * "2 high", "1 medium": how many findings are at each of `severities` (most severe first) by `of`
 * (their rated severity, or their own), zero counts left out.
 */
export function severityTally(
  findings: readonly ReportFinding[],
  of: (f: ReportFinding) => Severity,
  severities: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'],
): string[] {
  return severities
    .map((s) => [s, findings.filter((f) => of(f) === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
}

export function severityCounts(findings: ReportFinding[]): string {
  const parts = severityTally(findings, ratedSeverity);
  return parts.length ? `Findings: ${parts.join(', ')}` : 'No findings';
}

/** What an exposure is called in a sentence ("only in development or CI"). */
const EXPOSURE_WORDS: Record<Exposure, string> = {
  runtime: 'shipped code',
  build: 'build',
  ci: 'CI',
  development: 'development',
  test: 'tests',
  example: 'examples',
  docs: 'docs',
};

/** Critical, high and medium: what an area's sentences count as problems. */
export const SERIOUS: readonly Severity[] = ['critical', 'high', 'medium'];

/**
 * The critical, high and medium findings counted lower than their own severity, said apart: "2 high
 * and 1 medium of them weigh less: only in development or CI, not in shipped code"; empty when none
 * is. Counts are at the rated severity (`severityCounts`), so a high end of life of a development
 * tool is never read as a high problem.
 */
export function loweredFindings(findings: readonly ReportFinding[]): string {
  const lowered = findings.filter((f) => SERIOUS.includes(f.severity) && ratedSeverity(f) !== f.severity);
  if (lowered.length === 0) return '';
  const own = severityTally(lowered, (f) => f.severity, SERIOUS);
  const exposures = EXPOSURES.filter((e) => lowered.some((f) => f.exposure === e)).map(
    (e) => EXPOSURE_WORDS[e],
  );
  return `${wordList(own)} of them weigh less: only in ${wordList(exposures, 'or')}, not in shipped code`;
}

/**
 * The severity cell of a finding: its rated severity, with its own where that is higher ("low (high,
 * in development)").
 */
export function severityCell(f: Pick<ReportFinding, 'severity' | 'exposure'>): string {
  const rated = ratedSeverity(f);
  return rated === f.severity ? f.severity : `${rated} (${f.severity}, in ${f.exposure})`;
}

/** Findings ordered by rated severity, then their own, then repository, rule and subject. */
export function bySeverity(a: ReportFinding, b: ReportFinding): number {
  return (
    (SEVERITY_RANK[ratedSeverity(a)] ?? 9) - (SEVERITY_RANK[ratedSeverity(b)] ?? 9) ||
    (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
    a.repository.localeCompare(b.repository) ||
    a.rule.localeCompare(b.rule) ||
    a.subject.localeCompare(b.subject)
  );
}

/** The action suggested when the analysis gave no detail. */
export const DEFAULT_ACTIONS: Record<AreaId, string> = {
  'technology-strategy': 'Plan the upgrade or replacement and record the decision.',
  innovation: 'Review at the next technology radar session.',
  'infrastructure-security': 'Upgrade or replace the affected component; track to closure.',
  'team-knowledge': 'Pair a second person on the code and spread reviews.',
  delivery: 'Look at the pipeline and batch size with the owning team.',
  'budget-vendors': 'Review with finance and the vendor owner.',
};
