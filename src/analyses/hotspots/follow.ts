// Following renames back through history: which file of the snapshot each past change belongs to.
import type { ChangeRow } from '../../store/hotspots.ts';

export interface CommitChanges {
  sha: string;
  ts: number;
  date: string;
  author: string;
  /** Files the commit changed, under any name. */
  size: number;
  /** The changes that belong to files of the snapshot, with the file's path at the snapshot. */
  changes: Array<{ path: string; added: number; deleted: number }>;
}

/**
 * Walks changes newest first, grouped by commit. A name maps to a snapshot path; a rename (status R)
 * carries the mapping to the old name and ends the new name's. Additions and deletions do not end
 * a mapping: in a history with subtree merges an older root commit adds the same name, and a file
 * deleted and added again under its name keeps its history (as `git log -- <path>` counts it). Copies (C) do not carry
 * history. Merge commits have no changes (the history is read with --diff-merges=off).
 */
export function* followRenames(
  changesNewestFirst: Iterable<ChangeRow>,
  snapshotPaths: Iterable<string>,
  /** Commits changing more files than this come with no `changes` (their renames are still followed). */
  maxChanges = Number.POSITIVE_INFINITY,
): Generator<CommitChanges> {
  const follow = renameFollower(snapshotPaths, maxChanges);
  for (const c of changesNewestFirst) {
    const done = follow.push(c);
    if (done) yield done;
  }
  const last = follow.end();
  if (last) yield last;
}

/**
 * The same walk over the history read in chunks (`changeChunksNewestFirst`): what it holds is the
 * name map (one entry per name a snapshot file had) and the commit being grouped, never the history.
 */
export async function* followRenamesStreamed(
  chunks: AsyncIterable<readonly ChangeRow[]>,
  snapshotPaths: Iterable<string>,
  maxChanges = Number.POSITIVE_INFINITY,
): AsyncGenerator<CommitChanges> {
  const follow = renameFollower(snapshotPaths, maxChanges);
  for await (const chunk of chunks) {
    for (const c of chunk) {
      const done = follow.push(c);
      if (done) yield done;
    }
  }
  const last = follow.end();
  if (last) yield last;
}

/** The walk's state: `push` each change in order; it returns a commit once the next one starts. */
function renameFollower(snapshotPaths: Iterable<string>, maxChanges: number) {
  const alias = new Map<string, string>();
  for (const p of snapshotPaths) alias.set(p, p);
  let group: ChangeRow[] = [];
  const flush = (): CommitChanges | null => {
    const first = group[0];
    if (!first) return null;
    const out: CommitChanges = {
      sha: first.sha,
      ts: first.ts,
      date: first.date,
      author: first.author,
      size: group.length,
      changes: [],
    };
    if (group.length <= maxChanges) {
      const seen = new Set<string>();
      for (const c of group) {
        const key = alias.get(c.path);
        if (key !== undefined && !seen.has(key)) {
          seen.add(key);
          out.changes.push({ path: key, added: c.added ?? 0, deleted: c.deleted ?? 0 });
        }
      }
    }
    // All names this commit renamed away first, then the old names of renames (a swap stays right).
    const renames = group.filter((c) => c.status === 'R');
    const keys = renames.map((c) => alias.get(c.path));
    for (const c of renames) alias.delete(c.path);
    renames.forEach((c, i) => {
      const key = keys[i];
      if (key !== undefined && c.oldPath) alias.set(c.oldPath, key);
    });
    group = [];
    return out;
  };
  return {
    push(c: ChangeRow): CommitChanges | null {
      const done = group.length > 0 && group[0]?.sha !== c.sha ? flush() : null;
      group.push(c);
      return done;
    },
    end: flush,
  };
}
