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

function filesByPerson(
  files: readonly string[],
  authors: ReadonlyMap<string, readonly string[]>,
): Map<string, Set<string>> {
  const byPerson = new Map<string, Set<string>>();
  for (const f of files) {
    for (const p of authors.get(f) ?? []) {
      const set = byPerson.get(p) ?? new Set<string>();
      set.add(f);
      byPerson.set(p, set);
    }
  }
  return byPerson;
}

function covered(byPerson: Map<string, Set<string>>): number {
  const all = new Set<string>();
  for (const set of byPerson.values()) for (const f of set) all.add(f);
  return all.size;
}

function topAuthor(
  byPerson: Map<string, Set<string>>,
  changes: ReadonlyMap<string, number> | undefined,
): string {
  let best: string | null = null;
  for (const [p, set] of byPerson) {
    if (best === null) {
      best = p;
      continue;
    }
    const b = byPerson.get(best)!.size;
    const dc = (changes?.get(p) ?? 0) - (changes?.get(best) ?? 0);
    if (set.size > b || (set.size === b && (dc > 0 || (dc === 0 && p < best)))) best = p;
  }
  return best!;
}

/** Truck factor of `files` given each file's authors. */
export function greedyTruckFactor(
  files: readonly string[],
  authors: ReadonlyMap<string, readonly string[]>,
  options: GreedyOptions,
): GreedyResult {
  const byPerson = filesByPerson(files, authors);
  const total = files.length;
  const removed: RemovedPerson[] = [];
  while (byPerson.size > 0 && covered(byPerson) / total >= options.coverage) {
    const person = topAuthor(byPerson, options.changes);
    const n = byPerson.get(person)!.size;
    removed.push({ person, files: n, share: n / total });
    byPerson.delete(person);
  }
  const top = Math.max(0, ...removed.map((r) => r.files));
  const kept = removed.filter((r) => r.files >= options.pruneBelow * top);
  return {
    truckFactor: kept.length,
    files: total,
    removed: kept,
    coverageLeft: total === 0 ? 0 : covered(byPerson) / total,
  };
}
