// What the last scans reported: the diagnostics of each repository's current snapshot, and a scan
// that failed (or was killed) after it.
import { resolveRepositories } from './repositories.ts';
import type { Store } from './store.ts';

export type Severity = 'info' | 'warning' | 'error';

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

export interface ScanDiagnostic {
  repository: string;
  /** The snapshot that reported it. */
  snapshotId: number;
  severity: string;
  /** The stage, collector or analysis that reported it (`discover`, `tree`, `npm-lock`, `hotspots`). */
  collector: string;
  /** What kind of problem: a stable code (`too-large`, `parse-error`, `git-dir-outside`). */
  code: string;
  path: string | null;
  message: string;
}

export interface LastScan {
  repository: string;
  path: string;
  /** The current snapshot: the last scan that finished; null when none has. */
  current: { snapshotId: number; commit: string; status: string; finishedAt: string | null } | null;
  /** A later scan that did not finish (`failed`, `abandoned`), with its error. */
  unfinished: { snapshotId: number; status: string; startedAt: string; error: string | null } | null;
}

interface DiagnosticsFilter {
  /** Only this level and above. */
  minSeverity?: Severity;
  codes?: readonly string[];
  collectors?: readonly string[];
}

/** Each repository's last scans (one repository when named by name or path). */
export async function lastScans(store: Store, repository?: string): Promise<LastScan[]> {
  const picked = await resolveRepositories(store, repository);
  const out: LastScan[] = [];
  for (const r of picked) {
    const later = await store.db
      .selectFrom('snapshots')
      .select(['id', 'status', 'started_at', 'error'])
      .where('repository_id', '=', r.id)
      .where('id', '>', r.snapshotId ?? 0)
      .where('historical', '=', 0)
      .where('status', 'in', ['failed', 'abandoned'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    out.push({
      repository: r.name,
      path: r.path,
      current:
        r.snapshotId === null || r.commit === null || r.status === null
          ? null
          : { snapshotId: r.snapshotId, commit: r.commit, status: r.status, finishedAt: r.finishedAt },
      unfinished: later
        ? { snapshotId: later.id, status: later.status, startedAt: later.started_at, error: later.error }
        : null,
    });
  }
  return out;
}

/**
 * Diagnostics of the given scans' current snapshots, and a `scan-failed` or `scan-abandoned` error for
 * a later scan that did not finish; most severe first, filtered.
 */
export async function scanDiagnostics(
  store: Store,
  scans: readonly LastScan[],
  filter: DiagnosticsFilter,
): Promise<ScanDiagnostic[]> {
  const stored = await storedDiagnostics(store, scans, filter);
  const unfinished = scans.flatMap((s) => (s.unfinished ? [unfinishedScan(s.repository, s.unfinished)] : []));
  const rank = (s: string) => -SEVERITIES.indexOf(s as Severity);
  return [...stored, ...unfinished.filter((d) => matches(d, filter))].sort(
    (a, b) =>
      cmp(a.repository, b.repository) ||
      rank(a.severity) - rank(b.severity) ||
      cmp(a.collector, b.collector) ||
      cmp(a.path ?? '', b.path ?? '') ||
      cmp(a.code, b.code),
  );
}

function unfinishedScan(repository: string, u: NonNullable<LastScan['unfinished']>): ScanDiagnostic {
  const what =
    u.status === 'abandoned' ? 'was killed before it finished' : `failed: ${u.error ?? 'no reason stored'}`;
  return {
    repository,
    snapshotId: u.snapshotId,
    severity: 'error',
    collector: 'scan',
    code: u.status === 'abandoned' ? 'scan-abandoned' : 'scan-failed',
    path: null,
    message: `the last scan (started ${u.startedAt.slice(0, 16).replace('T', ' ')} UTC) ${what}; the current snapshot is older`,
  };
}

function matches(d: ScanDiagnostic, filter: DiagnosticsFilter): boolean {
  if (
    filter.minSeverity &&
    SEVERITIES.indexOf(d.severity as Severity) < SEVERITIES.indexOf(filter.minSeverity)
  )
    return false;
  if (filter.codes?.length && !filter.codes.includes(d.code)) return false;
  return !(filter.collectors?.length && !filter.collectors.includes(d.collector));
}

async function storedDiagnostics(
  store: Store,
  scans: readonly LastScan[],
  filter: DiagnosticsFilter,
): Promise<ScanDiagnostic[]> {
  const byId = new Map(
    scans.flatMap((s) => (s.current ? [[s.current.snapshotId, s.repository] as const] : [])),
  );
  if (byId.size === 0) return [];
  let q = store.db
    .selectFrom('diagnostics')
    .select(['snapshot_id', 'severity', 'collector', 'code', 'path', 'message'])
    .where('snapshot_id', 'in', [...byId.keys()]);
  if (filter.minSeverity)
    q = q.where('severity', 'in', SEVERITIES.slice(SEVERITIES.indexOf(filter.minSeverity)));
  if (filter.codes?.length) q = q.where('code', 'in', filter.codes);
  if (filter.collectors?.length) q = q.where('collector', 'in', filter.collectors);
  const rows = await q.execute();
  return rows.map((d) => ({
    repository: byId.get(d.snapshot_id) ?? '',
    snapshotId: d.snapshot_id,
    severity: d.severity,
    collector: d.collector,
    code: d.code,
    path: d.path,
    message: d.message,
  }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
