// Ownership analysis: CODEOWNERS rules and line ownership (docs/metrics/ownership.md).

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
