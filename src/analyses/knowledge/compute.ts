// Knowledge of one snapshot from stored facts: per-file authors by degree of authorship, the truck
// factor of the repository and of each top-level folder, and change counts per file.
import type { ChangeFact, CommitFact, TreeFileFact } from '../../store/people.ts';
import { within } from './contributors.ts';
import {
  type ChangeStatus,
  computeTruckFactor,
  type HistoryCommit,
  type TruckFactorResult,
  topFolder,
} from './truck-factor/index.ts';

export interface KnowledgeInput {
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
}

export interface KnowledgeResult {
  truckFactor: TruckFactorResult;
  files: KnowledgeFile[];
  /** DOA of each author on each file considered. */
  doa: Map<string, Map<string, number>>;
}

const STATUSES = new Set(['A', 'M', 'D', 'R', 'T', 'C']);

/** Stored facts as the history the truck factor reads (merges carry no changes). */
export function historyOf(commits: readonly CommitFact[], changes: readonly ChangeFact[]): HistoryCommit[] {
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
  const counts = new Map<string, { commits: number; recent: number }>();
  const seen = new Set<string>();
  for (const ch of input.changes) {
    const key = `${ch.commitSha}\0${ch.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = factBySha.get(ch.commitSha);
    if (!c || c.parents.length > 1) continue;
    const e = counts.get(ch.path) ?? { commits: 0, recent: 0 };
    e.commits += 1;
    if (within(c.authorTs, input.referenceTs, 365)) e.recent += 1;
    counts.set(ch.path, e);
  }
  const lines = new Map(input.files.map((f) => [f.path, f.lines]));
  const doa = new Map<string, Map<string, number>>();
  const files: KnowledgeFile[] = [];
  for (const [path, authors] of Object.entries(truckFactor.fileAuthors)) {
    const rows = truckFactor.authorship[path] ?? [];
    doa.set(path, new Map(rows.filter((r) => r.author).map((r) => [r.person, r.doa])));
    files.push({
      path,
      folder: topFolder(path),
      commits: counts.get(path)?.commits ?? 0,
      commits365d: counts.get(path)?.recent ?? 0,
      lines: lines.get(path) ?? null,
      authors,
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { truckFactor, files, doa };
}
