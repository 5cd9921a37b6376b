// The stages of a repository's scan: discover -> plan -> history, tree -> collect, analyse -> commit,
// one file each. History and tree start together; collect follows tree; each analysis starts once the
// facts stages it declares it needs are stored (Analysis.needs), beside the others. The work of one
// new snapshot is what the stages after plan share, and what the pipeline tells a progress display
// while it runs: the stages it is in, with counts. Events are frequent; a listener keeps the latest
// of each stage and draws at its own pace.

import type { Diagnostic } from '../collectors/types.ts';
import type { OfficeWorkspace } from '../office/inputs.ts';
import type { PluginRun } from '../store/snapshot-plugins.ts';
import type { Store } from '../store/store.ts';
import type { FoundRepository } from './discover.ts';
import type { Plan } from './plan.ts';
import type { Plugins } from './plugins.ts';

export type StageEvent =
  /** Another scan holds the repository's lock; this one waits (`--wait`). */
  | { stage: 'waiting'; holder: string }
  /** Commits read so far from `git log`. */
  | { stage: 'history'; commits: number }
  /** Distinct file contents (blobs) of the scanned tree read so far, of those to read (the others are known). */
  | { stage: 'tree'; read: number; total: number }
  /** File collectors run so far, of those with files to read. */
  | { stage: 'collectors'; done: number; total: number }
  /** The analysis now running: the `index`-th (from 1) of `total`. */
  | { stage: 'analysis'; id: string; index: number; total: number }
  /** A stage that runs beside others ended: 'history', 'tree', 'collectors' or 'analysis:<id>'. */
  | { stage: 'done'; name: string }
  /** Diagnostics, counts and the final transaction. */
  | { stage: 'finish' };

export type OnStage = (event: StageEvent) => void;

/** A snapshot being written: what each stage after plan reads, and the diagnostics they add. */
export interface SnapshotWork {
  store: Store;
  found: FoundRepository;
  plan: Exclude<Plan, { kind: 'unchanged' }>;
  repositoryId: number;
  snapshotId: number;
  /**
   * The snapshot whose work analyses may reuse: the repository's current one before this one, or the
   * base it extends (the previous historical snapshot); null on a first scan.
   */
  previousSnapshotId: number | null;
  /** A historical snapshot's date (`scan --history`); null for a snapshot made current. */
  asOf: string | null;
  /** Commits this scan snapshots after this one (later `--history` points, then the current one). */
  later?: readonly string[];
  plugins: Plugins;
  /** What the snapshot records of its plugins (versions, areas, office inputs). */
  runs: readonly PluginRun[];
  maxFileSize: number;
  workspace: OfficeWorkspace;
  onStage: OnStage;
  /** Every stage appends here; the commit stage stores them. */
  diagnostics: Diagnostic[];
  /** Stages that do not depend on each other run at once (ScanOptions.overlap). */
  overlap: boolean;
  /**
   * Settles once the analyses that work from git alone (Analysis.fromGit) have started, so the
   * history stage can read a log one of them opened to share (git/shared-log.ts); absent: at once.
   */
  gitStartsDecided?: Promise<void>;
}
