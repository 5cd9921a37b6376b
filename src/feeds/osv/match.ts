// Which advisories affect one installed package version: one finding per vulnerability (records
// that alias each other are merged), with the smallest fix above the installed version.
import { versionScheme } from '../../versions/index.ts';
import { type IndexedAffected, type OsvIndex, packageKey } from './osv-index.ts';
import { inSortedRange } from './range.ts';
import type { OsvRecord } from './record.ts';
import { type SeverityResult, worstSeverity } from './severity.ts';

export interface OsvFinding {
  /** Alias group key (smallest id among the group's ids and aliases). */
  groupId: string;
  /** The matched record shown first: smallest matched record id. */
  id: string;
  /** All matched record ids of the group. */
  recordIds: string[];
  /** Every other id of the vulnerability (aliases of all matched records, minus recordIds). */
  aliases: string[];
  ecosystem: string;
  name: string;
  version: string;
  /** Smallest `fixed` event above the installed version across the matched ranges, or null. */
  fixedVersion: string | null;
  summary: string | null;
  severity: SeverityResult;
  /** The earliest publication date of the matched records (ISO), or null. */
  published: string | null;
}

/** Whether one affected entry covers `version` (ranges OR'ed, or exact `versions` entry). */
function affectsVersion(entry: IndexedAffected, version: string): boolean {
  const scheme = versionScheme(entry.affected.ecosystem);
  if (entry.affected.versions.includes(version)) return true;
  if (!scheme?.valid(version)) return false;
  const cmp = scheme.compare;
  if (entry.sortedRanges.some((events) => inSortedRange(version, events, cmp))) return true;
  return entry.affected.versions.some((v) => scheme.valid(v) && cmp(v, version) === 0);
}

function fixedAbove(entries: IndexedAffected[], version: string): string | null {
  let best: string | null = null;
  for (const entry of entries) {
    const scheme = versionScheme(entry.affected.ecosystem);
    if (!scheme?.valid(version)) continue;
    for (const events of entry.sortedRanges) {
      for (const e of events) {
        if (e.kind !== 'fixed' || scheme.compare(e.version, version) <= 0) continue;
        if (best === null || scheme.compare(e.version, best) < 0) best = e.version;
      }
    }
  }
  return best;
}

function toFinding(index: OsvIndex, entries: IndexedAffected[], version: string): OsvFinding {
  const records = [...new Map(entries.map((e) => [e.record.id, e.record])).values()];
  records.sort((a, b) => (a.id < b.id ? -1 : 1));
  const first = records[0]!;
  const recordIds = records.map((r) => r.id);
  const aliases = [...new Set(records.flatMap((r) => r.aliases))]
    .filter((a) => !recordIds.includes(a))
    .sort();
  return {
    groupId: index.groupOf.get(first.id) ?? first.id,
    id: first.id,
    recordIds,
    aliases,
    ecosystem: entries[0]!.affected.ecosystem,
    name: entries[0]!.affected.name,
    version,
    fixedVersion: fixedAbove(entries, version),
    summary: records.find((r: OsvRecord) => r.summary)?.summary ?? null,
    severity: worstSeverity(entries.map((e) => ({ record: e.record, affected: e.affected }))),
    published:
      records
        .map((r) => r.published)
        .filter((p): p is string => !!p)
        .sort()[0] ?? null,
  };
}

/** Advisories affecting `name@version` in `ecosystem`, one finding per vulnerability, sorted by id. */
export function matchPackage(
  index: OsvIndex,
  ecosystem: string,
  name: string,
  version: string,
): OsvFinding[] {
  const candidates = index.byPackage.get(packageKey(ecosystem, name));
  if (!candidates) return [];
  const byGroup = new Map<string, IndexedAffected[]>();
  for (const entry of candidates) {
    if (!affectsVersion(entry, version)) continue;
    const group = index.groupOf.get(entry.record.id) ?? entry.record.id;
    const list = byGroup.get(group) ?? [];
    list.push(entry);
    byGroup.set(group, list);
  }
  const findings = [...byGroup.values()].map((entries) => toFinding(index, entries, version));
  return findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
