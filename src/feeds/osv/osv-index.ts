// An in-memory index of OSV records by (ecosystem, normalised package name), with each range's
// events sorted once. Withdrawn records are left out.
import { aliasGroups } from './groups.ts';
import { baseEcosystem, normalisePackageName } from './names.ts';
import { comparatorFor, sortEvents, validatorFor } from './range.ts';
import type { OsvAffected, OsvEvent, OsvRecord } from './record.ts';

export interface IndexedAffected {
  record: OsvRecord;
  affected: OsvAffected;
  /** Each readable range's events, sorted by version. */
  sortedRanges: OsvEvent[][];
  /** Ranges left out because an event version cannot be read by the ecosystem's rules. */
  unreadableRanges: number;
}

export interface OsvIndex {
  byPackage: Map<string, IndexedAffected[]>;
  /** Record id -> alias group key. */
  groupOf: Map<string, string>;
  withdrawnSkipped: number;
}

export function packageKey(ecosystem: string, name: string): string {
  const base = baseEcosystem(ecosystem);
  return `${base}\u0000${normalisePackageName(base, name)}`;
}

function indexAffected(record: OsvRecord, affected: OsvAffected): IndexedAffected {
  const cmp = comparatorFor(affected.ecosystem);
  const valid = validatorFor(affected.ecosystem);
  const sortedRanges: OsvEvent[][] = [];
  let unreadableRanges = 0;
  for (const range of affected.ranges) {
    const sorted = cmp && valid ? sortEvents(range.events, valid, cmp) : null;
    if (sorted) sortedRanges.push(sorted);
    else unreadableRanges++;
  }
  return { record, affected, sortedRanges, unreadableRanges };
}

export function buildOsvIndex(records: OsvRecord[]): OsvIndex {
  const live = records.filter((r) => r.withdrawn === null);
  const byPackage = new Map<string, IndexedAffected[]>();
  for (const record of live) {
    for (const affected of record.affected) {
      const key = packageKey(affected.ecosystem, affected.name);
      let list = byPackage.get(key);
      if (!list) {
        list = [];
        byPackage.set(key, list);
      }
      list.push(indexAffected(record, affected));
    }
  }
  return { byPackage, groupOf: aliasGroups(live), withdrawnSkipped: records.length - live.length };
}
