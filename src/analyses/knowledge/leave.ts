// Off-boarding at query time: what loses every author when given people leave, per repository and
// folder, by truck-factor authorship and, when line ownership was stored, by blame ownership.
import type { OwnershipLines, StoredKnowledgeFile } from '../../store/people.ts';
import type { Directory } from './directory.ts';
import { offboarding } from './offboarding/index.ts';

interface LeaveFolder {
  folder: string;
  files: number;
  orphanedFiles: number;
  orphanedLines: number;
  commits: number;
}

interface LeaveRepository {
  repository: string;
  files: number;
  orphanedFiles: number;
  orphanedLines: number;
  folders: LeaveFolder[];
  /** Orphaned files, most changed in the 365 days before the snapshot first (the hotspots among them). */
  hotspots: Array<{ path: string; commits: number; commits365d: number; lines: number | null }>;
  /** By blame: lines whose last author leaves, and files all of whose lines they own; null without ownership data. */
  blame: { lines: number; linesLost: number; files: number; filesLost: number } | null;
}

function blameLoss(
  rows: readonly OwnershipLines[],
  directory: Directory,
  leaving: ReadonlySet<string>,
): LeaveRepository['blame'] {
  const perFile = new Map<string, { lines: number; lost: number }>();
  for (const r of rows) {
    const gone = leaving.has(directory.personOf({ name: r.authorName, email: r.authorEmail }));
    const e = perFile.get(r.path) ?? { lines: 0, lost: 0 };
    e.lines += r.lines;
    if (gone) e.lost += r.lines;
    perFile.set(r.path, e);
  }
  const all = [...perFile.values()];
  return {
    lines: all.reduce((a, e) => a + e.lines, 0),
    linesLost: all.reduce((a, e) => a + e.lost, 0),
    files: all.length,
    filesLost: all.filter((e) => e.lines > 0 && e.lost === e.lines).length,
  };
}

export function leaveReport(
  files: readonly StoredKnowledgeFile[],
  ownership: readonly OwnershipLines[] | null,
  directory: Directory,
  leaving: readonly string[],
): LeaveRepository[] {
  const gone = new Set(leaving);
  const repos = [...new Set(files.map((f) => f.repository))].sort();
  return repos.map((repo) => {
    const mine = files.filter((f) => f.repository === repo);
    const byPath = new Map(mine.map((f) => [f.path, f]));
    const result = offboarding({
      fileAuthors: Object.fromEntries(
        mine.map((f) => [f.path, f.authors.map((a) => directory.globalId(repo, a))]),
      ),
      leaving: gone,
      commitCounts: Object.fromEntries(mine.map((f) => [f.path, f.commits])),
    });
    const linesOf = (path: string) => byPath.get(path)?.lines ?? 0;
    const folders = result.folders.map((f) => ({
      folder: f.folder,
      files: f.files,
      orphanedFiles: f.orphaned,
      orphanedLines: result.orphaned
        .filter((o) => byPath.get(o.path)?.folder === f.folder)
        .reduce((a, o) => a + linesOf(o.path), 0),
      commits: f.commits,
    }));
    const hotspots = result.orphaned
      .map((o) => ({
        path: o.path,
        commits: o.commits,
        commits365d: byPath.get(o.path)?.commits365d ?? 0,
        lines: byPath.get(o.path)?.lines ?? null,
      }))
      .sort((a, b) => b.commits365d - a.commits365d || b.commits - a.commits || (a.path < b.path ? -1 : 1));
    return {
      repository: repo,
      files: mine.filter((f) => f.authors.length > 0).length,
      orphanedFiles: result.orphaned.length,
      orphanedLines: result.orphaned.reduce((a, o) => a + linesOf(o.path), 0),
      folders,
      hotspots,
      blame:
        ownership === null
          ? null
          : blameLoss(
              ownership.filter((o) => o.repository === repo),
              directory,
              gone,
            ),
    };
  });
}
