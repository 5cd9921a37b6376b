// The change coupling analysis: pairs of files of the snapshot that change in the same commits
// (renames followed), with code-maat's default thresholds (table coupling).
import { regularFiles } from '../../store/code.ts';
import { changeChunksNewestFirst } from '../../store/history-chunks.ts';
import { followRenamesStreamed } from '../hotspots/follow.ts';
import type { Analysis } from '../types.ts';
import { computeCoupling, DEFAULT_COUPLING } from './coupling.ts';

export const couplingAnalysis: Analysis = {
  id: 'coupling',
  version: 1,
  area: 'delivery',
  writes: ['coupling'],
  metrics: [],
  rules: [],
  reads: [],
  needs: ['history', 'tree'],
  async run(ctx) {
    const files = await regularFiles(ctx.store, ctx.snapshotId);
    const paths = files.map((f) => f.path);
    const pairs = await computeCoupling(
      // Two passes over the history, each read a chunk of commits at a time. Commits over the
      // changeset limit are left out: their file lists are not even made.
      () =>
        followRenamesStreamed(
          changeChunksNewestFirst(ctx.store, ctx.segments),
          paths,
          DEFAULT_COUPLING.maxChangeset,
        ),
      DEFAULT_COUPLING,
    );
    return {
      metrics: [],
      findings: [],
      tables: { coupling: pairs.map((p) => ({ snapshot_id: ctx.snapshotId, ...p })) },
    };
  },
};
