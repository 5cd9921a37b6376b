// Degree of authorship (Fritz et al., as used by Avelino et al., ICPC 2016) and the authors of each file.
import type { HistoryCommit } from './history.ts';

export interface AuthorshipThresholds {
  /** DOA / best DOA on the file must exceed this (published: 0.75). */
  normalized: number;
  /** Absolute DOA needed unless the developer added the file (published: 3.293). */
  absolute: number;
}

/** One developer's record on one file (following renames back). */
export interface FileAuthorship {
  person: string;
  /** FA: the developer has an add record on the file. */
  added: boolean;
  /** DL: the developer's modify and rename records on the file. */
  deliveries: number;
  /** AC: everyone else's modify and rename records on the file. */
  acceptances: number;
  doa: number;
  author: boolean;
}

interface TouchRecord {
  person: string;
  kind: 'add' | 'delivery';
}

export function degreeOfAuthorship(added: boolean, deliveries: number, acceptances: number): number {
  return 3.293 + 1.098 * (added ? 1 : 0) + 0.164 * deliveries - 0.321 * Math.log(1 + acceptances);
}

/** One person's add and delivery records on one path. */
interface PersonTouches {
  added: boolean;
  deliveries: number;
}

/** What was done on one path: each person's records, and the old names of renames made onto it. */
export interface PathTouches {
  people: Map<string, PersonTouches>;
  oldPaths: Set<string> | null;
}

/**
 * A, M and R records of non-merge commits, summed per path and person: what the degree of authorship
 * reads, bounded by paths and people rather than by the length of the history.
 */
export type TouchIndex = Map<string, PathTouches>;

/** Adds one record (status A, M or R) by `person` on `path` to the index. */
function addTouch(index: TouchIndex, path: string, person: string, add: boolean, oldPath?: string): void {
  let at = index.get(path);
  if (!at) {
    at = { people: new Map(), oldPaths: null };
    index.set(path, at);
  }
  const e = at.people.get(person);
  if (e) {
    if (add) e.added = true;
    else e.deliveries += 1;
  } else at.people.set(person, { added: add, deliveries: add ? 0 : 1 });
  if (oldPath !== undefined) {
    at.oldPaths ??= new Set();
    at.oldPaths.add(oldPath);
  }
}

/** The index of a history's commits (merges left out). */
export function touchIndexOf(
  commits: readonly HistoryCommit[],
  personOf: (c: HistoryCommit) => string,
): TouchIndex {
  const index: TouchIndex = new Map();
  for (const c of commits) {
    if (c.parents.length > 1) continue;
    const person = personOf(c);
    for (const ch of c.changes) {
      if (ch.status !== 'A' && ch.status !== 'M' && ch.status !== 'R') continue;
      addTouch(index, ch.path, person, ch.status === 'A', ch.status === 'R' ? ch.oldPath : undefined);
    }
  }
  return index;
}

/** Each person's records on a file: those on its path, plus, for each rename, those on the old path (transitively). */
export function fileTouches(index: TouchIndex, path: string): ReadonlyMap<string, PersonTouches> {
  const own = index.get(path);
  if (!own) return new Map();
  // Most files were never renamed: their own records, as they are.
  if (own.oldPaths === null) return own.people;
  const seen = new Set([path]);
  const queue = [path];
  const out = new Map<string, PersonTouches>();
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    const at = index.get(p);
    if (!at) continue;
    for (const [person, t] of at.people) {
      const e = out.get(person);
      if (e) {
        e.added ||= t.added;
        e.deliveries += t.deliveries;
      } else out.set(person, { ...t });
    }
    for (const old of at.oldPaths ?? []) {
      if (!seen.has(old)) {
        seen.add(old);
        queue.push(old);
      }
    }
  }
  return out;
}

/** DOA of every developer on a file and whether each counts as an author; empty when the file has no records. */
export function authorshipOf(records: readonly TouchRecord[], t: AuthorshipThresholds): FileAuthorship[] {
  const per = new Map<string, PersonTouches>();
  for (const r of records) {
    const e = per.get(r.person) ?? { added: false, deliveries: 0 };
    if (r.kind === 'add') e.added = true;
    else e.deliveries += 1;
    per.set(r.person, e);
  }
  return authorshipOfTouches(per, t);
}

/** The same from each person's summed records on the file. */
export function authorshipOfTouches(
  per: ReadonlyMap<string, PersonTouches>,
  t: AuthorshipThresholds,
): FileAuthorship[] {
  let total = 0;
  for (const e of per.values()) total += e.deliveries;
  const rows = [...per].map(([person, e]) => {
    const acceptances = total - e.deliveries;
    return {
      person,
      added: e.added,
      deliveries: e.deliveries,
      acceptances,
      doa: degreeOfAuthorship(e.added, e.deliveries, acceptances),
      author: false,
    };
  });
  const best = rows.reduce((m, r) => Math.max(m, r.doa), 0);
  for (const r of rows) {
    r.author = best > 0 && r.doa / best > t.normalized && (r.doa >= t.absolute || r.added);
  }
  return rows.sort((a, b) => b.doa - a.doa || (a.person < b.person ? -1 : 1));
}
