// Stage 7, commit: store the diagnostics and the plugins that ran, count the history, and make the snapshot the repository's
// current one in one transaction (DESIGN.md rule 5: the previous snapshot stays until then). A historical
// snapshot is finished the same way and never made current.
import type { Diagnostic } from '../collectors/types.ts';
import { recordPlugins } from '../store/snapshot-plugins.ts';
import { finishSnapshot, type HistoryStats, historyStats } from '../store/snapshots.ts';
import type { TableRow } from '../store/store.ts';
import type { SnapshotWork } from './stages.ts';

interface CommitResult {
  status: 'ok' | 'partial';
  history: HistoryStats;
}

export async function commitStage(
  work: SnapshotWork,
  segments: number[],
  files: number,
): Promise<CommitResult> {
  const { store, snapshotId, diagnostics } = work;
  work.onStage({ stage: 'finish' });
  await store.insertMany(
    'diagnostics',
    diagnostics.map((d) => diagnosticRow(snapshotId, d)),
  );
  await recordPlugins(store, snapshotId, work.runs);
  const history = await historyStats(store, segments);
  // Partial means git data is missing (shallow history, unreadable objects); a bad manifest is only a diagnostic.
  const partial =
    work.found.info.shallow ||
    diagnostics.some((d) => d.severity === 'error' && (d.collector === 'tree' || d.collector === 'history'));
  const status = partial ? 'partial' : 'ok';
  await finishSnapshot(store, work.repositoryId, snapshotId, {
    status,
    history,
    files,
    diagnostics: diagnostics.length,
    current: work.asOf === null,
  });
  return { status, history };
}

function diagnosticRow(snapshotId: number, d: Diagnostic): TableRow<'diagnostics'> {
  return {
    snapshot_id: snapshotId,
    path: d.path || null,
    collector: d.collector,
    code: d.code,
    severity: d.severity,
    message: d.message,
  };
}
