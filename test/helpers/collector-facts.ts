// What a collector's result holds, for the registry-wide tests that check it against what the
// collector declares it emits.
import type { CollectorResult } from '../../src/collectors/types.ts';

/** The kinds of fact a result holds at least one of: every non-empty list beside the diagnostics. */
export function emittedKinds(result: CollectorResult): string[] {
  return Object.entries(result)
    .filter(([key, list]) => key !== 'diagnostics' && Array.isArray(list) && list.length > 0)
    .map(([key]) => key);
}
