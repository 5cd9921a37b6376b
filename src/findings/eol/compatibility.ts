// A compatibility test: a cycle only CI runs (a matrix entry), in a repository whose CI also runs
// another cycle of the same product that is still supported (even one ending within the window). The
// project tests that it still works there; it does not build or ship with it. One rule for the
// problems (risk/eol-problems.ts: low, not high), `cto eol`'s runtimes in use and the trend's count.
import type { EolRow } from './find.ts';

export interface CompatibilityJudge {
  /** Whether the rows of one product cycle in one repository (pins and packages) are only a test. */
  cycle(cycleRows: readonly EolRow[]): boolean;
  /** Whether `row`, a pin or package past or near its end of life, is only a test. */
  row(row: EolRow): boolean;
}

/** The judge over every row found, indexed once by repository and product. */
export function compatibilityJudge(rows: readonly EolRow[]): CompatibilityJudge {
  const keyOf = (r: EolRow) => `${r.repository}\u0000${r.product}`;
  const byProduct = new Map<string, EolRow[]>();
  for (const r of rows) {
    if (r.product === null || r.role === 'floor') continue;
    const list = byProduct.get(keyOf(r));
    if (list) list.push(r);
    else byProduct.set(keyOf(r), [r]);
  }
  const cycle = (cycleRows: readonly EolRow[]): boolean => {
    const first = cycleRows[0];
    if (!first || cycleRows.some((r) => r.role === 'floor')) return false;
    if (!cycleRows.every((r) => r.places.every((p) => p.exposure === 'ci'))) return false;
    return (byProduct.get(keyOf(first)) ?? []).some(
      (r) =>
        r.cycle !== first.cycle &&
        (r.status === 'supported' || r.status === 'within-window') &&
        r.places.some((p) => p.exposure === 'ci'),
    );
  };
  const row = (r: EolRow): boolean => {
    if (r.role === 'floor' || r.product === null) return false;
    if (r.status !== 'past-eol' && r.status !== 'within-window') return false;
    return cycle((byProduct.get(keyOf(r)) ?? []).filter((x) => x.cycle === r.cycle));
  };
  return { cycle, row };
}
