// "What changed": the snapshots current on a date against the current ones (docs/report.md).
import { firstSnapshotAt, snapshotsAsOf } from '../store/report.ts';
import type { Store } from '../store/store.ts';
import { bySeverity } from './areas/classify.ts';
import { loadReportData, type ReportData } from './data.ts';
import { feedChanges } from './feed-changes.ts';
import type { Changes, MetricChange, ReportFinding, SnapshotRef } from './types.ts';

const DAY = 86_400_000;

/** The ISO instant just after the given day (UTC). */
export function endOfDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString();
}

export function snapshotRef(s: ReportData['snapshots'][number]): SnapshotRef {
  const { repository, snapshotId, commit, ref, status, finishedAt, toolVersion } = s;
  return { repository, snapshotId, commit, ref, status, finishedAt, toolVersion };
}

/** "12 days", or "120 days: stale, rescan" (docs/risk.md, "Reference date"). */
export function snapshotAgeText(r: SnapshotRef): string {
  if (r.ageDays === undefined || r.ageDays === null) return '';
  return `${r.ageDays} days${r.stale ? ': stale, rescan' : ''}`;
}

export async function buildChanges(store: Store, since: string, current: ReportData): Promise<Changes> {
  const base = await snapshotsAsOf(store, endOfDay(since));
  const runwayConsumedDays = Math.max(
    0,
    Math.floor((current.now.getTime() - Date.parse(`${since}T00:00:00Z`)) / DAY),
  );
  const empty: Changes = {
    since,
    message: null,
    baseline: [],
    newFindings: [],
    fixedFindings: [],
    metricChanges: [],
    newTechnologies: [],
    releases: [],
    runwayConsumedDays,
    vulnerabilities: { area: 'infrastructure-security', new: [], fixed: [] },
    endOfLife: { area: 'technology-strategy', newlyAtRisk: [], runway: [] },
    risksOpened: [],
    risksClosed: [],
    sql: `select r.name, s.id, s.commit_sha, s.as_of, s.finished_at from snapshots s join repositories r on r.id = s.repository_id where s.status in ('ok', 'partial') and ((s.historical = 0 and s.finished_at < '${endOfDay(since)}') or (s.historical = 1 and s.as_of <= '${since}')) order by r.name, case when s.historical = 1 then s.as_of || 'T23:59:59Z' else s.finished_at end desc`,
  };
  if (base.length === 0) {
    const first = await firstSnapshotAt(store);
    return {
      ...empty,
      message: first
        ? `No snapshot had finished by ${since}: the first finished on ${first.slice(0, 10)}. Nothing to compare against; pick a later date.`
        : `No snapshot had finished by ${since}: the store has no readable snapshot at all.`,
    };
  }
  const before = await loadReportData(store, base, current.now);
  const key = (f: ReportFinding) => `${f.repository}\n${f.rule}\n${f.subject}`;
  const strip = (list: ReportData['findings']) => list.map(({ area: _a, ...f }) => f);
  const oldKeys = new Set(before.findings.map(key));
  const newKeys = new Set(current.findings.map(key));
  const newFindings = strip(current.findings.filter((f) => !oldKeys.has(key(f)))).sort(bySeverity);
  const fixedFindings = strip(before.findings.filter((f) => !newKeys.has(key(f)))).sort(bySeverity);
  const serious = (f: ReportFinding) => f.severity === 'critical' || f.severity === 'high';
  const sinceTs = Date.parse(`${since}T00:00:00Z`) + DAY;
  const repoOf = new Map(current.snapshots.map((s) => [s.snapshotId, s.repository]));
  const reported = new Set(current.snapshots.map((s) => s.repository));
  const feeds = await feedChanges(
    store,
    since,
    current.now,
    base.filter((s) => reported.has(s.repository)).map((s) => s.snapshotId),
    current.snapshots.map((s) => s.snapshotId),
  );
  return {
    ...empty,
    ...feeds,
    baseline: base.map(snapshotRef),
    newFindings,
    fixedFindings,
    metricChanges: metricChanges(before, current),
    newTechnologies: newTechnologies(before, current),
    releases: current.tags
      .filter((t) => t.date && Date.parse(t.date) >= sinceTs)
      .map((t) => ({ repository: repoOf.get(t.snapshotId) ?? '', tag: t.name, date: t.date ?? '' }))
      .sort((a, b) => b.date.localeCompare(a.date)),
    risksOpened: newFindings.filter(serious),
    risksClosed: fixedFindings.filter(serious),
  };
}

/** Snapshot counts, dependency counts and repository-level metrics whose value moved. */
function metricChanges(before: ReportData, after: ReportData): MetricChange[] {
  const units = new Map<string, string | null>([
    ['commits', 'commits'],
    ['authors', 'people'],
    ['files', 'files'],
    ['dependencies', 'packages'],
  ]);
  const values = (d: ReportData) => {
    const m = new Map<string, number | null>();
    const repo = new Map(d.snapshots.map((s) => [s.snapshotId, s.repository]));
    for (const s of d.snapshots) {
      m.set(`${s.repository}\ncommits\n`, s.commitsCount);
      m.set(`${s.repository}\nauthors\n`, s.authorsCount);
      m.set(`${s.repository}\nfiles\n`, s.filesCount);
    }
    for (const dep of d.deps) m.set(`${repo.get(dep.snapshotId)}\ndependencies\n`, dep.total);
    for (const x of d.metrics)
      if (x.scope === 'repository' || x.scope === 'team') {
        m.set(`${x.repository}\n${x.metric}\n${x.subject}`, x.value);
        units.set(x.metric, x.unit);
      }
    return m;
  };
  const a = values(before);
  const b = values(after);
  const out: MetricChange[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const [repository = '', metric = '', subject = ''] = k.split('\n');
    const x = a.get(k) ?? null;
    const y = b.get(k) ?? null;
    if (x !== y)
      out.push({ repository, metric, unit: units.get(metric) ?? null, subject, before: x, after: y });
  }
  return out.sort((p, q) => p.repository.localeCompare(q.repository) || p.metric.localeCompare(q.metric));
}

function newTechnologies(before: ReportData, after: ReportData): Changes['newTechnologies'] {
  const repoA = new Map(before.snapshots.map((s) => [s.snapshotId, s.repository]));
  const repoB = new Map(after.snapshots.map((s) => [s.snapshotId, s.repository]));
  const seen = new Set(before.technologies.map((t) => `${repoA.get(t.snapshotId)}\n${t.kind}\n${t.name}`));
  return after.technologies
    .map((t) => ({ repository: repoB.get(t.snapshotId) ?? '', kind: t.kind, name: t.name }))
    .filter((t) => !seen.has(`${t.repository}\n${t.kind}\n${t.name}`))
    .sort(
      (p, q) =>
        p.repository.localeCompare(q.repository) ||
        p.kind.localeCompare(q.kind) ||
        p.name.localeCompare(q.name),
    );
}
