// The report model: what every renderer (HTML, Markdown, PDF, JSON) draws from. Versioned as
// `cto.report/v2`; docs/report-schema.json describes the same shape.
import type { ReportArea, Severity } from '../analyses/types.ts';
import type { Exposure } from '../collectors/types.ts';

export const REPORT_SCHEMA = 'cto.report/v2';

export type Rating = 'red' | 'amber' | 'green' | 'grey';

/** The CTO areas, as analyses declare them. */
export type AreaId = ReportArea;

/** What a figure or finding rests on, and the query that reproduces it. */
export interface EvidenceRef {
  repositories?: string[];
  commits?: string[];
  files?: string[];
  packages?: string[];
  advisories?: string[];
  people?: string[];
}

export interface Figure {
  id: string;
  label: string;
  value: number | string | null;
  unit?: string;
  evidence: EvidenceRef;
  /** Run with `cto sql "<sql>"` to reproduce the figure. */
  sql: string;
  /** The stored metric's id, for a figure of one (named in words in the label). */
  metric?: string;
  /** A raw stored metric (one per repository or subject set): shown in the appendix with its id. */
  detail?: true;
}

/** Which way a KPI moved against the previous period: `flat` when the rounded values are the same. */
export type KpiDirection = 'up' | 'down' | 'flat';

/**
 * A key figure of an area in words, with its trend against the previous period (docs/report.md,
 * "KPIs"). An area's first KPI is its headline. `value` and `previous` keep the numbers; `display`
 * is the value as a reader reads it (rounded, with its unit).
 */
export interface Kpi {
  id: string;
  /** What the figure is, in words ("open critical and high vulnerabilities in runtime dependencies"). */
  label: string;
  value: number | null;
  /** The unit of `value` (`ratio` for a share 0..1, `%`, `days`, `people`...); '' for none. */
  unit: string;
  /** The value rounded for people with its unit ("64%", "3 people"); "not measured" when null. */
  display: string;
  /** The value at the previous period, null when unknown (no earlier snapshot, or not measured then). */
  previous: number | null;
  /** The period compared with, in words ("2026-09-30"); null when there is nothing to compare with. */
  previousPeriod: string | null;
  /** value − previous, in the unit; null when either is unknown. */
  change: number | null;
  /** change / previous (0.25 = +25%); null when unknown or previous is 0. */
  changeRelative: number | null;
  /** Null when there is no change to show. */
  direction: KpiDirection | null;
  /** Whether a rise is good news (`up`), bad news (`down`), or neither (null). */
  better: 'up' | 'down' | null;
  evidence: EvidenceRef;
  /** Run with `cto sql "<sql>"` to reproduce the figure. */
  sql: string;
}

/**
 * bar, stacked-bar: one row per label; line: values over ordered labels; timeline: the end-of-life
 * runway (days per item); matrix: counts per severity (labels) and exposure (series); small-multiples:
 * one small line chart per series (a team) over the same labels; radar: numbered blips (labels) with
 * their ring and quadrant indexes (series `ring`, `quadrant`) on `rings` x `quadrants`.
 */
export type ChartKind = 'bar' | 'stacked-bar' | 'line' | 'timeline' | 'matrix' | 'small-multiples' | 'radar';

export interface ChartSeries {
  name: string;
  /** One value per label; null where it is not known. */
  values: Array<number | null>;
}

export interface Chart {
  id: string;
  kind: ChartKind;
  title: string;
  /** Category labels (bars), x labels (line) or item labels (timeline). */
  labels: string[];
  series: ChartSeries[];
  unit?: string;
  /** The last label is a period that had not ended at the report date (drawn dashed, shaded "partial"). */
  partial?: boolean;
  /** Timeline: days before an end of life at which an item is within the window (amber). */
  windowDays?: number;
  /** Radar: ring titles, inner to outer, and quadrant titles. */
  rings?: string[];
  quadrants?: string[];
  sql: string;
}

