import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorshipOf, degreeOfAuthorship } from './doa.ts';
import { greedyTruckFactor } from './greedy.ts';
import { PUBLISHED_OPTIONS } from './truck-factor.ts';

const add = (person: string) => ({ person, kind: 'add' as const });
const delivery = (person: string) => ({ person, kind: 'delivery' as const });

describe('degree of authorship', () => {
  it('is the published linear model', () => {
    expect(degreeOfAuthorship(false, 0, 0)).toBeCloseTo(3.293, 10);
    expect(degreeOfAuthorship(true, 2, 3)).toBeCloseTo(3.293 + 1.098 + 0.328 - 0.321 * Math.log(4), 10);
  });

  it('needs DOA >= 3.293 unless the developer added the file', () => {
    // The adder, then ten developers with one change each: each is at 0.7507 of the best DOA
    // (above 0.75) but below 3.293 in absolute terms, so none of them is an author.
    const others = Array.from({ length: 10 }, (_, i) => `d${i}`);
    const rows = authorshipOf([add('ada'), ...others.map(delivery)], PUBLISHED_OPTIONS);
    const ratio = rows[1]!.doa / rows[0]!.doa;
    expect(ratio).toBeGreaterThan(0.75);
    expect(rows[1]!.doa).toBeLessThan(3.293);
    expect(rows.filter((r) => r.author).map((r) => r.person)).toEqual(['ada']);
    // With a lower absolute threshold they become authors too.
    expect(
      authorshipOf([add('ada'), ...others.map(delivery)], { normalized: 0.75, absolute: 2 }).filter(
        (r) => r.author,
      ),
    ).toHaveLength(11);
  });

  it('drops developers far below the best (normalised threshold)', () => {
    const rows = authorshipOf(
      [add('ada'), ...Array(8).fill(delivery('ada')), delivery('bob')],
      PUBLISHED_OPTIONS,
    );
    expect(rows.map((r) => [r.person, r.author])).toEqual([
      ['ada', true],
      ['bob', false],
    ]);
  });

  it('never lowers a developer by giving them one more change, never raises the others', () => {
    const record = fc.record({
      person: fc.constantFrom('a', 'b', 'c'),
      kind: fc.constantFrom('add' as const, 'delivery' as const),
    });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('a', 'b', 'c'),
        (records, who) => {
          const before = new Map(authorshipOf(records, PUBLISHED_OPTIONS).map((r) => [r.person, r.doa]));
          const after = new Map(
            authorshipOf([...records, delivery(who)], PUBLISHED_OPTIONS).map((r) => [r.person, r.doa]),
          );
          for (const [p, doa] of after) {
            if (p === who) expect(doa).toBeGreaterThanOrEqual(before.get(p) ?? -Infinity);
            else expect(doa).toBeLessThanOrEqual(before.get(p)!);
          }
        },
      ),
    );
  });
});

describe('greedyTruckFactor', () => {
  const authorsArb = fc
    .array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 3 }), {
      minLength: 1,
      maxLength: 25,
    })
    .map((lists) => new Map(lists.map((l, i) => [`f${i}.ts`, l])));

  it('stops exactly when fewer than half of the files keep an author', () => {
    fc.assert(
      fc.property(authorsArb, (authors) => {
        const files = [...authors.keys()];
        const r = greedyTruckFactor(files, authors, { coverage: 0.5, pruneBelow: 0 });
        const left = (gone: Set<string>) =>
          files.filter((f) => authors.get(f)!.some((p) => !gone.has(p))).length / files.length;
        const removed = r.removed.map((p) => p.person);
        expect(r.coverageLeft).toBeCloseTo(left(new Set(removed)));
        expect(r.coverageLeft < 0.5 || r.coverageLeft === 0).toBe(true);
        if (removed.length > 0) expect(left(new Set(removed.slice(0, -1)))).toBeGreaterThanOrEqual(0.5);
        for (let i = 1; i < r.removed.length; i++)
          expect(r.removed[i]!.files).toBeLessThanOrEqual(r.removed[i - 1]!.files);
      }),
    );
  });

  it('prunes removed people far below the top one when asked', () => {
    const authors = new Map<string, string[]>([
      ...Array.from({ length: 20 }, (_, i) => [`a${i}`, ['ada']] as [string, string[]]),
      ...Array.from(
        { length: 22 },
        (_, i) => [`p${i}`, [`p${String(i).padStart(2, '0')}`]] as [string, string[]],
      ),
    ]);
    const files = [...authors.keys()];
    expect(greedyTruckFactor(files, authors, { coverage: 0.5, pruneBelow: 0 }).truckFactor).toBe(3);
    expect(
      greedyTruckFactor(files, authors, { coverage: 0.5, pruneBelow: 0.1 }).removed.map((r) => r.person),
    ).toEqual(['ada']);
  });
});
