// Feed matches compared across dates (docs/report.md, "What changed"): the baseline snapshots'
// stored dependencies, runtimes and images against the current snapshots', both matched against
// the feeds loaded today, with the same functions `cto vulns` and `cto eol` use.

import type { Severity } from '../analyses/types.ts';
import { type EolRow, findEol } from '../findings/eol/find.ts';
import { findVulnerabilities, type VulnFinding } from '../findings/vulnerabilities/find.ts';
import type { Store } from '../store/store.ts';
import type { Changes, EolChange, EolState, RunwayChange, VulnerabilityChange } from './types.ts';

const EOL_WINDOW_MONTHS = 6;

const day = (d: Date) => d.toISOString().slice(0, 10);

function severityOf(v: VulnFinding): Severity {
  const l = v.severity.level;
  return l === 'unknown' || l === 'none' ? 'medium' : l;
}

function vulnChange(v: VulnFinding): VulnerabilityChange {
  return {
    repository: v.repository,
    id: v.id,
    aliases: v.aliases,
    ecosystem: v.ecosystem,
    package: v.name,
    version: v.version,
    severity: severityOf(v),
    summary: v.summary,
    fixedVersion: v.fixedVersion,
  };
}

const packageKey = (v: VulnFinding) => `${v.repository}\n${v.ecosystem}\n${v.name}`;
const idsOf = (v: VulnFinding) => new Set([v.id, ...v.recordIds, ...v.aliases]);

/** Findings of `a` with no finding in `b` for the same repository and package sharing an id. */
function onlyIn(a: VulnFinding[], b: VulnFinding[]): VulnFinding[] {
  const ids = new Map<string, Set<string>>();
  for (const v of b) {
    const set = ids.get(packageKey(v)) ?? new Set<string>();
    for (const id of idsOf(v)) set.add(id);
    ids.set(packageKey(v), set);
  }
  const seen = new Set<string>();
  return a.filter((v) => {
    const k = `${packageKey(v)}\n${v.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    const other = ids.get(packageKey(v));
    return !other || ![...idsOf(v)].some((id) => other.has(id));
  });
}

const STATUS_RANK: Record<EolState['status'], number> = {
  unknown: 0,
  supported: 1,
  'within-window': 2,
  'past-eol': 3,
};

/** A row of something that runs (a pin, an image, a package): floors are not runtimes and never change here. */
type RunningRow = EolRow & { status: EolState['status'] };
const isRunning = (r: EolRow): r is RunningRow => r.role !== 'floor' && Object.hasOwn(STATUS_RANK, r.status);

/** Per (repository, kind, subject), the most urgent row: worst status, then shortest runway. */
function mostUrgent(rows: EolRow[]): Map<string, RunningRow> {
  const out = new Map<string, RunningRow>();
  for (const r of rows) {
    if (!r.product || !isRunning(r)) continue;
    const k = `${r.repository}\n${r.kind}\n${r.subject}`;
    const seen = out.get(k);
    const worse =
      !seen ||
      STATUS_RANK[r.status] > STATUS_RANK[seen.status] ||
      (STATUS_RANK[r.status] === STATUS_RANK[seen.status] &&
        (r.runwayMonths ?? Number.POSITIVE_INFINITY) < (seen.runwayMonths ?? Number.POSITIVE_INFINITY));
    if (worse) out.set(k, r);
  }
  return out;
}

const state = (r: RunningRow): EolState => ({
  version: r.version,
  cycle: r.cycle,
  eol: typeof r.eol === 'string' ? r.eol : null,
  runwayMonths: r.runwayMonths,
  status: r.status,
});

const atRisk = (s: EolState['status']) => s === 'past-eol' || s === 'within-window';

export async function feedChanges(
  store: Store,
  since: string,
  now: Date,
  baseIds: number[],
  currentIds: number[],
): Promise<Pick<Changes, 'vulnerabilities' | 'endOfLife'>> {
  const before = (await findVulnerabilities(store, { snapshotIds: baseIds })).findings;
  const after = (await findVulnerabilities(store, { snapshotIds: currentIds })).findings;
  const order = (p: VulnerabilityChange, q: VulnerabilityChange) =>
    p.repository.localeCompare(q.repository) ||
    p.package.localeCompare(q.package) ||
    p.id.localeCompare(q.id);
  const vulnerabilities: Changes['vulnerabilities'] = {
    area: 'infrastructure-security',
    new: onlyIn(after, before).map(vulnChange).sort(order),
    fixed: onlyIn(before, after).map(vulnChange).sort(order),
  };
  const then = mostUrgent(
    (await findEol(store, { today: since, windowMonths: EOL_WINDOW_MONTHS, snapshotIds: baseIds })).rows,
  );
  const nowRows = mostUrgent(
    (await findEol(store, { today: day(now), windowMonths: EOL_WINDOW_MONTHS, snapshotIds: currentIds }))
      .rows,
  );
  const newlyAtRisk: EolChange[] = [];
  const runway: RunwayChange[] = [];
  for (const [k, r] of nowRows) {
    const was = then.get(k);
    const item = { repository: r.repository, kind: r.kind, subject: r.subject, product: r.product };
    if (atRisk(r.status) && (!was || STATUS_RANK[was.status] < STATUS_RANK[r.status]))
      newlyAtRisk.push({
        ...item,
        severity: r.status === 'past-eol' ? 'high' : 'medium',
        before: was ? state(was) : null,
        after: state(r),
      });
    if (was && was.runwayMonths !== null && r.runwayMonths !== null)
      runway.push({
        ...item,
        before: state(was),
        after: state(r),
        consumedMonths: Math.round((was.runwayMonths - r.runwayMonths) * 10) / 10,
      });
  }
  return { vulnerabilities, endOfLife: { area: 'technology-strategy', newlyAtRisk, runway } };
}
