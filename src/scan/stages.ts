// What the pipeline tells a progress display while it scans one repository: the stage it is in,
// with counts. Events are frequent; a listener keeps the latest and draws at its own pace.

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
  /** Diagnostics, counts and the final transaction. */
  | { stage: 'finish' };

export type OnStage = (event: StageEvent) => void;
