// Infrastructure and security: vulnerabilities and licences from analyses, by severity and team.

import { type Coverage, checkedShare, coverageNote } from '../../findings/coverage.ts';
import { q, type ReportData, type ReportMetric } from '../data.ts';
import type { AreaSection, Chart, Figure, ReportFinding } from '../types.ts';
import { areaFindings, areaMetrics, buildSection, figure, metricFigures, slug } from './common.ts';
import { securityKpis } from './kpis.ts';
import { securityRules } from './rules.ts';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const VULN = /vuln|osv|advisor|cve/;

export function securitySection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'infrastructure-security');
  const findings = areaFindings(data, 'infrastructure-security');
  const vulns = findings.filter((f) => VULN.test(`${f.analysis} ${f.rule}`));
  const charts: Chart[] = [];
  if (vulns.length > 0) charts.push(vulnerabilityChart(vulns));
  const coverage = data.vulnCoverage;
  const missing: string[] = [];
  if (!coverage || (coverage.checked === 0 && coverage.status !== 'nothing-to-check'))
    missing.push('vulnerability matching (OSV feed against dependencies)');
  if (
    !findings.some((f) => /licen[cs]e/.test(`${f.analysis} ${f.rule}`)) &&
    !metrics.some((m) => /licen[cs]e/.test(m.analysis))
  )
    missing.push('licence analysis');
  return buildSection(
    'infrastructure-security',
    data,
    {
      kpis: securityKpis(data),
      figures: [
        ...metricFigures(metrics, new Set(['licence-known-share'])),
        ...coverageFigures(metrics.filter((m) => m.metric === 'licence-known-share')),
        ...(coverage ? vulnCoverageFigures(coverage) : []),
      ],
      charts,
      missing,
      // A green rating needs every dependency in scope checked (docs/report.md, "Rating rule").
      unmeasured: coverage ? coverageNote(coverage) : null,
      rules: securityRules(data.register, data.now.toISOString().slice(0, 10)),
    },
    'Not measured: load the advisories with `cto feed import <osv zip>`, then `cto vulns` and `cto licences` check the dependencies.',
  );
}

function vulnerabilityChart(vulns: ReportFinding[]): Chart {
  const teams = [...new Set(vulns.map((f) => f.owner))].sort();
  return {
    id: 'vulnerabilities',
    kind: 'stacked-bar',
    title: 'Vulnerability findings by team and severity',
    labels: teams,
    series: SEVERITIES.map((s) => ({
      name: s,
      values: teams.map((t) => vulns.filter((f) => f.owner === t && f.severity === s).length),
    })).filter((s) => s.values.some((v) => v > 0)),
    // Versions are matched against advisories in code (`cto vulns`); this lists the candidates.
    sql: 'select d.repository, d.ecosystem, d.name, d.version, a.advisory_id from current_dependencies d join advisory_packages a on a.ecosystem = d.ecosystem and a.package = d.name',
  };
}

/** One figure per repository and ecosystem: the share of packages with a known licence. */
function coverageFigures(metrics: ReportMetric[]): Figure[] {
  return [...metrics]
    .sort((a, b) => a.repository.localeCompare(b.repository) || a.subject.localeCompare(b.subject))
    .map((m) =>
      figure(
        `m-${slug(m.repository)}-licences-known-${slug(m.subject)}`,
        `packages with a known licence, ${m.subject} (${m.repository})`,
        m.value,
        m.sql,
        m.evidenceRef,
        '%',
      ),
    );
}

/**
 * Vulnerability coverage: the share of package versions checked over the portfolio, then per
 * repository and ecosystem (docs/metrics/supply-chain.md, "Coverage").
 */
function vulnCoverageFigures(c: Coverage): Figure[] {
  const sql = (where: string) =>
    `select repository, ecosystem, name, version, requirement, manifest_path from current_dependencies${where} order by repository, ecosystem, version is null, name`;
  const repositories = c.repositories.filter((r) => r.status !== 'nothing-to-check');
  const out: Figure[] = [
    figure(
      'vulnerability-coverage',
      `package versions checked for vulnerabilities (${c.checked.toLocaleString('en-US')} of ${c.total.toLocaleString('en-US')})`,
      checkedShare(c.checked, c.total),
      sql(''),
      { repositories: repositories.map((r) => r.repository) },
      '%',
    ),
  ];
  for (const r of repositories)
    for (const e of r.ecosystems)
      out.push(
        figure(
          `vulnerability-coverage-${slug(r.repository)}-${slug(e.ecosystem)}`,
          `package versions checked for vulnerabilities, ${e.ecosystem} (${r.repository})${e.feedLoaded ? '' : ': no feed loaded'}`,
          checkedShare(e.checked, e.versions + e.rangesOnly),
          sql(` where repository = ${q(r.repository)} and ecosystem = ${q(e.ecosystem)}`),
          { repositories: [r.repository], files: e.rangeManifests },
          '%',
        ),
      );
  return out;
}
