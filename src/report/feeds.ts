// Query-time results from the loaded feeds (`cto vulns`, `cto eol`) as report findings and
// figures, and the feed import dates for the appendix.

import { createHash } from 'node:crypto';
import type { Severity } from '../analyses/types.ts';
import { coverageFor } from '../findings/coverage.ts';
import { findEol } from '../findings/eol/find.ts';
import { findVulnerabilities } from '../findings/vulnerabilities/find.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_ACTIONS } from './areas/classify.ts';
import { q, type ReportData, type ReportMetric } from './data.ts';

const id = (key: string) => `f-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;

/** Vulnerable packages (OSV) and end-of-life items become findings; runways become metrics. */
export async function addFeedResults(store: Store, data: ReportData): Promise<void> {
  const vulns = await findVulnerabilities(store);
  data.vulnCoverage = coverageFor(vulns.coverage, new Set(data.snapshots.map((s) => s.repository)));
  for (const v of vulns.findings) {
    const severity: Severity =
      v.severity.level === 'unknown' || v.severity.level === 'none' ? 'medium' : v.severity.level;
    data.findings.push({
      id: id(`${v.repository}\nvulnerability\n${v.ecosystem}/${v.name}@${v.version}\n${v.id}`),
      area: 'infrastructure-security',
      repository: v.repository,
      analysis: 'vulnerabilities',
      rule: 'vulnerability',
      severity,
      subject: `${v.ecosystem}/${v.name}@${v.version}`,
      title: `${v.name} ${v.version}: ${v.id}${v.summary ? ` ${v.summary}` : ''}`,
      detail: v.fixedVersion ? `Upgrade ${v.name} to ${v.fixedVersion} or later.` : null,
      owner: 'unassigned',
      action: v.fixedVersion
        ? `Upgrade ${v.name} to ${v.fixedVersion} or later.`
        : DEFAULT_ACTIONS['infrastructure-security'],
      evidence: {
        repositories: [v.repository],
        packages: [`${v.ecosystem}/${v.name}@${v.version}`],
        advisories: [v.id, ...v.aliases],
        files: v.manifests,
      },
      sql: `select repository, ecosystem, name, version, manifest_path from current_dependencies where repository = ${q(v.repository)} and name = ${q(v.name)} and version = ${q(v.version)}`,
    });
  }
  const today = data.now.toISOString().slice(0, 10);
  const { rows } = await findEol(store, { today, windowMonths: 6 });
  for (const r of rows) {
    if (r.runwayMonths === null || !r.product) continue;
    const subject = `${r.product} ${r.cycle ?? r.version ?? ''}`.trim();
    const sql = `select repository, kind, version, path from current_runtimes where repository = ${q(r.repository)}`;
    data.metrics.push(eolMetric(r.repository, subject, Math.round(r.runwayMonths * 30.44), sql, r.paths));
    if (r.status !== 'past-eol' && r.status !== 'within-window') continue;
    data.findings.push({
      id: id(`${r.repository}\neol\n${subject}`),
      area: 'technology-strategy',
      repository: r.repository,
      analysis: 'eol',
      rule: r.status === 'past-eol' ? 'eol-past' : 'eol-within-window',
      severity: r.status === 'past-eol' ? 'high' : 'medium',
      subject,
      title:
        r.status === 'past-eol'
          ? `${subject} is past its end of life`
          : `${subject} reaches end of life within 6 months`,
      detail: null,
      owner: 'unassigned',
      action: `Upgrade ${r.product} to a supported cycle.`,
      evidence: { repositories: [r.repository], files: r.paths },
      sql,
    });
  }
}

function eolMetric(
  repository: string,
  subject: string,
  days: number,
  sql: string,
  files: string[],
): ReportMetric {
  return {
    snapshotId: 0,
    analysis: 'eol',
    metric: 'eol-runway',
    scope: 'package',
    subject,
    value: days,
    unit: 'days',
    evidence: null,
    repository,
    area: 'technology-strategy',
    evidenceRef: { repositories: [repository], files },
    sql,
  };
}

export async function feedDates(store: Store): Promise<Array<{ name: string; date: string | null }>> {
  const rows = await store.db
    .selectFrom('feed_imports')
    .select((eb) => ['feed', 'ecosystem', eb.fn.max('imported_at').as('at')])
    .where('status', '=', 'active')
    .groupBy(['feed', 'ecosystem'])
    .orderBy('feed')
    .orderBy('ecosystem')
    .execute();
  return rows.map((r) => ({
    name: `${r.feed}${r.ecosystem ? ` ${r.ecosystem}` : ''}`,
    date: r.at ? String(r.at) : null,
  }));
}
