// Code analyses: languages, hotspots and coupling (docs/metrics/code.md, languages.md).

/** One file of a snapshot: language, category and lines (analysis `languages`, docs/metrics/languages.md). */
export interface CodeFilesTable {
  snapshot_id: number;
  path: string;
  blob_id: string;
  language: string | null;
  category: string;
  detectable: number;
  /** 1 when the content was read and counted; 0 for binary, too large or unreadable files. */
  measured: number;
  code: number;
  comment: number;
  blank: number;
  /** Indentation complexity (docs/metrics/code.md); null when not measured. */
  complexity: number | null;
  max_indent: number | null;
}

/** One file of a snapshot with its change history (analysis `hotspots`, docs/metrics/code.md). */
export interface HotspotsTable {
  snapshot_id: number;
  path: string;
  commits: number;
  authors: number;
  lines_added: number;
  lines_deleted: number;
  first_change_at: string | null;
  first_change_ts: number | null;
  last_change_at: string | null;
  last_change_ts: number | null;
  code: number;
  complexity: number | null;
  score: number;
  recent_commits: number;
  baseline_commits: number;
  trend: string;
}

/** Two files that change together (analysis `coupling`, docs/metrics/code.md). */
export interface CouplingTable {
  snapshot_id: number;
  path_a: string;
  path_b: string;
  shared: number;
  commits_a: number;
  commits_b: number;
  degree: number;
}
