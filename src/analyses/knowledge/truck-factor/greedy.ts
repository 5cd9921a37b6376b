// The greedy truck-factor search (Avelino et al., ICPC 2016): remove the top author until
// fewer than `coverage` of the files still have an author.

export interface RemovedPerson {
  person: string;
  /** Files this person authored among those considered. */
  files: number;
  /** files / all files considered. */
  share: number;
}

export interface GreedyResult {
  truckFactor: number;
  /** Files considered. */
  files: number;
  removed: RemovedPerson[];
  /** Share of files that still have an author after the removals. */
  coverageLeft: number;
}

export interface GreedyOptions {
  /** Stop once the share of files with an author left falls below this (published: 0.5). */
  coverage: number;
  /**
   * Drop from the result removed people whose authored files are below this share of the top
   * remover's (0 = off, as published; the authors' tool applies 0.1).
   */
  pruneBelow: number;
  /** Tie-break between people with equally many files: more changes first, then id. */
  changes?: ReadonlyMap<string, number>;
}

/** Each person's distinct files, and how many distinct people author each file. */
function authorsIndex(
  files: readonly string[],
  authors: ReadonlyMap<string, readonly string[]>,
): { byPerson: Map<string, string[]>; authorCount: Map<string, number> } {
  const byPerson = new Map<string, string[]>();
  const authorCount = new Map<string, number>();
  for (const f of files) {
    if (authorCount.has(f)) continue;
    const people = authors.get(f) ?? [];
    const distinct = people.length > 1 ? [...new Set(people)] : people;
    authorCount.set(f, distinct.length);
    for (const p of distinct) {
      const list = byPerson.get(p);
      if (list) list.push(f);
      else byPerson.set(p, [f]);
    }
  }
  return { byPerson, authorCount };
}

/**
 * Truck factor of `files` given each file's authors. People are removed in one fixed order (most
 * files, then most changes, then id), and the files still covered are counted down as each goes,
 * so the work is linear in the (file, author) pairs.
 */
export function greedyTruckFactor(
  files: readonly string[],
  authors: ReadonlyMap<string, readonly string[]>,
  options: GreedyOptions,
): GreedyResult {
  const { byPerson, authorCount } = authorsIndex(files, authors);
  const changes = (p: string) => options.changes?.get(p) ?? 0;
  const order = [...byPerson.keys()]
    .map((person) => ({ person, files: byPerson.get(person)!.length, changes: changes(person) }))
    .sort((a, b) => b.files - a.files || b.changes - a.changes || (a.person < b.person ? -1 : 1));
  let covered = 0;
  for (const n of authorCount.values()) if (n > 0) covered++;
  const total = files.length;
  const removed: RemovedPerson[] = [];
  for (const next of order) {
    if (covered / total < options.coverage) break;
    removed.push({ person: next.person, files: next.files, share: next.files / total });
    for (const f of byPerson.get(next.person)!) {
      const left = authorCount.get(f)! - 1;
      authorCount.set(f, left);
      if (left === 0) covered--;
    }
  }
  const top = removed[0]?.files ?? 0;
  const kept = removed.filter((r) => r.files >= options.pruneBelow * top);
  return {
    truckFactor: kept.length,
    files: total,
    removed: kept,
    coverageLeft: total === 0 ? 0 : covered / total,
  };
}
