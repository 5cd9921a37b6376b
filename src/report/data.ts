// Everything a report reads for one set of snapshots, loaded once; areas build sections from it.

import { createHash } from 'node:crypto';
import type { RepositorySummary } from '../analyses/delivery/summary.ts';
import type { Severity } from '../analyses/types.ts';
import type { Coverage } from '../findings/coverage.ts';
import type { RadarView } from '../radar/view.ts';
import {
  findingsOf,
  metricsOf,
  type ReportSnapshot,
  type StoredFinding,
  type StoredMetric,
} from '../store/report.ts';
import {
  commitsByMonth,
  type DependencyCount,
  dependencyCounts,
  type ReleaseTag,
  tagsOf,
  technologiesOf,
  topAuthorShares,
} from '../store/report-facts.ts';
import { type RiskRow, registerRows } from '../store/risks.ts';
import { analysisAreas } from '../store/snapshot-plugins.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_ACTIONS, declaredArea } from './areas/classify.ts';
import { departedFindings, knowledgeAt, type ReportKnowledge } from './knowledge.ts';
import type { KpiValues } from './kpi-values.ts';
import type { ReportOffice } from './office.ts';
import type { AreaId, EvidenceRef, ReportFinding } from './types.ts';

export interface ReportMetric extends StoredMetric {
  repository: string;
  area: AreaId;
  evidenceRef: EvidenceRef;
  sql: string;
}

export interface ReportData {
  now: Date;
  snapshots: ReportSnapshot[];
  metrics: ReportMetric[];
  findings: Array<ReportFinding & { area: AreaId }>;
  months: Array<{ month: string; commits: number }>;
  topShares: Map<number, { total: number; top: number; topEmail: string }>;
  tags: ReleaseTag[];
  deps: DependencyCount[];
  technologies: Array<{ snapshotId: number; kind: string; name: string }>;
  /** Months before an end of life at which it is within the window, set with the feed results. */
  eolWindowMonths?: number;
  /** endoflife.date products in the store, set with the feed results: 0 means end of life was not checked. */
  eolProductsLoaded?: number;
  /** What was checked for vulnerabilities, set with the feed results; absent before they are added. */
  vulnCoverage?: Coverage;
  /** Team knowledge counted back from the report's day (report/knowledge.ts). */
  knowledge: ReportKnowledge;
  /** The risk register's rows of the snapshots' repositories (in a team's view, that team's). */
  register: RiskRow[];
  /** The workspace's decision records and objectives (report/office.ts); null or absent: no office. */
  office?: ReportOffice | null;
  /** The values behind the KPIs now and in the previous period, set by the model before areas are built. */
  kpiValues?: KpiValues;
  /** The workspace's radar joined to usage (src/radar/); null when it has none, absent when not read. */
  radar?: RadarView | null;
  /** Delivery of the repositories whose DORA figures come from recorded events; absent when not read. */
  deliveryEvents?: RepositorySummary[];
}

/** A value quoted for SQL text shown to readers. */
export function q(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export async function loadReportData(
  store: Store,
  snapshots: ReportSnapshot[],
  now: Date,
): Promise<ReportData> {
  const ids = snapshots.map((s) => s.snapshotId);
  const repoOf = new Map(snapshots.map((s) => [s.snapshotId, s.repository]));
  const areas = await analysisAreas(store, ids);
  const areaOf = (r: { snapshotId: number; analysis: string }) =>
    declaredArea(areas.get(`${r.snapshotId}:${r.analysis}`));
  const metrics = (await metricsOf(store, ids)).map((m) =>
    toMetric(m, repoOf.get(m.snapshotId) ?? '', areaOf(m)),
  );
  const knowledge = await knowledgeAt(store, snapshots, now);
  const snapshotOf = new Map(snapshots.map((s) => [s.repository, s.snapshotId]));
  const findings = departedFindings(
    (await findingsOf(store, ids)).map((f) => toFinding(f, repoOf.get(f.snapshotId) ?? '', areaOf(f))),
    knowledge,
    (repository, title, people, detail) =>
      toFinding(
        {
          snapshotId: snapshotOf.get(repository) ?? 0,
          analysis: 'knowledge',
          rule: 'knowledge-departed',
          severity: 'high',
          subject: '',
          title,
          detail,
          owner: null,
          evidence: JSON.stringify({ people }),
        },
        repository,
        'team-knowledge',
      ),
  );
  return {
    now,
    snapshots,
    metrics,
    findings,
    months: await commitsByMonth(store, ids),
    topShares: await topAuthorShares(store, ids),
    tags: await tagsOf(store, ids),
    deps: await dependencyCounts(store, ids),
    technologies: await technologiesOf(store, ids),
    knowledge,
    register: await registerRows(
      store,
      snapshots.map((s) => s.repository),
    ),
  };
}

function parseEvidence(text: string | null): { ref: EvidenceRef; sql: string | null } {
  if (!text) return { ref: {}, sql: null };
  try {
    const e = JSON.parse(text) as Record<string, unknown>;
    const ref: EvidenceRef = {};
    for (const k of ['commits', 'files', 'packages', 'advisories', 'people'] as const)
      if (Array.isArray(e[k])) ref[k] = (e[k] as unknown[]).map(String);
    return { ref, sql: typeof e.sql === 'string' ? e.sql : null };
  } catch {
    return { ref: {}, sql: null };
  }
}

export function toMetric(m: StoredMetric, repository: string, area: AreaId): ReportMetric {
  const { ref, sql } = parseEvidence(m.evidence);
  return {
    ...m,
    repository,
    area,
    evidenceRef: { repositories: [repository], ...ref },
    sql:
      sql ??
      `select repository, metric, subject, value, unit, evidence from current_metrics where repository = ${q(repository)} and metric = ${q(m.metric)} and subject = ${q(m.subject)}`,
  };
}

const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'info']);

export function toFinding(
  f: StoredFinding,
  repository: string,
  area: AreaId,
): ReportFinding & { area: AreaId } {
  const { ref, sql } = parseEvidence(f.evidence);
  const key = `${repository}\n${f.rule}\n${f.subject}`;
  return {
    id: `f-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`,
    area,
    repository,
    analysis: f.analysis,
    rule: f.rule,
    severity: (SEVERITIES.has(f.severity) ? f.severity : 'info') as Severity,
    subject: f.subject,
    title: f.title,
    detail: f.detail,
    owner: f.owner ?? 'unassigned',
    action: f.detail ?? DEFAULT_ACTIONS[area],
    evidence: { repositories: [repository], ...ref },
    sql:
      sql ??
      `select * from current_findings where repository = ${q(repository)} and rule = ${q(f.rule)} and subject = ${q(f.subject)}`,
  };
}
