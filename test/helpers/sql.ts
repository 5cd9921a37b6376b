// Run read-only SQL through a store and keep only how it ended: 'ok' or the error's code.
import { isCtoError } from '../../src/errors.ts';
import type { QueryLimits, Store } from '../../src/store/store.ts';

export async function codeOf(store: Store, text: string, limits?: Partial<QueryLimits>): Promise<string> {
  try {
    await store.readOnlyQuery(text, limits);
    return 'ok';
  } catch (e) {
    return isCtoError(e) ? e.code : `not a CtoError: ${String(e)}`;
  }
}
