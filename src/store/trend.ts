// Queries for `cto trend`: each repository's historical snapshots (`scan --history`) and current
// snapshot, and the stored values a trend reads from them (docs/trend.md).
import type { Store } from './store.ts';

export interface TrendSnapshot {
  repository: string;
  snapshotId: number;
  commit: string;
  /** The historical snapshot's date; null for the repository's current snapshot. */
  asOf: string | null;
}

/** Every repository's finished historical snapshots (the latest per date) and its current snapshot. */
export async function trendSnapshots(store: Store): Promise<TrendSnapshot[]> {
  const historical = await store.db
    .selectFrom('snapshots as s')
    .innerJoin('repositories as r', 'r.id', 's.repository_id')
    .select(['r.name as repository', 's.id as snapshotId', 's.commit_sha as commit', 's.as_of as asOf'])
    .where('s.historical', '=', 1)
    .where('s.status', 'in', ['ok', 'partial'])
    .orderBy('s.id')
    .execute();
  const latest = new Map<string, TrendSnapshot>();
  for (const h of historical) latest.set(`${h.repository}\0${h.asOf}`, h);
  const current = await store.db
    .selectFrom('repositories as r')
    .innerJoin('snapshots as s', 's.id', 'r.current_snapshot_id')
    .select(['r.name as repository', 's.id as snapshotId', 's.commit_sha as commit'])
    .execute();
  return [...latest.values(), ...current.map((c) => ({ ...c, asOf: null }))].sort(
    (a, b) => a.repository.localeCompare(b.repository) || (a.asOf ?? '~').localeCompare(b.asOf ?? '~'),
  );
}

interface TrendMetricRow {
  snapshotId: number;
  metric: string;
  scope: string;
  subject: string;
  value: number | null;
  unit: string | null;
}

/** The stored metrics named `names` of the given snapshots. */
export async function trendMetricRows(
  store: Store,
  snapshotIds: readonly number[],
  names: readonly string[],
): Promise<TrendMetricRow[]> {
  if (snapshotIds.length === 0 || names.length === 0) return [];
  const rows = await store.db
    .selectFrom('metrics')
    .select(['snapshot_id as snapshotId', 'metric', 'scope', 'subject', 'value', 'unit'])
    .where('snapshot_id', 'in', [...snapshotIds])
    .where('metric', 'in', [...names])
    .execute();
  return rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) }));
}

/** The unit of a stored metric (null when it has none); undefined when no snapshot stored it. */
export async function storedMetricUnit(store: Store, name: string): Promise<string | null | undefined> {
  const row = await store.db
    .selectFrom('metrics')
    .select('unit')
    .where('metric', '=', name)
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : row.unit;
}

/** The hotspot scores of each snapshot's files, by snapshot. */
export async function hotspotScores(
  store: Store,
  snapshotIds: readonly number[],
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (snapshotIds.length === 0) return out;
  const rows = await store.db
    .selectFrom('hotspots')
    .select(['snapshot_id as snapshotId', 'score'])
    .where('snapshot_id', 'in', [...snapshotIds])
    .execute();
  for (const r of rows) {
    const list = out.get(r.snapshotId) ?? [];
    list.push(Number(r.score));
    out.set(r.snapshotId, list);
  }
  return out;
}
