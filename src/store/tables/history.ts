// Git history read by a scan: commits, file changes, files of the tree and tags.

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
