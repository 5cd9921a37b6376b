// `cto eol` shows one row per product cycle and repository: a manifest range and its locked version,
// or several files pinning the same cycle, are one item with every version and place listed.
import { mostExposed } from '../../risk/exposure-of.ts';
import type { EolRow } from './find.ts';

export interface EolItem extends Omit<EolRow, 'version'> {
  /** Every version or requirement stated for the cycle, in the order found. */
  versions: string[];
}

/** A floor is not the runtime in use: it stays its own item, apart from a pin of its cycle. */
const itemKey = (r: EolRow): string =>
  r.product && r.cycle && r.role !== 'floor'
    ? [r.repository, r.product, r.cycle].join('\u0000')
    : [r.repository, r.kind, r.subject, r.version ?? '', r.role ?? ''].join('\u0000');

export function groupEolRows(rows: readonly EolRow[]): EolItem[] {
  const items = new Map<string, EolItem>();
  for (const { version, ...row } of rows) {
    const k = itemKey({ ...row, version });
    const seen = items.get(k);
    if (!seen) {
      items.set(k, {
        ...row,
        paths: [...row.paths],
        places: row.places.map((p) => ({ ...p })),
        versions: version === null ? [] : [version],
      });
      continue;
    }
    if (version !== null && !seen.versions.includes(version)) seen.versions.push(version);
    for (const place of row.places) {
      if (seen.places.some((p) => p.path === place.path)) continue;
      seen.places.push({ ...place });
      seen.paths.push(place.path);
    }
    seen.exposure = mostExposed([seen.exposure, row.exposure]);
  }
  return [...items.values()];
}
