// The contract between the scan engine and analyses.
//
// An analysis runs after collection, on the facts of one snapshot, and stores metrics and findings
// in that snapshot. Where it can, it is a pure function over facts; the engine gives it the store
// and the repository's git directory (for analyses that must read more, such as blame).

import type { Diagnostic } from '../collectors/types.ts';
import type { OfficeInput } from '../office/inputs.ts';
import type { Finding, Metric, ReportArea } from '../results.ts';
import type { BulkTable } from '../store/schema.ts';
import type { Store, TableRow } from '../store/store.ts';

export { REPORT_AREAS, type ReportArea } from '../results.ts';

/** Tables the scan itself fills: facts, and the metrics and findings every analysis returns. */
type ScanTable =
  | 'commits'
  | 'file_changes'
  | 'files'
  | 'tags'
  | 'diagnostics'
  | 'snapshot_segments'
  | 'dependencies'
  | 'runtimes'
  | 'images'
  | 'metrics'
  | 'findings'
  | 'snapshot_plugins';

/** A table of an analysis's own (created by its migration), rows per snapshot. */
export type AnalysisTable = Exclude<BulkTable, ScanTable>;

export type { Evidence, Finding, Metric, Severity } from '../results.ts';

/** Rows by analysis table, each typed from the schema. */
export type AnalysisTables = { [T in AnalysisTable]?: TableRow<T>[] };

/** The stages that store a snapshot's facts, in the order they used to run. */
export const FACT_STAGES = ['history', 'tree', 'collect'] as const;
export type FactStage = (typeof FACT_STAGES)[number];

export interface AnalysisContext {
  store: Store;
  snapshotId: number;
  repositoryId: number;
  repositoryName: string;
  gitDir: string;
  commit: string;
  /** Snapshots whose ingested commits make up this snapshot's history. */
  segments: number[];
  /** The repository's previous snapshot, for analyses that reuse earlier work; null on a first scan. */
  previousSnapshotId: number | null;
  /**
   * Commits the same scan snapshots after this one (later `scan --history` points, then the current
   * snapshot), oldest first: an analysis that reads history can serve them from one pass.
   */
  later?: readonly string[];
  /** The workspace configuration (cto.yaml), for options and office files. */
  config: Record<string, unknown>;
  workspaceDir: string;
  /** The reference day (YYYY-MM-DD) windows count back from, and its last second (epoch seconds). */
  referenceDay: string;
  referenceTs: number;
  /**
   * Load something once for all analyses of this snapshot: the first call runs `load`, later calls
   * with the same key get the same value. Values are shared, so they must not be changed. (The
   * history is not shared this way: it is read in chunks, `src/store/history-chunks.ts`.)
   */
  shared<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** What an analysis is given to start from git alone: the repository and the commit, no stored facts. */
export interface GitSource {
  gitDir: string;
  commit: string;
  /** The commit of the snapshot the analysis may reuse results of (`previousSnapshotId`'s); null on a first scan. */
  previousCommit: string | null;
  /** As `AnalysisContext.later`. */
  later: readonly string[];
}

export interface AnalysisResult {
  metrics: Metric[];
  findings: Finding[];
  diagnostics?: Diagnostic[];
  /** Rows for the analysis's own tables, each declared in its `writes`. */
  tables?: AnalysisTables;
}

export interface Analysis {
  /** Stable id, the folder name under src/analyses/. */
  id: string;
  /**
   * Bumped when the output for the same input changes: the next scan runs it again (and the analyses
   * that read its results), even on a commit already scanned.
   */
  version: number;
  /** The report area its metrics and findings belong to. */
  area: ReportArea;
  /** Its own tables: the only ones whose rows it may return (the engine refuses others). */
  writes: readonly AnalysisTable[];
  /** Names of the metrics it stores, each defined in docs/ (a test checks both). */
  metrics: readonly string[];
  /** Ids of the finding rules it stores, each defined in docs/ (a test checks both). */
  rules: readonly string[];
  /**
   * The office files and cto.yaml sections it reads (`teams`, `people`, `config:licences`): when one of
   * them changes, a rescan runs it again even when the repository did not change.
   */
  reads: readonly OfficeInput[];
  /** Ids of analyses whose stored results this one reads; they run first. */
  after?: string[];
  /**
   * The facts stages whose rows it reads (`history`: commits, file changes and tags; `tree`: files;
   * `collect`: dependencies, runtimes and images): it starts as soon as they are stored, beside the
   * stages and analyses it does not need. Absent: all three. An analysis that reads only git (the
   * directory and the commit) declares none and starts with the history stage.
   */
  needs?: readonly FactStage[];
  /**
   * Keys of the `ctx.shared` loads it reads: a load is dropped once the last analysis declaring it
   * has run, so a big one (every file change) is not held while later analyses work.
   */
  shares?: readonly string[];
  /**
   * Work that needs only the git directory and the commit (no stored facts): the engine may call it
   * as soon as the snapshot's commit is planned, so the work runs beside the history stage and the
   * other analyses. `run` takes over what it started, and does the work itself when it was not called.
   */
  fromGit?: (source: GitSource) => Promise<void>;
  run(ctx: AnalysisContext): Promise<AnalysisResult>;
}