export interface ReportFinding {
  id: string;
  repository: string;
  analysis: string;
  rule: string;
  severity: Severity;
  subject: string;
  title: string;
  detail: string | null;
  owner: string;
  action: string;
  evidence: EvidenceRef;
  sql: string;
  /**
   * The most exposed place of the problem (vulnerabilities, end of life): weighs its severity in the
   * area's rating (docs/report.md#rating-rule). Absent for analysis findings: counted as runtime.
   */
  exposure?: Exposure;
}

/** One of the risk register's top items (docs/report.md#top-risks), as it stands on the report's day. */
export interface TopRisk {
  /** The register's key (docs/risk.md). */
  key: string;
  title: string;
  repository: string;
  area: AreaId;
  /** `vulnerability`, `end-of-life`, `licence` or `finding:<analysis>:<rule>`. */
  kind: string;
  severity: Severity;
  exposure: Exposure;
  /** The risk score (severity × exposure × reachability × age), as the register last computed it. */
  score: number;
  owner: string;
  /** `overdue`: open past its SLA due date; `accepted`: accepted in risks.yaml until `due`. */
  status: 'open' | 'overdue' | 'accepted';
  /** The SLA due date (open, overdue) or the end of the acceptance (accepted); null when none. */
  due: string | null;
  /** Days past the SLA due date on the report's day; null when not overdue. */
  overdueDays: number | null;
  firstSeen: string;
  action: string;
  /** The finding it shows as in its area's section (its evidence), when the report lists it. */
  findingId: string | null;
  sql: string;
}

/** One area's row of the executive summary. */
export interface SummaryArea {
  id: AreaId;
  title: string;
  rating: Rating;
  line: string;
  /** What the rating means, in plain words: a template filled from the area's data. */
  sentence: string;
  /** What drives the rating: the metric rules that fired, then the most severe findings (at most three). */
  drivers: string[];
  /** The area's headline KPI (its first) with its trend; null when the area has none. */
  headline: Kpi | null;
}

/** Something someone has to decide (docs/report.md#decisions-needed), from one of the decision sources. */
export interface DecisionNeeded {
  /** The source that found it: `acceptance-expiring`, `end-of-life`, `key-people-left`, ... */
  kind: string;
  title: string;
  subject: string;
  repository: string | null;
  /** By when (YYYY-MM-DD): an expiry, an end-of-life date; null when nothing dates it. */
  due: string | null;
  owner: string;
  /** The register key it stands for, when it is a risk. */
  riskKey: string | null;
  evidence: EvidenceRef;
  sql: string;
}

/** One of the findings that matter in an area: a finding of `findings`, and where else it occurs. */
export interface TopFinding {
  /** The id of the finding shown (in the section's `findings`). */
  id: string;
  /** Its risk score (docs/risk.md), null when it is not a scored problem. */
  score: number | null;
  /** The repositories with the same finding (rule, subject and title). */
  repositories: string[];
}

export interface AreaSection {
  id: AreaId;
  title: string;
  rating: Rating;
  /** The one line of the executive summary. */
  line: string;
  /** The rating rules over metrics that fired (areas/rules.ts), one sentence each. */
  reasons: string[];
  /** Three to six key figures in words with their trend; the first is the area's headline. */
  kpis: Kpi[];
  figures: Figure[];
  charts: Chart[];
  findings: ReportFinding[];
  /** The findings that matter: at most five, the same finding once, highest risk score first. */
  topFindings: TopFinding[];
  /** Data sources or analyses this area would use that the store does not hold. */
  missing: string[];
  /** Technology strategy: the radar's list view (docs/office.md#radar), when the workspace has a radar. */
  radar?: RadarList;
}

/** The radar as a list, numbered as on the drawn radar; `crowded`: the list comes before the drawing. */
export interface RadarList {
  release: string;
  previousRelease: string | null;
  coveragePercent: number | null;
  crowded: boolean;
  items: Array<{
    number: number;
    title: string;
    ring: string;
    quadrant: string;
    change: string;
    runtimeRepositories: string[];
    teams: string[];
    activePeople: number;
    trend: number | null;
  }>;
}

