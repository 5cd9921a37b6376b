// What every area section shares: figures from stored metrics, the rating and the summary line.
import type { ReportData, ReportMetric } from '../data.ts';
import { metricName } from '../definitions.ts';
import type { AreaId, AreaSection, Chart, Figure, Kpi, ReportFinding } from '../types.ts';
import { AREA_TITLES, bySeverity, loweredFindings, rate, severityCounts, worst } from './classify.ts';
import type { MetricRule } from './rules.ts';

interface AreaParts {
  /** The area's key figures in words (report/kpi.ts), headline first. */
  kpis?: Kpi[];
  figures: Figure[];
  charts: Chart[];
  missing: string[];
  /** Whether an analysis of this area stored results (a grey rating otherwise). */
  analysed?: boolean;
  /**
   * What in the area's scope was not measured, as a sentence for its line: the area is then never
   * green (grey when it would have been).
   */
  unmeasured?: string | null;
  /** The area's rules over its metrics (rules.ts): the rating is the worst of these and the findings'. */
  rules?: MetricRule[];
}

export function areaMetrics(data: ReportData, area: AreaId): ReportMetric[] {
  return data.metrics.filter((m) => m.area === area);
}

export function areaFindings(data: ReportData, area: AreaId): ReportFinding[] {
  return data.findings
    .filter((f) => f.area === area)
    .map(({ area: _a, ...f }) => f)
    .sort(bySeverity);
}

/** Repository-level metrics as figures, one per repository; other scopes as a count of subjects. */
export function metricFigures(metrics: ReportMetric[], skip: Set<string> = new Set()): Figure[] {
  const figures: Figure[] = [];
  const groups = new Map<string, ReportMetric[]>();
  for (const m of metrics) {
    if (skip.has(m.metric)) continue;
    if (m.scope === 'repository' && m.subject === '') {
      figures.push({
        id: `m-${slug(m.repository)}-${slug(m.metric)}`,
        label: `${cap(metricName(m.metric))}, ${m.repository}`,
        metric: m.metric,
        value: m.value,
        ...(m.unit ? { unit: m.unit } : {}),
        evidence: m.evidenceRef,
        sql: m.sql,
        detail: true,
      });
      continue;
    }
    const key = `${m.repository}\n${m.metric}\n${m.scope}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  for (const [key, list] of groups) {
    const [repository = '', metric = '', scope = ''] = key.split('\n');
    figures.push({
      id: `m-${slug(repository)}-${slug(metric)}-${slug(scope)}`,
      label: `${cap(metricName(metric))}, ${repository}: ${subjectNoun(metric, scope)} measured`,
      metric,
      value: list.length,
      unit: subjectNoun(metric, scope),
      evidence: {
        repositories: [repository],
        ...subjectEvidence(
          scope,
          list.map((m) => m.subject),
        ),
      },
      sql: `select subject, value, unit, evidence from current_metrics where repository = '${repository.replace(/'/g, "''")}' and metric = '${metric.replace(/'/g, "''")}' and scope = '${scope}' order by value desc`,
      detail: true,
    });
  }
  return figures;
}

/** What the subjects of a per-subject metric are, in words a reader knows. */
function subjectNoun(metric: string, scope: string): string {
  if (scope === 'file' || scope === 'folder' || scope === 'package' || scope === 'team') return `${scope}s`;
  if (scope === 'person') return 'people';
  if (metric.startsWith('language')) return 'languages';
  if (metric.startsWith('technolog')) return 'technologies';
  if (metric.startsWith('licen')) return 'licences';
  return 'subjects';
}

function subjectEvidence(scope: string, subjects: string[]) {
  const top = subjects.slice(0, 50);
  if (scope === 'file' || scope === 'folder') return { files: top };
  if (scope === 'package') return { packages: top };
  if (scope === 'person') return { people: top };
  return {};
}

export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'x'
  );
}

export function buildSection(id: AreaId, data: ReportData, parts: AreaParts, greyLine: string): AreaSection {
  const findings = areaFindings(data, id);
  const analysed = parts.analysed ?? (areaMetrics(data, id).length > 0 || findings.length > 0);
  const rules = analysed ? (parts.rules ?? []) : [];
  const rating = worst([rate(findings, analysed, !parts.unmeasured), ...rules.map((r) => r.rating)]);
  const lowered = loweredFindings(findings);
  const counted = analysed
    ? `${severityCounts(findings)} (${plural(new Set(findings.map((f) => f.repository)).size || data.snapshots.length, 'repository', 'repositories')})${lowered ? `; ${lowered}` : ''}.`
    : greyLine;
  const line = [...rules.map((r) => r.reason), counted, ...(parts.unmeasured ? [parts.unmeasured] : [])].join(
    ' ',
  );
  const { figures, charts, missing } = parts;
  const kpis = parts.kpis ?? [];
  const reasons = rules.map((r) => r.reason);
  return {
    id,
    title: AREA_TITLES[id],
    rating,
    line,
    reasons,
    kpis,
    figures,
    charts,
    findings,
    topFindings: [],
    missing,
  };
}

export function figure(
  id: string,
  label: string,
  value: number | string | null,
  sql: string,
  evidence: Figure['evidence'],
  unit?: string,
): Figure {
  return { id, label, value, ...(unit ? { unit } : {}), evidence, sql };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
