// The KPIs of each area (docs/report.md, "KPIs"): three to six figures in words with their trend,
// the headline first. Values that `cto trend` has a series for are read from it now and in the
// previous period (report/kpi-values.ts); the others are the report's own counts, with no trend.
import { checkedShare } from '../../findings/coverage.ts';
import type { ReportData } from '../data.ts';
import { type KpiSpec, makeKpi } from '../kpi.ts';
import type { KpiSeries } from '../kpi-values.ts';
import { registerCounts } from '../top-risks.ts';
import type { Kpi } from '../types.ts';
import { areaFindings } from './common.ts';

type Spec = Omit<KpiSpec, 'value' | 'evidence'> & { evidence?: KpiSpec['evidence'] };

/** A KPI read from a trend series: the value now (unless given) and in the previous period. */
function seriesKpi(data: ReportData, series: KpiSeries, spec: Spec, value?: number | null): Kpi {
  const v = data.kpiValues;
  const now = value !== undefined ? value : (v?.current.get(series) ?? null);
  return makeKpi(
    { ...spec, value: now, evidence: spec.evidence ?? { repositories: repositories(data) } },
    v?.previous.get(series) ?? null,
    v?.period ?? null,
  );
}

/** A KPI the report counts itself: no value in the previous period. */
function countKpi(data: ReportData, spec: Spec, value: number | null): Kpi {
  return makeKpi(
    { ...spec, value, evidence: spec.evidence ?? { repositories: repositories(data) } },
    null,
    null,
  );
}

const repositories = (data: ReportData) => data.snapshots.map((s) => s.repository);
/** Vulnerabilities are matched in code (`cto vulns`, `cto trend vulnerabilities`): this lists the candidates. */
const VULN_SQL =
  'select d.repository, d.ecosystem, d.name, d.version, d.exposure, a.advisory_id from current_dependencies d join advisory_packages a on a.ecosystem = d.ecosystem and a.package = d.name order by d.repository, d.name';

export function technologyKpis(data: ReportData): Kpi[] {
  const languages = new Set(
    data.metrics.filter((m) => m.metric === 'language-code-lines' && m.subject !== '').map((m) => m.subject),
  );
  const windowed = areaFindings(data, 'technology-strategy').filter((f) => /eol|end-of-life/.test(f.rule));
  return [
    seriesKpi(data, 'end-of-life', {
      id: 'kpi-end-of-life',
      label: 'Runtimes, images and packages past their end of life',
      unit: 'items',
      better: 'down',
      sql: 'select repository, kind, version, path from current_runtimes order by repository, kind',
    }),
    countKpi(
      data,
      {
        id: 'kpi-end-of-life-findings',
        label: 'End-of-life findings (past or within the window)',
        unit: 'findings',
        better: 'down',
        sql: "select repository, rule, subject, severity, title from current_findings where rule like '%eol%' order by severity",
      },
      windowed.length,
    ),
    seriesKpi(data, 'code-lines', {
      id: 'kpi-code-lines',
      label: 'Code size',
      unit: 'lines',
      better: null,
      sql: "select repository, value from current_metrics where metric = 'code-lines' and subject = ''",
    }),
    countKpi(
      data,
      {
        id: 'kpi-languages',
        label: 'Languages in use',
        unit: 'languages',
        better: null,
        sql: "select subject, sum(value) as lines from current_metrics where metric = 'language-code-lines' group by subject order by 2 desc",
      },
      languages.size > 0 ? languages.size : null,
    ),
  ];
}