export interface SnapshotRef {
  repository: string;
  snapshotId: number;
  commit: string;
  ref: string | null;
  status: string;
  finishedAt: string | null;
  toolVersion: string;
  /** In the repository list: days from the scan to the report's reference date, and whether that is stale. */
  ageDays?: number | null;
  stale?: boolean;
}

export interface MetricChange {
  repository: string;
  metric: string;
  /** The metric's unit (null when it has none), to show the values rounded for people. */
  unit: string | null;
  subject: string;
  before: number | null;
  after: number | null;
}

/** A vulnerability found on one side of the comparison only: (repository, advisory, package) is the key. */
export interface VulnerabilityChange {
  repository: string;
  /** OSV id (aliases merged, as `cto vulns` reports them). */
  id: string;
  aliases: string[];
  ecosystem: string;
  package: string;
  /** The version matched on the side where the vulnerability is found. */
  version: string;
  severity: Severity;
  summary: string | null;
  fixedVersion: string | null;
}

/** An end-of-life item: the most urgent row of (repository, kind, subject) on one date. */
export interface EolState {
  version: string | null;
  cycle: string | null;
  eol: string | null;
  runwayMonths: number | null;
  status: 'past-eol' | 'within-window' | 'supported' | 'unknown';
}

export interface EolChange {
  repository: string;
  kind: 'runtime' | 'image' | 'package';
  subject: string;
  product: string | null;
  severity: Severity;
  before: EolState | null;
  after: EolState;
}

export interface RunwayChange {
  repository: string;
  kind: 'runtime' | 'image' | 'package';
  subject: string;
  product: string | null;
  before: EolState;
  after: EolState;
  /** Runway on DATE minus runway on the report date, in months (negative: runway gained). */
  consumedMonths: number;
}

export interface Changes {
  since: string;
  /** Set when there is nothing to compare against (no snapshot on or before the date). */
  message: string | null;
  baseline: SnapshotRef[];
  newFindings: ReportFinding[];
  fixedFindings: ReportFinding[];
  metricChanges: MetricChange[];
  newTechnologies: Array<{ repository: string; kind: string; name: string }>;
  releases: Array<{ repository: string; tag: string; date: string }>;
  runwayConsumedDays: number;
  /** Feed matches of the baseline snapshots against those of the current ones, with today's feeds. */
  vulnerabilities: {
    area: 'infrastructure-security';
    new: VulnerabilityChange[];
    fixed: VulnerabilityChange[];
  };
  endOfLife: {
    area: 'technology-strategy';
    /** Items past end of life or within the window now that were not (or not as badly) on DATE. */
    newlyAtRisk: EolChange[];
    /** Items present on both dates whose runway is known on both. */
    runway: RunwayChange[];
  };
  risksOpened: ReportFinding[];
  risksClosed: ReportFinding[];
  sql: string;
}

export interface Definition {
  title: string;
  source: string;
  text: string;
}

export interface ReportModel {
  schema: typeof REPORT_SCHEMA;
  tool: { name: 'cto'; version: string };
  generatedAt: string;
  scope: { team: string | null; anonymized: boolean; note: string | null };
  /** A message for the reader when the store cannot support a full report (empty, failed scans). */
  notice: string | null;
  summary: {
    areas: SummaryArea[];
    /** The period the headline KPIs compare with (their `previousPeriod`); null when there is none. */
    previousPeriod: string | null;
    /** The register's ten highest-scored open or accepted risks, deduplicated, highest first. */
    topRisks: TopRisk[];
    /** The register's counts over the report's repositories, on the report's day. */
    register: { open: number; overdue: number; accepted: number };
    decisions: DecisionNeeded[];
  };
  sections: AreaSection[];
  changes: Changes | null;
  appendix: {
    definitions: Definition[];
    data: {
      repositories: SnapshotRef[];
      failedScans: Array<{ repository: string; error: string | null; finishedAt: string | null }>;
      feeds: Array<{ name: string; date: string | null }>;
      toolVersion: string;
      engine: string;
    };
  };
}
