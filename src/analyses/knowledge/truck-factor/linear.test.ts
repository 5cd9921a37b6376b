// The truck factor's work grows linearly with the files and people (counted, not timed), and the
// greedy search gives what removing the top author one at a time gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workGrowth } from '../../../../test/helpers/work-counter.ts';
import { type GreedyOptions, type GreedyResult, greedyTruckFactor } from './greedy.ts';
import type { HistoryCommit } from './history.ts';
import { computeTruckFactor } from './truck-factor.ts';

/** The search as published: recount the covered files and pick the top author at every step. */
function reference(
  files: readonly string[],
  authors: ReadonlyMap<string, readonly string[]>,
  options: GreedyOptions,
): GreedyResult {
  const byPerson = new Map<string, Set<string>>();
  for (const f of files)
    for (const p of authors.get(f) ?? []) byPerson.set(p, (byPerson.get(p) ?? new Set()).add(f));
  const covered = () => new Set([...byPerson.values()].flatMap((s) => [...s])).size;
  const changes = (p: string) => options.changes?.get(p) ?? 0;
  const removed: GreedyResult['removed'] = [];
  while (byPerson.size > 0 && covered() / files.length >= options.coverage) {
    const [person, set] = [...byPerson].reduce((best, cur) => {
      const d = cur[1].size - best[1].size || changes(cur[0]) - changes(best[0]);
      return d > 0 || (d === 0 && cur[0] < best[0]) ? cur : best;
    });
    removed.push({ person, files: set.size, share: set.size / files.length });
    byPerson.delete(person);
  }
  const top = Math.max(0, ...removed.map((r) => r.files));
  const kept = removed.filter((r) => r.files >= options.pruneBelow * top);
  return {
    truckFactor: kept.length,
    files: files.length,
    removed: kept,
    coverageLeft: files.length === 0 ? 0 : covered() / files.length,
  };
}

describe('greedyTruckFactor', () => {
  it('removes the same people as the step-by-step search', () => {
    const people = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(
        fc.array(fc.array(people, { maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.dictionary(people, fc.nat(5)),
        fc.constantFrom(0, 0.1, 0.5),
        fc.constantFrom(0.3, 0.5, 0.8),
        (lists, changes, pruneBelow, coverage) => {
          // Some files listed twice, some people listed twice on a file: counted once.
          const files = lists.map((_, i) => `f${i % 30}.ts`);
          const authors = new Map(lists.map((l, i) => [`f${i % 30}.ts`, l]));
          const options = { coverage, pruneBelow, changes: new Map(Object.entries(changes)) };
          expect(greedyTruckFactor(files, authors, options)).toEqual(reference(files, authors, options));
        },
      ),
    );
  });

  it('does linear work in the people: one file each, four times the people, about four times the work', async () => {
    const make = (n: number) => {
      const files = Array.from({ length: n }, (_, i) => `f${i}.ts`);
      return { files, authors: new Map(files.map((f, i) => [f, [`p${i}`]])) };
    };
    const growth = await workGrowth(1000, 4, make, ({ files, authors }) =>
      greedyTruckFactor(files, authors, { coverage: 0.5, pruneBelow: 0 }),
    );
    expect(growth).toBeLessThan(6); // the step-by-step search: about 16
  });
});

describe('computeTruckFactor', () => {
  it('does linear work in the files of one folder', async () => {
    const make = (n: number) => {
      const files = Array.from({ length: n }, (_, i) => `src/f${i}.ts`);
      const commits: HistoryCommit[] = [
        {
          sha: 'a',
          parents: [],
          authorName: 'Ada',
          authorEmail: 'ada@example.com',
          changes: files.map((path) => ({ status: 'A' as const, path })),
        },
      ];
      return { commits, files, isSource: () => true };
    };
    const growth = await workGrowth(2000, 4, make, (input) => computeTruckFactor(input));
    expect(growth).toBeLessThan(6); // files of a folder gathered by copying the list for each: about 16
  });
});
