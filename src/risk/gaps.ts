// What the register could not see: a register with no vulnerability or end-of-life risk is clean only
// where those were checked. `cto risks` (and /api/v1/risks) say it before the list, in the words of
// `cto vulns` and `cto eol` (docs/risk.md#what-was-not-checked).
import { coverageNote, eolCoverage, eolCoverageNote } from '../findings/coverage.ts';
import { findEol } from '../findings/eol/find.ts';
import { vulnerabilityCoverage } from '../findings/vulnerabilities/find.ts';
import type { Store } from '../store/store.ts';

export async function registerGaps(
  store: Store,
  q: { repository?: string | undefined; today: string },
): Promise<string[]> {
  const repository = q.repository === undefined ? {} : { repository: q.repository };
  const vulns = coverageNote(await vulnerabilityCoverage(store, repository));
  // Whether a runtime is checked does not depend on the window.
  const eol = await findEol(store, { ...repository, today: q.today, windowMonths: 6 });
  const ends = eolCoverageNote(eolCoverage(eol.rows, eol.productsLoaded));
  return [vulns, ends].filter((line): line is string => line !== null);
}
