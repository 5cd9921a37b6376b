// Truck factor of one snapshot: which files count, who authors each, and the greedy search,
// for the repository and for each top-level folder.
import { compilePattern } from '../../../people/codeowners/pattern.ts';
import {
  type AuthorshipThresholds,
  authorshipOfTouches,
  type FileAuthorship,
  fileTouches,
  type TouchIndex,
  touchIndexOf,
} from './doa.ts';
import { type GreedyResult, greedyTruckFactor } from './greedy.ts';
import type { HistoryCommit } from './history.ts';

export interface TruckFactorOptions extends AuthorshipThresholds {
  coverage: number;
  pruneBelow: number;
}

/** As published (Avelino et al., ICPC 2016). */
export const PUBLISHED_OPTIONS: TruckFactorOptions = {
  normalized: 0.75,
  absolute: 3.293,
  coverage: 0.5,
  pruneBelow: 0,
};

export interface TruckFactorInput {
  /** Ancestors of the scanned commit (any order); merges are ignored. */
  commits?: readonly HistoryCommit[];
  /**
   * Instead of `commits`: their records already summed per path and person (merges and ignored
   * people left out), as a history read in chunks builds them.
   */
  touches?: TouchIndex;
  /** Paths of the files at the scanned commit. */
  files: readonly string[];
  /** True for files that count as source code. */
  isSource: (path: string) => boolean;
  /** gitignore-style patterns (CODEOWNERS dialect) of files to leave out. */
  exclude?: readonly string[];
  /** The person a commit belongs to; defaults to the lower-cased author e-mail. */
  personOf?: (commit: HistoryCommit) => string;
  /** People left out entirely (e.g. bots). */
  ignorePeople?: ReadonlySet<string>;
  options?: Partial<TruckFactorOptions>;
}

export interface FolderTruckFactor extends GreedyResult {
  /** Top-level folder, or `.` for files at the root. */
  folder: string;
}

export interface TruckFactorResult extends GreedyResult {
  /** Authors of every file considered, sorted by DOA. */
  fileAuthors: Record<string, string[]>;
  /** Every developer's DOA on every file considered. */
  authorship: Record<string, FileAuthorship[]>;
  /** Source files at the commit left out because no add, modify or rename record reaches them. */
  withoutHistory: string[];
  folders: FolderTruckFactor[];
  options: TruckFactorOptions;
}

export function topFolder(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

function byFolder(files: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files) {
    const key = topFolder(f);
    const list = out.get(key);
    if (list) list.push(f);
    else out.set(key, [f]);
  }
  return out;
}

export function computeTruckFactor(input: TruckFactorInput): TruckFactorResult {
  const options = { ...PUBLISHED_OPTIONS, ...input.options };
  const personOf = input.personOf ?? ((c: HistoryCommit) => c.authorEmail.toLowerCase());
  const ignore = input.ignorePeople ?? new Set<string>();
  const all = input.commits ?? [];
  const commits = ignore.size > 0 ? all.filter((c) => !ignore.has(personOf(c))) : all;
  const excluded = (input.exclude ?? []).map(compilePattern);
  const candidates = input.files.filter((f) => input.isSource(f) && !excluded.some((m) => m(f))).sort();
  const touches = input.touches ?? touchIndexOf(commits, personOf);
  const authors = new Map<string, string[]>();
  const authorship: Record<string, FileAuthorship[]> = {};
  const changes = new Map<string, number>();
  const withoutHistory: string[] = [];
  for (const f of candidates) {
    const rows = authorshipOfTouches(fileTouches(touches, f), options);
    if (rows.length === 0) {
      withoutHistory.push(f);
      continue;
    }
    authorship[f] = rows;
    authors.set(
      f,
      rows.filter((r) => r.author).map((r) => r.person),
    );
    for (const r of rows)
      changes.set(r.person, (changes.get(r.person) ?? 0) + (r.added ? 1 : 0) + r.deliveries);
  }
  const files = [...authors.keys()];
  const greedy = { ...options, changes };
  const folders = [...byFolder(files)]
    .map(([folder, fs]) => ({ folder, ...greedyTruckFactor(fs, authors, greedy) }))
    .sort((a, b) => (a.folder < b.folder ? -1 : 1));
  return {
    ...greedyTruckFactor(files, authors, greedy),
    fileAuthors: Object.fromEntries(authors),
    authorship,
    withoutHistory,
    folders,
    options,
  };
}
