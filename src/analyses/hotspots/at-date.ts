// `cto hotspots --today`: the trend of the listed files counted back from another reference date, from
// the stored history (the stored trend counts back from the scan's reference date).
import { changesNewestFirst, type HotspotRow } from '../../store/hotspots.ts';
import { listRepositories } from '../../store/repositories.ts';
import { segmentsOf } from '../../store/snapshots.ts';
import type { Store } from '../../store/store.ts';
import { followRenames } from './follow.ts';
import { computeHotspots } from './hotspots.ts';

/** The rows with `recent_commits`, `baseline_commits` and `trend` counted back from `referenceTs`. */
export async function trendsAt(store: Store, rows: HotspotRow[], referenceTs: number): Promise<HotspotRow[]> {
  const snapshots = new Map((await listRepositories(store)).map((r) => [r.name, r.snapshotId]));
  const out = new Map<HotspotRow, HotspotRow>();
  for (const repository of new Set(rows.map((r) => r.repository))) {
    const mine = rows.filter((r) => r.repository === repository);
    const snapshotId = snapshots.get(repository);
    if (snapshotId === undefined || snapshotId === null) continue;
    const changes = await changesNewestFirst(store, await segmentsOf(store, snapshotId));
    const paths = mine.map((r) => r.path);
    const again = computeHotspots(mine, followRenames(changes, paths), referenceTs);
    mine.forEach((r, i) => {
      const a = again[i]!;
      out.set(r, {
        ...r,
        recent_commits: a.recent_commits,
        baseline_commits: a.baseline_commits,
        trend: a.trend,
      });
    });
  }
  return rows.map((r) => out.get(r) ?? r);
}
