// Delivery: the facts the analysis reads, and what `cto delivery` reads back.
import type { DeliveryActivityTable, DeliveryReleasesTable } from './schema.ts';
import type { Store } from './store.ts';

/**
 * The commits of a snapshot's history and the snapshot's tags, as stored rows (the delivery analysis
 * reads them as its DeliveryCommit and TagFact; the store does not import the analysis).
 */
export async function deliveryFacts(store: Store, snapshotId: number, segments: readonly number[]) {
  const commits =
    segments.length === 0
      ? []
      : await store.db
          .selectFrom('commits')
          .select([
            'sha',
            'parents',
            'parent_count',
            'author_name',
            'author_email',
            'author_ts',
            'committer_ts',
            'committer_date',
            'subject',
            'lines_added',
            'lines_deleted',
          ])
          .where('snapshot_id', 'in', [...segments])
          .execute();
  const tags = await store.db
    .selectFrom('tags')
    .select(['name', 'commit_sha', 'annotated', 'tagger_date', 'tagger_ts'])
    .where('snapshot_id', '=', snapshotId)
    .orderBy('name')
    .execute();
  return { commits, tags };
}

export interface StoredMetric {
  metric: string;
  value: number | null;
  unit: string | null;
  evidence: string | null;
}

export interface RepositoryDelivery {
  repository: string;
  snapshotId: number;
  commit: string;
  /** The reference date's last second, read-time windows count back from it, and the first commit's date (epoch seconds). */
  asOf: number;
  firstTs: number | null;
  /** Whether the delivery analysis ran on this snapshot. */
  analysed: boolean;
  metrics: Map<string, StoredMetric>;
  releases: Omit<DeliveryReleasesTable, 'snapshot_id'>[];
  activity: Omit<DeliveryActivityTable, 'snapshot_id'>[];
}

/**
 * Each repository's current snapshot with what the delivery analysis stored; `name` picks one.
 * `referenceTs` is the last second of the reference date (docs/risk.md, "Reference date").
 */
export async function readDelivery(
  store: Store,
  referenceTs: number,
  name?: string,
): Promise<RepositoryDelivery[]> {
  let q = store.db
    .selectFrom('repositories as r')
    .innerJoin('snapshots as s', 's.id', 'r.current_snapshot_id')
    .select(['r.name', 's.id', 's.commit_sha', 's.first_commit_at'])
    .orderBy('r.name');
  if (name !== undefined) q = q.where('r.name', '=', name);
  const repos = await q.execute();
  const out: RepositoryDelivery[] = [];
  for (const r of repos) {
    const metrics = await store.db
      .selectFrom('metrics')
      .select(['metric', 'value', 'unit', 'evidence'])
      .where('snapshot_id', '=', r.id)
      .where('analysis', '=', 'delivery')
      .where('scope', '=', 'repository')
      .execute();
    const releases = await store.db
      .selectFrom('delivery_releases')
      .selectAll()
      .where('snapshot_id', '=', r.id)
      .orderBy('released_ts')
      .orderBy('tag')
      .execute();
    const activity = await store.db
      .selectFrom('delivery_activity')
      .selectAll()
      .where('snapshot_id', '=', r.id)
      .orderBy('period_kind')
      .orderBy('period_start')
      .execute();
    const first = r.first_commit_at ? Date.parse(r.first_commit_at) : Number.NaN;
    out.push({
      repository: r.name,
      snapshotId: r.id,
      commit: r.commit_sha,
      asOf: referenceTs,
      firstTs: Number.isFinite(first) ? Math.floor(first / 1000) : null,
      analysed: metrics.length > 0,
      metrics: new Map(metrics.map((m) => [m.metric, m])),
      releases: releases.map(({ snapshot_id: _, ...rest }) => rest),
      activity: activity.map(({ snapshot_id: _, ...rest }) => rest),
    });
  }
  return out;
}
