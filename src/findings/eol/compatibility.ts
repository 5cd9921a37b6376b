// A compatibility test: a cycle only CI runs (a matrix entry), in a repository whose CI also runs
// another cycle of the same product that is still supported (even one ending within the window). The
// project tests that it still works there; it does not build or ship with it. One rule for the
// problems (risk/eol-problems.ts: low, not high) and for `cto eol`'s runtimes in use.
import type { EolRow } from './find.ts';

/**
 * Whether the rows of one product cycle in one repository (its pins and packages, not its floors)
 * are only a compatibility test, among all the `rows` found.
 */
export function isCompatibilityTest(cycleRows: readonly EolRow[], rows: readonly EolRow[]): boolean {
  const first = cycleRows[0];
  if (!first || cycleRows.some((r) => r.role === 'floor')) return false;
  if (!cycleRows.every((r) => r.places.every((p) => p.exposure === 'ci'))) return false;
  return rows.some(
    (r) =>
      r.repository === first.repository &&
      r.product === first.product &&
      r.cycle !== first.cycle &&
      r.role !== 'floor' &&
      (r.status === 'supported' || r.status === 'within-window') &&
      r.places.some((p) => p.exposure === 'ci'),
  );
}

/** Whether `row`, a pin or package past or near its end of life, is only a compatibility test. */
export function testedOnly(row: EolRow, rows: readonly EolRow[]): boolean {
  if (row.role === 'floor' || row.product === null) return false;
  if (row.status !== 'past-eol' && row.status !== 'within-window') return false;
  const cycle = rows.filter(
    (x) =>
      x.repository === row.repository &&
      x.product === row.product &&
      x.cycle === row.cycle &&
      x.role !== 'floor',
  );
  return isCompatibilityTest(cycle, rows);
}
