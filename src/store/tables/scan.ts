// Repositories, snapshots, scan locks and what each snapshot's scan ran.
import type { Generated } from 'kysely';

export type SnapshotStatus = 'running' | 'ok' | 'partial' | 'failed' | 'abandoned';
export type HistoryMode = 'full' | 'incremental';

export interface RepositoriesTable {
  id: Generated<number>;
  /** Canonical path of the common git directory: one row per repository however it was reached. */
  key: string;
  name: string;
  /** The path the repository was first scanned from (each snapshot records its own, `scanned_path`). */
  path: string;
  current_snapshot_id: number | null;
  created_at: string;
}

export interface SnapshotsTable {
  id: Generated<number>;
  repository_id: number;
  commit_sha: string;
  /** The branch scanned (`refs/heads/main`), or the revision given with --rev. */
  ref: string | null;
  status: SnapshotStatus;
  history_mode: HistoryMode;
  /** The snapshot this one extended incrementally; null for a full read. */
  base_snapshot_id: number | null;
  started_at: string;
  finished_at: string | null;
  tool_version: string;
  shallow: number;
  commits_count: number;
  authors_count: number;
  files_count: number;
  diagnostics_count: number;
  first_commit_at: string | null;
  last_commit_at: string | null;
  error: string | null;
  host: string;
  pid: number;
  /** Real path of the folder scanned; null for snapshots written before it was recorded. */
  scanned_path: string | null;
  /** Real path of the git directory used (a linked worktree's own directory). */
  git_dir: string | null;
  /** Real path of the common git directory (objects, refs): the repository's key. */
  common_dir: string | null;
  /** JSON array of the real paths of object directories borrowed through alternates; null when none. */
  alternates: string | null;
  /** 1 for a historical snapshot (`scan --history`): a past commit, never current (migration 0018). */
  historical: Generated<number>;
  /** A historical snapshot's date (YYYY-MM-DD): the end of the period it shows; null otherwise. */
  as_of: string | null;
}

/** Who is scanning a repository now (see src/store/locks.ts). */
export interface ScanLocksTable {
  /** The repository's key: the real path of its common git directory. */
  key: string;
  token: string;
  pid: number;
  host: string;
  /** The holder process's start time as the system reports it, to tell a reused pid apart. */
  process_started: string | null;
  acquired_at: string;
  heartbeat_at: string;
}

/** A snapshot's history is the union of the commits ingested by the snapshots listed here. */
export interface SnapshotSegmentsTable {
  snapshot_id: number;
  segment_id: number;
}

/** A collector or analysis a snapshot's scan ran, at its version (migration 0014). */
export interface SnapshotPluginsTable {
  snapshot_id: number;
  kind: 'collector' | 'analysis';
  /** The collector's or analysis's id. */
  plugin: string;
  /** Its version when it ran; 0 for analyses of snapshots written before versions were recorded. */
  version: number;
  /** An analysis's report area; null for a collector. */
  area: string | null;
  /** Hash of the office inputs the plugin read (`config:exposure` for a collector); null when none. */
  inputs: string | null;
}
