// OSV range evaluation as the schema specifies it: events sorted by version (introduced "0" first),
// a version is affected from an `introduced` up to a `fixed` (exclusive) or `last_affected`
// (inclusive); `limit` caps the range (exclusive); the `versions` list matches exactly.
import { versionScheme } from '../../versions/index.ts';
import type { OsvEvent } from './record.ts';

type Compare = (a: string, b: string) => number;

/** The version comparator for an OSV ecosystem, or null when we have no rules for it. */
export function comparatorFor(ecosystem: string): Compare | null {
  const scheme = versionScheme(ecosystem);
  if (!scheme) return null;
  return (a, b) => scheme.compare(a, b);
}

export function validatorFor(ecosystem: string): ((v: string) => boolean) | null {
  const scheme = versionScheme(ecosystem);
  return scheme ? (v) => scheme.valid(v) : null;
}

const isZero = (e: OsvEvent): boolean => e.kind === 'introduced' && e.version === '0';
const isStar = (e: OsvEvent): boolean => e.kind === 'limit' && e.version === '*';

/**
 * Sorts a range's events by version; returns null when an event version cannot be read, so the range
 * is not evaluated rather than evaluated wrongly.
 */
export function sortEvents(
  events: OsvEvent[],
  valid: (v: string) => boolean,
  cmp: Compare,
): OsvEvent[] | null {
  for (const e of events) if (!isZero(e) && !isStar(e) && !valid(e.version)) return null;
  return [...events].sort((a, b) => {
    if (isZero(a) || isStar(b)) return isZero(b) || isStar(a) ? 0 : -1;
    if (isZero(b) || isStar(a)) return 1;
    return cmp(a.version, b.version);
  });
}

/** Whether `version` (already valid) falls in a range whose events are sorted. */
export function inSortedRange(version: string, sorted: OsvEvent[], cmp: Compare): boolean {
  for (const e of sorted) {
    if (e.kind === 'limit' && !isStar(e) && cmp(version, e.version) >= 0) return false;
  }
  let affected = false;
  for (const e of sorted) {
    if (e.kind === 'introduced') {
      if (isZero(e) || cmp(version, e.version) >= 0) affected = true;
    } else if (e.kind === 'fixed') {
      if (cmp(version, e.version) >= 0) affected = false;
    } else if (e.kind === 'last_affected') {
      if (cmp(version, e.version) > 0) affected = false;
    }
  }
  return affected;
}
