// How well range evaluation agrees with the `versions` lists OSV publishes beside the ranges: every
// listed version should fall in the ranges, and versions of the same package listed by other
// advisories but not by this one should fall outside. Used by a test and the benchmark.
import { versionScheme } from '../../versions/index.ts';
import type { IndexedAffected, OsvIndex } from './osv-index.ts';
import { inSortedRange } from './range.ts';

interface Disagreement {
  id: string;
  package: string;
  version: string;
  expected: 'inside' | 'outside';
}

interface Agreement {
  checked: number;
  agreed: number;
  /** Listed versions left out because the ecosystem's rules cannot read them. */
  unreadable: number;
  disagreements: Disagreement[];
}

function knownVersions(entries: IndexedAffected[]): string[] {
  return [...new Set(entries.flatMap((e) => e.affected.versions))];
}

/** Compares range evaluation with each affected entry's `versions` list, for one ecosystem. */
export function rangeAgreement(index: OsvIndex, ecosystem: string, outsidePerEntry = 20): Agreement {
  const scheme = versionScheme(ecosystem);
  const out: Agreement = { checked: 0, agreed: 0, unreadable: 0, disagreements: [] };
  if (!scheme) return out;
  const check = (entry: IndexedAffected, version: string, expected: 'inside' | 'outside'): void => {
    if (!scheme.valid(version)) {
      out.unreadable++;
      return;
    }
    out.checked++;
    const inside = entry.sortedRanges.some((events) => inSortedRange(version, events, scheme.compare));
    if (inside === (expected === 'inside')) out.agreed++;
    else out.disagreements.push({ id: entry.record.id, package: entry.affected.name, version, expected });
  };
  for (const [key, entries] of index.byPackage) {
    if (!key.startsWith(`${ecosystem}\u0000`)) continue;
    const known = knownVersions(entries);
    for (const entry of entries) {
      if (entry.affected.versions.length === 0 || entry.affected.ranges.length === 0) continue;
      const listed = new Set(entry.affected.versions);
      for (const v of listed) check(entry, v, 'inside');
      const outside = known.filter((v) => !listed.has(v)).slice(0, outsidePerEntry);
      for (const v of outside) check(entry, v, 'outside');
    }
  }
  return out;
}
