// Sources: the repositories `cto sources sync` discovered from sources.yaml, and their mirrors (docs/fleet.md).

/** One repository a source lists. Kept when it disappears from its source: `gone_at` says since when. */
export interface SourceRepositoriesTable {
  /** The repository's location, its identity: the clone URL, or the absolute path of a local repository. */
  key: string;
  name: string;
  /** The source's id (`github:acme`, `folder:~/code`, `url:https://...`). */
  source: string;
  /** `url` (fetched into a mirror) or `folder` (scanned where it is). */
  kind: string;
  /** The bare mirror's path, for `url` repositories once fetched. */
  mirror: string | null;
  archived: number;
  fork: number;
  first_seen_at: string;
  last_seen_at: string;
  /** When a sync of its source no longer listed it; null while it is listed. */
  gone_at: string | null;
  /** The last fetch attempt and its error (null when it succeeded). */
  fetched_at: string | null;
  fetch_error: string | null;
}
