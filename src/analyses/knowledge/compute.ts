// Knowledge of one snapshot from stored facts: per-file authors by degree of authorship, the truck
// factor of the repository and of each top-level folder, and change counts per file.

import type { ChangeFact, CommitFact, TreeFileFact } from '../../store/people.ts';
import { KnowledgeTally } from './tally.ts';
import { computeTruckFactor, type TruckFactorResult, topFolder } from './truck-factor/index.ts';

interface KnowledgeOptions {
  files: readonly TreeFileFact[];
  /** The person of an author identity (name and e-mail as written). */
  personOf: (identity: { name: string; email: string }) => string;
  /** People left out of authorship (bots). */
  bots: ReadonlySet<string>;
  isSource: (path: string) => boolean;
  exclude: readonly string[];
}

interface KnowledgeInput extends KnowledgeOptions {
  commits: readonly CommitFact[];
  changes: readonly ChangeFact[];
  referenceTs: number;
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

/** Knowledge of a whole history held in memory (the analysis reads it in chunks: `knowledgeFromTally`). */
export function knowledgeOf(input: KnowledgeInput): KnowledgeResult {
  const tally = new KnowledgeTally(input.referenceTs);
  tally.add(input.commits, input.changes);
  return knowledgeFromTally(tally, input);
}

/** Knowledge from what a tally kept of the history. */
export function knowledgeFromTally(tally: KnowledgeTally, input: KnowledgeOptions): KnowledgeResult {
  const truckFactor = computeTruckFactor({
    touches: tally.touches(input.personOf, input.bots),
    files: input.files.map((f) => f.path),
    isSource: input.isSource,
    exclude: input.exclude,
  });
  const counts = tally.counts;
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
