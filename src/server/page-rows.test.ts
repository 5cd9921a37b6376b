// Paging by row across groups (docs/server.md#routes): walking the pages visits every row once in
// order and every group in order (on each page its rows fall on); one page holding all is the document.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pageRows } from './server.ts';

const groupsArb = fc
  .array(fc.array(fc.integer(), { maxLength: 5 }), { maxLength: 8 })
  .map((lists) => lists.map((rows, i) => ({ name: `g${i}`, rows })));

describe('pageRows', () => {
  test('pages walked in order give every row once and every group, in order; one big page is the whole list', () => {
    fc.assert(
      fc.property(groupsArb, fc.integer({ min: 1, max: 7 }), (groups, limit) => {
        const all = groups.flatMap((g) => g.rows);
        const rows: number[] = [];
        const seen: unknown[] = [];
        // At least one page, even for no rows: the empty groups are on it.
        for (let offset = 0; offset === 0 || offset < all.length; offset += limit) {
          const { page, total } = pageRows(groups, 'rows', limit, offset);
          expect(total).toBe(all.length);
          const onPage = page.flatMap((g) => g.rows as number[]);
          expect(onPage).toEqual(all.slice(offset, offset + limit));
          rows.push(...onPage);
          seen.push(...page);
        }
        expect(rows).toEqual(all);
        // A group whose rows span pages is on each of them; every group is on at least one, in order.
        const names = seen.map((g) => (g as { name: string }).name);
        expect([...new Set(names)]).toEqual(groups.map((g) => g.name));
        expect(pageRows(groups, 'rows', all.length + 1, 0).page).toEqual(groups);
      }),
    );
  });

  test('a group without rows sits on the page of the next row, trailing ones on the last page', () => {
    const groups = [
      { name: 'a', rows: [1, 2] },
      { name: 'empty', rows: [] },
      { name: 'b', rows: [3] },
      { name: 'tail', rows: [] },
    ];
    expect(pageRows(groups, 'rows', 2, 0).page.map((g) => g.name)).toEqual(['a']);
    expect(pageRows(groups, 'rows', 2, 2).page).toEqual([
      { name: 'empty', rows: [] },
      { name: 'b', rows: [3] },
      { name: 'tail', rows: [] },
    ]);
    expect(pageRows(groups, 'rows', 1, 1).page).toEqual([{ name: 'a', rows: [2] }]);
    expect(pageRows(groups, 'rows', 2, 10)).toEqual({ page: [], total: 3 });
  });
});
