// Row types of every table, for Kysely. Booleans are stored as 0/1 integers and timestamps as
// ISO 8601 text (plus epoch seconds where arithmetic is needed), so both engines read the same.
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

export interface CommitsTable {
  /** The snapshot that ingested the commit. */
  snapshot_id: number;
  sha: string;
  /** Parent shas separated by spaces, in order. */
  parents: string;
  parent_count: number;
  author_name: string;
  author_email: string;
  author_date: string;
  author_ts: number;
  committer_name: string;
  committer_email: string;
  committer_date: string;
  committer_ts: number;
  subject: string;
  files_changed: number;
  lines_added: number;
  lines_deleted: number;
}

export interface FileChangesTable {
  snapshot_id: number;
  commit_sha: string;
  path: string;
  old_path: string | null;
  status: string;
  added: number | null;
  deleted: number | null;
  is_binary: number;
}

export interface FilesTable {
  snapshot_id: number;
  path: string;
  blob_id: string;
  mode: string;
  kind: string;
  size: number | null;
  /** 1 binary, 0 text, null not read (too large, submodule, unreadable). */
  is_binary: number | null;
  lines: number | null;
}

export interface TagsTable {
  snapshot_id: number;
  name: string;
  commit_sha: string;
  tag_sha: string | null;
  annotated: number;
  tagger_name: string | null;
  tagger_email: string | null;
  tagger_date: string | null;
  tagger_ts: number | null;
  subject: string | null;
}

export interface DiagnosticsTable {
  snapshot_id: number;
  path: string | null;
  collector: string;
  code: string;
  severity: string;
  message: string;
}

export interface DependenciesTable {
  snapshot_id: number;
  collector: string;
  ecosystem: string;
  name: string;
  version: string | null;
  requirement: string | null;
  direct: number;
  scope: string;
  manifest_path: string;
  license: string | null;
  source: string | null;
  /** Names of the packages that depend on this one, separated by spaces. */
  parents: string | null;
}

export interface RuntimesTable {
  snapshot_id: number;
  collector: string;
  kind: string;
  version: string;
  path: string;
  source: string;
}

export interface ImagesTable {
  snapshot_id: number;
  collector: string;
  kind: string;
  name: string;
  version: string | null;
  path: string;
  line: number | null;
}

export interface MetricsTable {
  snapshot_id: number;
  analysis: string;
  metric: string;
  /** What the number is about: repository, folder, file, person, team, package. */
  scope: string;
  /** The folder or file path, person or team id; '' for the repository itself. */
  subject: string;
  value: number | null;
  unit: string | null;
  /** JSON: the commits, files, packages or advisories behind the number. */
  evidence: string | null;
}

export interface FindingsTable {
  snapshot_id: number;
  analysis: string;
  rule: string;
  severity: string;
  subject: string;
  title: string;
  detail: string | null;
  /** The team that owns the subject, when known. */
  owner: string | null;
  evidence: string | null;
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
  /** Hash of the office inputs an analysis read; null for a collector, or an analysis that reads none. */
  inputs: string | null;
}

/** One OSV record as loaded for one ecosystem's feed (affected entries of other ecosystems left out). */
export interface AdvisoriesTable {
  ecosystem: string;
  id: string;
  modified: string;
  withdrawn: string | null;
  summary: string | null;
  severity_score: number | null;
  severity_level: string;
  /** JSON array of the record's aliases. */
  aliases: string;
  /** JSON of the plain record (src/feeds/osv/record.ts). */
  record: string;
}

/** Which advisories name a package: (ecosystem, normalised package name) -> advisory id. */
export interface AdvisoryPackagesTable {
  ecosystem: string;
  package: string;
  advisory_id: string;
}

export interface EolProductsTable {
  product: string;
  label: string;
  /** JSON array of `{ type, id }` (purl, cpe, repology). */
  identifiers: string;
}

/** A release cycle; phases are a `YYYY-MM-DD` date, `true`, `false` or null. */
export interface EolCyclesTable {
  product: string;
  cycle_name: string;
  position: number;
  release_date: string | null;
  lts: string | null;
  eoas: string | null;
  eol: string | null;
  eoes: string | null;
  latest: string | null;
}

export type FeedImportStatus = 'active' | 'replaced' | 'failed';

export interface FeedImportsTable {
  id: Generated<number>;
  /** `osv` or `endoflife`. */
  feed: string;
  /** OSV ecosystem; '' for endoflife. */
  ecosystem: string;
  source: string;
  sha256: string | null;
  records: number;
  problems: number;
  imported_at: string;
  imported_ts: number;
  status: FeedImportStatus;
  message: string | null;
}

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

/** A version tag of a snapshot, with the changes it first released (analysis `delivery`, docs/metrics/delivery.md). */
export interface DeliveryReleasesTable {
  snapshot_id: number;
  tag: string;
  version: string;
  prerelease: number;
  commit_sha: string;
  commit_date: string;
  tag_date: string | null;
  released_at: string;
  released_ts: number;
  /** Non-merge commits first released here; null for pre-releases. */
  changes: number | null;
  lead_median_days: number | null;
  lead_p90_days: number | null;
  failed: number | null;
  rework: number | null;
  /** JSON: why the release counts as failed or rework, and the commits behind it. */
  reasons: string | null;
}

