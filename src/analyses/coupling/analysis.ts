// The change coupling analysis: pairs of files of the snapshot that change in the same commits
// (renames followed), with code-maat's default thresholds (table coupling).
import { regularFiles } from '../../store/code.ts';
import { CHANGES_NEWEST_FIRST, changesNewestFirst } from '../../store/hotspots.ts';
import { followRenames } from '../hotspots/follow.ts';
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
  shares: [CHANGES_NEWEST_FIRST],
  async run(ctx) {
    const files = await regularFiles(ctx.store, ctx.snapshotId);
    const changes = await ctx.shared(CHANGES_NEWEST_FIRST, () => changesNewestFirst(ctx.store, ctx.segments));
    const pairs = computeCoupling(
      // Commits over the changeset limit are left out: their file lists are not even made.
      followRenames(
        changes,
        files.map((f) => f.path),
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