export function securityKpis(data: ReportData): Kpi[] {
  const findings = areaFindings(data, 'infrastructure-security');
  const licence = findings.filter((f) => /licen[cs]e/.test(`${f.analysis} ${f.rule}`));
  const c = data.vulnCoverage;
  const register = registerCounts(data.register, data.now.toISOString().slice(0, 10));
  const covered = c && c.total > 0 ? checkedShare(c.checked, c.total) : null;
  return [
    seriesKpi(data, 'vulnerabilities-runtime-critical-high', {
      id: 'kpi-vulnerabilities-runtime-serious',
      label: 'Open critical and high vulnerabilities in dependencies used at runtime',
      unit: 'vulnerabilities',
      better: 'down',
      sql: VULN_SQL,
    }),
    seriesKpi(data, 'vulnerabilities', {
      id: 'kpi-vulnerabilities',
      label: 'Vulnerable package versions (advisory and version pairs), all severities and scopes',
      unit: 'vulnerabilities',
      better: 'down',
      sql: VULN_SQL,
    }),
    countKpi(
      data,
      {
        id: 'kpi-vulnerability-coverage',
        label: 'Package versions checked for vulnerabilities',
        unit: '%',
        better: 'up',
        sql: 'select repository, ecosystem, name, version, requirement, manifest_path from current_dependencies order by repository, ecosystem, version is null, name',
      },
      covered,
    ),
    countKpi(
      data,
      {
        id: 'kpi-licence-problems',
        label: 'Licence problems',
        unit: 'findings',
        better: 'down',
        sql: "select repository, rule, subject, severity, title from current_findings where rule like '%licen%'",
      },
      licence.length,
    ),
    // Now: the register on the report's day, as the summary counts it; before: the trend's series.
    seriesKpi(
      data,
      'risks-overdue',
      {
        id: 'kpi-risks-overdue',
        label: 'Risks open past their SLA',
        unit: 'risks',
        better: 'down',
        sql: "select key, repository, severity, first_seen_at, sla_due, title from risks where status = 'open' order by severity, first_seen_at",
      },
      register.overdue,
    ),
    seriesKpi(
      data,
      'risks-open',
      {
        id: 'kpi-risks-open',
        label: 'Risks open in the register',
        unit: 'risks',
        better: 'down',
        sql: "select key, repository, severity, first_seen_at, title from risks where status = 'open' order by score desc",
      },
      register.open,
    ),
  ];
}

export function teamKpis(data: ReportData): Kpi[] {
  const known = data.knowledge.repositories;
  const active = known.map((k) => k.active.truckFactor);
  // Key people: those the repository's truck factor counts; left: no commit in the 365 days before the report's day.
  const departed = known.reduce((n, k) => n + Math.max(0, k.active.keyPeople - k.active.activeKeyPeople), 0);
  const people = known.flatMap((k) => (k.people ?? []).filter((p) => p.departed).map((p) => p.person));
  return [
    seriesKpi(
      data,
      'truck-factor-active',
      {
        id: 'kpi-truck-factor-active',
        label: 'Truck factor among active people, lowest repository',
        unit: 'people',
        better: 'up',
        sql: "select repository, value from current_metrics where metric = 'truck-factor-active' and subject = '' order by value",
      },
      active.length > 0 ? Math.min(...active) : undefined,
    ),
    seriesKpi(data, 'active-contributors-90d', {
      id: 'kpi-active-contributors',
      label: 'Contributors active in the last 90 days',
      unit: 'people',
      better: 'up',
      sql: "select repository, value from current_metrics where metric = 'active-contributors-90d' and subject = ''",
    }),
    countKpi(
      data,
      {
        id: 'kpi-departed-key-people',
        label: 'Key owners who have left (key people with no commit in 365 days)',
        unit: 'people',
        better: 'down',
        sql: "select repository, subject, value from current_metrics where metric = 'active-key-people'",
        evidence: { repositories: repositories(data), people: [...new Set(people)].slice(0, 50) },
      },
      known.length > 0 ? departed : null,
    ),
  ];
}

export function deliveryKpis(data: ReportData): Kpi[] {
  const metric = (name: string) =>
    `select repository, value from current_metrics where metric = '${name}' and subject = '' order by value desc`;
  return [
    seriesKpi(data, 'change-failure-rate-365d', {
      id: 'kpi-change-failure',
      label: 'Change failure proxy: share of releases followed by a fix, highest repository (365 days)',
      unit: 'ratio',
      better: 'down',
      sql: metric('change-failure-rate-365d'),
    }),
    seriesKpi(data, 'lead-time-median-365d', {
      id: 'kpi-lead-time',
      label: 'Lead time for changes, median of repositories (365 days)',
      unit: 'days',
      better: 'down',
      sql: metric('lead-time-median-365d'),
    }),
    seriesKpi(data, 'releases-365d', {
      id: 'kpi-releases',
      label: 'Releases in the last 365 days (deploy frequency proxy)',
      unit: 'releases',
      better: 'up',
      sql: metric('releases-365d'),
    }),
    seriesKpi(data, 'rework-rate-365d', {
      id: 'kpi-rework',
      label: 'Rework proxy: share of releases that are fixes, highest repository (365 days)',
      unit: 'ratio',
      better: 'down',
      sql: metric('rework-rate-365d'),
    }),
  ];
}
