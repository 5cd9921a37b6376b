// The most exposed of several exposures: what a problem takes from its occurrences. The exposure of
// each fact is decided as it is collected (src/collectors/exposure.ts) and stored with it.
import { EXPOSURES, type Exposure } from '../collectors/types.ts';

/** The most exposed of a list (`runtime` before `build` ... before `docs`); `docs` for an empty list. */
export function mostExposed(list: Iterable<Exposure>): Exposure {
  let best = EXPOSURES.length - 1;
  for (const e of list) best = Math.min(best, EXPOSURES.indexOf(e));
  return EXPOSURES[best]!;
}