/** Commits, contributors and lines per ISO week or month (analysis `delivery`). */
export interface DeliveryActivityTable {
  snapshot_id: number;
  period_kind: string;
  period_start: string;
  commits: number;
  contributors: number;
  lines_added: number;
  lines_deleted: number;
}

/** A contributor of a snapshot's history: one resolved identity (analysis `knowledge`, docs/metrics/people.md). */
export interface PeopleTable {
  snapshot_id: number;
  person_id: string;
  name: string;
  /** JSON arrays of the names and e-mails seen (after .mailmap). */
  names: string;
  emails: string;
  bot: number;
  commits: number;
  lines_added: number;
  lines_deleted: number;
  first_commit_at: string;
  first_commit_ts: number;
  last_commit_at: string;
  last_commit_ts: number;
  commits_90d: number;
  commits_365d: number;
}

/** A contributor's commits and lines per calendar month (`YYYY-MM`, UTC). */
export interface PersonMonthsTable {
  snapshot_id: number;
  person_id: string;
  period: string;
  commits: number;
  lines_added: number;
  lines_deleted: number;
}

/** A file considered for the truck factor, with its change counts and number of authors. */
export interface KnowledgeFilesTable {
  snapshot_id: number;
  path: string;
  folder: string;
  commits: number;
  commits_365d: number;
  lines: number | null;
  authors: number;
}

/** An author (by degree of authorship) of a file considered for the truck factor. */
export interface FileAuthorsTable {
  snapshot_id: number;
  path: string;
  person_id: string;
  doa: number;
}

/** A rule of the snapshot's CODEOWNERS file; `owners` separated by spaces. */
export interface CodeOwnersTable {
  snapshot_id: number;
  source: string;
  line: number;
  pattern: string;
  owners: string;
}

/** Line ownership: surviving lines of a text file per raw author identity, as `git blame` assigns them. */
export interface OwnershipTable {
  snapshot_id: number;
  path: string;
  author_name: string;
  author_email: string;
  lines: number;
}

/** What the files or a registry say a licence is, for one package version. */
export type LicenceStatus = 'found' | 'none' | 'not-found';

/**
 * The licence feed's cache: one row per (ecosystem, name, version) looked up in a registry.
 * `found`: the registry states a licence (`licence`, as stated, not normalised); `none`: it states
 * none; `not-found`: the registry does not know the version (HTTP 404).
 */
export interface LicenceCacheTable {
  ecosystem: string;
  name: string;
  version: string;
  licence: string | null;
  status: LicenceStatus;
  /** Where it was read: the URL of the registry document (or the file it was imported from). */
  source: string;
  fetched_at: string;
}

export interface Database {
  advisories: AdvisoriesTable;
  advisory_packages: AdvisoryPackagesTable;
  eol_products: EolProductsTable;
  eol_cycles: EolCyclesTable;
  feed_imports: FeedImportsTable;
  licence_cache: LicenceCacheTable;
  metrics: MetricsTable;
  findings: FindingsTable;
  snapshot_plugins: SnapshotPluginsTable;
  dependencies: DependenciesTable;
  runtimes: RuntimesTable;
  images: ImagesTable;
  repositories: RepositoriesTable;
  snapshots: SnapshotsTable;
  snapshot_segments: SnapshotSegmentsTable;
  commits: CommitsTable;
  file_changes: FileChangesTable;
  files: FilesTable;
  tags: TagsTable;
  diagnostics: DiagnosticsTable;
  scan_locks: ScanLocksTable;
  code_files: CodeFilesTable;
  hotspots: HotspotsTable;
  coupling: CouplingTable;
  delivery_releases: DeliveryReleasesTable;
  delivery_activity: DeliveryActivityTable;
  people: PeopleTable;
  person_months: PersonMonthsTable;
  knowledge_files: KnowledgeFilesTable;
  file_authors: FileAuthorsTable;
  code_owners: CodeOwnersTable;
  ownership: OwnershipTable;
}

/** Tables filled in bulk during a scan. */
/**
 * Tables whose rows belong to one snapshot (column `snapshot_id`), filled in bulk during a scan and
 * removed together when a scan fails or is abandoned. A migration that adds such a table adds it here.
 */
export const SNAPSHOT_TABLES = [
  'commits',
  'file_changes',
  'files',
  'tags',
  'diagnostics',
  'snapshot_segments',
  'dependencies',
  'runtimes',
  'images',
  'metrics',
  'findings',
  'snapshot_plugins',
  'code_files',
  'hotspots',
  'coupling',
  'delivery_releases',
  'delivery_activity',
  'people',
  'person_months',
  'knowledge_files',
  'file_authors',
  'code_owners',
  'ownership',
] as const;

export type BulkTable = (typeof SNAPSHOT_TABLES)[number];
