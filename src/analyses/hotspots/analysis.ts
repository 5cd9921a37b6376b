// The hotspots analysis: each file of the snapshot with its change history (renames followed),
// size and indentation complexity from the languages analysis, score and trend (table hotspots).
import { codeFilesOf } from '../../store/code.ts';
import { changeChunksNewestFirst } from '../../store/history-chunks.ts';
import type { Analysis, Metric } from '../types.ts';
import { firstKept } from './best.ts';
import { exclusionsFrom, isExcluded } from './exclude.ts';
import { followRenamesStreamed } from './follow.ts';
import { hotspotCounter } from './hotspots.ts';

/** Top files by score stored as metrics (the table holds every file). */
export const TOP_METRICS = 20;

export const hotspotsAnalysis: Analysis = {
  id: 'hotspots',
  version: 3,
  area: 'delivery',
  writes: ['hotspots'],
  metrics: ['hotspot-score'],
  rules: [],
  reads: ['config:hotspots', 'reference-date'],
  needs: ['history', 'tree'],
  after: ['languages'],
  async run(ctx) {
    const files = await codeFilesOf(ctx.store, ctx.snapshotId);
    // The trend counts back from the scan's reference date, never from the last commit (docs/risk.md).
    const counter = hotspotCounter(files, ctx.referenceTs);
    // The history is read a chunk of commits at a time: what is held is a few counts per file.
    const commits = followRenamesStreamed(
      changeChunksNewestFirst(ctx.store, ctx.segments),
      files.map((f) => f.path),
    );
    for await (const c of commits) counter.add(c);
    const rows = counter.rows();
    // Rows are in the order of `files`: ranked by index, so a file's category is at hand.
    const ex = exclusionsFrom(ctx.config);
    const ranked = firstKept(
      rows.keys(),
      TOP_METRICS,
      (i, j) => {
        const a = rows[i]!;
        const b = rows[j]!;
        return b.score - a.score || a.path.localeCompare(b.path) || (a.path < b.path ? -1 : 1);
      },
      (i) => rows[i]!.score > 0 && !isExcluded(rows[i]!.path, files[i]!.category, ex),
    );
    const top = ranked.map((i) => rows[i]!);
    const metrics: Metric[] = top.map((r) => ({
      metric: 'hotspot-score',
      scope: 'file',
      subject: r.path,
      value: r.score,
      unit: 'commits x code lines',
      evidence: {
        files: [r.path],
        sql: `select * from hotspots where snapshot_id = ${ctx.snapshotId} and path = '${r.path.replaceAll("'", "''")}'`,
      },
    }));
    return {
      metrics,
      findings: [],
      tables: { hotspots: withSnapshot(rows, ctx.snapshotId) },
    };
  },
};

/** The rows with their snapshot, set in place: a million files are not copied to add one column. */
function withSnapshot<T extends object>(rows: T[], snapshotId: number): Array<T & { snapshot_id: number }> {
  for (const r of rows) (r as T & { snapshot_id: number }).snapshot_id = snapshotId;
  return rows as Array<T & { snapshot_id: number }>;
}
