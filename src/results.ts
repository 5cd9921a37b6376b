// What analyses and the report-time matchers derive: metrics and findings with their evidence. The
// store writes and reads these shapes, so they live outside src/analyses/ (the store does not import
// analyses).

import type { Exposure } from './collectors/types.ts';

/** The CTO areas of the report (docs/report.md), one per responsibility in DESIGN.md, in report order. */
export const REPORT_AREAS = [
  'technology-strategy',
  'innovation',
  'infrastructure-security',
  'team-knowledge',
  'delivery',
  'budget-vendors',
] as const;

export type ReportArea = (typeof REPORT_AREAS)[number];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export type MetricScope = 'repository' | 'folder' | 'file' | 'person' | 'team' | 'package';

/** The commits, files, packages or advisories behind a number or a finding. */
export interface Evidence {
  commits?: string[];
  files?: string[];
  packages?: string[];
  /** Container images, CI actions, Helm charts or infrastructure modules. */
  images?: string[];
  advisories?: string[];
  people?: string[];
  /** Tag names (releases). */
  tags?: string[];
  /** External documents a figure rests on, such as the registry answer that states a licence. */
  sources?: string[];
  /** A query a reader can run with `cto sql` to reproduce the figure. */
  sql?: string;
  /** Exposures of the facts behind the figure (docs/risk.md, "Exposure"), most exposed first. */
  exposures?: Exposure[];
}

export interface Metric {
  /** Name as defined in docs/metrics.md, e.g. `truck-factor`. */
  metric: string;
  scope: MetricScope;
  /** Path, person or team id; '' for the repository. */
  subject: string;
  value: number | null;
  unit?: string;
  evidence?: Evidence;
}

export interface Finding {
  /** Stable rule id, e.g. `truck-factor-one`. */
  rule: string;
  severity: Severity;
  subject: string;
  title: string;
  detail?: string;
  owner?: string;
  evidence?: Evidence;
}
