// Off-boarding: when a set of people leaves, which files lose every author (per-file authors
// from the truck-factor analysis), grouped per folder and ranked by how often they change.

interface OffboardingInput {
  /** Authors of each file (person ids), e.g. `TruckFactorResult.fileAuthors`. */
  fileAuthors: Readonly<Record<string, readonly string[]>>;
  /** People who leave. */
  leaving: Iterable<string>;
  /** Commits that changed each file (missing = 0). */
  commitCounts?: Readonly<Record<string, number>>;
  /** Folder depth for grouping (default 1: top-level folder; files at the root group as `.`). */
  depth?: number;
}

interface OrphanedFile {
  path: string;
  commits: number;
  /** The authors it had, all of whom leave. */
  authors: string[];
}

interface FolderLoss {
  folder: string;
  /** Files with at least one author before anyone leaves. */
  files: number;
  orphaned: number;
  /** orphaned / files. */
  share: number;
  /** Commits on the orphaned files. */
  commits: number;
}

interface OffboardingResult {
  /** Files that had an author and have none left, most changed first. */
  orphaned: OrphanedFile[];
  /** Folders with at least one orphaned file, most commits on orphaned files first. */
  folders: FolderLoss[];
}

export function folderOf(path: string, depth = 1): string {
  const parts = path.split('/').slice(0, -1).slice(0, depth);
  return parts.length === 0 ? '.' : parts.join('/');
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function offboarding(input: OffboardingInput): OffboardingResult {
  const leaving = new Set(input.leaving);
  const counts = input.commitCounts ?? {};
  const orphaned: OrphanedFile[] = [];
  const folders = new Map<string, FolderLoss>();
  for (const [path, authors] of Object.entries(input.fileAuthors)) {
    if (authors.length === 0) continue;
    const folder = folderOf(path, input.depth);
    const loss = folders.get(folder) ?? { folder, files: 0, orphaned: 0, share: 0, commits: 0 };
    loss.files += 1;
    folders.set(folder, loss);
    if (!authors.every((a) => leaving.has(a))) continue;
    const commits = counts[path] ?? 0;
    orphaned.push({ path, commits, authors: [...authors].sort(byText) });
    loss.orphaned += 1;
    loss.commits += commits;
  }
  for (const loss of folders.values()) loss.share = loss.orphaned / loss.files;
  orphaned.sort((a, b) => b.commits - a.commits || byText(a.path, b.path));
  const ranked = [...folders.values()]
    .filter((f) => f.orphaned > 0)
    .sort((a, b) => b.commits - a.commits || b.orphaned - a.orphaned || byText(a.folder, b.folder));
  return { orphaned, folders: ranked };
}

/** Commits per file from history: how many commits touched each path (merges not counted). */
export function commitCountsOf(
  commits: Iterable<{ parents: readonly string[]; changes: readonly { path: string }[] }>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of commits) {
    if (c.parents.length > 1) continue;
    for (const p of new Set(c.changes.map((ch) => ch.path))) counts[p] = (counts[p] ?? 0) + 1;
  }
  return counts;
}
