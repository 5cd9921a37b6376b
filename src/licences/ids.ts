// The SPDX licence list (spdx-license-ids), for telling a licence id from an expression.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let ids: Set<string> | undefined;

export function licenceIdSet(): Set<string> {
  ids ??= new Set<string>(require('spdx-license-ids') as string[]);
  return ids;
}
