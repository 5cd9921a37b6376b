// Knowledge of one snapshot from stored facts: per-file authors by degree of authorship, the truck
// factor of the repository and of each top-level folder, and change counts per file.

import { ACTIVE_WINDOW_DAYS, within } from '../../reference-date.ts';
import type { ChangeFact, CommitFact, TreeFileFact } from '../../store/people.ts';
import {
  type ChangeStatus,
  computeTruckFactor,
  type HistoryCommit,
  type TruckFactorResult,
  topFolder,
} from './truck-factor/index.ts';

interface KnowledgeInput {
  commits: readonly CommitFact[];
  changes: readonly ChangeFact[];
  files: readonly TreeFileFact[];
  referenceTs: number;
  personOf: (c: CommitFact) => string;
  /** People left out of authorship (bots). */
  bots: ReadonlySet<string>;
  isSource: (path: string) => boolean;
  exclude: readonly string[];
}

export interface KnowledgeFile {
  path: string;
  folder: string;
  /** Non-merge commits whose change list names the path. */
  commits: number;
  commits365d: number;
  lines: number | null;
  authors: string[];
  /** Each author's degree of authorship, in the order of `authors`. */
  authorDoa: number[];
}

export interface KnowledgeResult {
  truckFactor: TruckFactorResult;
  files: KnowledgeFile[];
}

const STATUSES = new Set(['A', 'M', 'D', 'R', 'T', 'C']);

/** Stored facts as the history the truck factor reads (merges carry no changes). */
function historyOf(commits: readonly CommitFact[], changes: readonly ChangeFact[]): HistoryCommit[] {
  const bySha = new Map<string, HistoryCommit>();
  for (const c of commits) {
    bySha.set(c.sha, {
      sha: c.sha,
      parents: c.parents,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      changes: [],
    });
  }
  for (const ch of changes) {
    const commit = bySha.get(ch.commitSha);
    if (!commit || !STATUSES.has(ch.status)) continue;
    const status = ch.status as ChangeStatus;
    commit.changes.push(
      ch.oldPath === null ? { status, path: ch.path } : { status, path: ch.path, oldPath: ch.oldPath },
    );
  }
  return [...bySha.values()];
}

export function knowledgeOf(input: KnowledgeInput): KnowledgeResult {
  const factBySha = new Map(input.commits.map((c) => [c.sha, c]));
  const personBySha = new Map(input.commits.map((c) => [c.sha, input.personOf(c)]));
  const truckFactor = computeTruckFactor({
    commits: historyOf(input.commits, input.changes),
    files: input.files.map((f) => f.path),
    isSource: input.isSource,
    exclude: input.exclude,
    personOf: (c) => personBySha.get(c.sha)!,
    ignorePeople: input.bots,
  });
  // Non-merge commits per path, each (commit, path) once: a path keeps the one commit it has seen,
  // and a set only once a second commit names it.
  const counts = new Map<string, { commits: number; recent: number; seen: string | Set<string> }>();
  for (const ch of input.changes) {
    const c = factBySha.get(ch.commitSha);
    if (!c || c.parents.length > 1) continue;
    let e = counts.get(ch.path);
    if (!e) {
      e = { commits: 0, recent: 0, seen: ch.commitSha };
      counts.set(ch.path, e);
    } else if (e.seen === ch.commitSha || (typeof e.seen !== 'string' && e.seen.has(ch.commitSha))) continue;
    else e.seen = typeof e.seen === 'string' ? new Set([e.seen, ch.commitSha]) : e.seen.add(ch.commitSha);
    e.commits += 1;
    if (within(c.authorTs, input.referenceTs, ACTIVE_WINDOW_DAYS)) e.recent += 1;
  }
  const files: KnowledgeFile[] = [];
  for (const f of input.files) {
    const authors = truckFactor.fileAuthors[f.path];
    if (authors === undefined) continue;
    const rows = truckFactor.authorship[f.path] ?? [];
    const count = counts.get(f.path);
    files.push({
      path: f.path,
      folder: topFolder(f.path),
      commits: count?.commits ?? 0,
      commits365d: count?.recent ?? 0,
      lines: f.lines,
      authors,
      authorDoa: rows.filter((r) => r.author).map((r) => r.doa),
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { truckFactor, files };
}
