// Maven's ComparableVersion as released in Maven 3.9 (maven-artifact 3.9.16), the version order `mvn`
// uses: compare two versions, and the canonical form. Numbers of any length compare by value (Maven
// splits them into int, long and BigInteger items by length, which gives the same order).

import {
  comparableQualifier,
  type Item,
  type ListItem,
  parseMavenVersion,
  RELEASE_INDEX,
} from './maven-parse.ts';
import { compareDigits, compareText } from './numeric.ts';

function compareQualifiers(a: string, b: string): number {
  return compareText(comparableQualifier(a), comparableQualifier(b));
}

function compareList(a: ListItem, b: Item | null): number {
  if (b === null) {
    for (const item of a.items) {
      const r = compareItems(item, null);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (b.kind === 'num') return -1; // 1-1 < 1.0.x
  if (b.kind === 'str') return 1; // 1-1 > 1-sp
  const n = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < n; i++) {
    const l = a.items[i] ?? null;
    const r = b.items[i] ?? null;
    const result = l === null ? (r === null ? 0 : -compareItems(r, l)) : compareItems(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

function compareItems(a: Item, b: Item | null): number {
  switch (a.kind) {
    case 'num':
      if (b === null) return a.digits === '0' ? 0 : 1; // 1.0 == 1, 1.1 > 1
      return b.kind === 'num' ? compareDigits(a.digits, b.digits) : 1; // 1.1 > 1-sp, 1.1 > 1-1
    case 'str':
      if (b === null) return compareText(comparableQualifier(a.value), RELEASE_INDEX); // 1-rc < 1, 1-sp > 1
      return b.kind === 'str' ? compareQualifiers(a.value, b.value) : -1; // 1.any < 1.1, 1.any < 1-1
    case 'list':
      return compareList(a, b);
  }
}

function itemToString(item: Item): string {
  if (item.kind === 'num') return item.digits;
  if (item.kind === 'str') return item.value;
  let out = '';
  for (const child of item.items) {
    if (out !== '') out += child.kind === 'list' ? '-' : '.';
    out += itemToString(child);
  }
  return out;
}

/** Orders two Maven versions as Maven's ComparableVersion does: -1, 0 or 1. */
export function compareMaven(a: string, b: string): number {
  return Math.sign(compareItems(parseMavenVersion(a), parseMavenVersion(b))) || 0;
}

/** Maven's canonical form of a version (`1.0.0` -> `1`, `1a1` -> `1-alpha-1`). */
export function canonicalMaven(version: string): string {
  return itemToString(parseMavenVersion(version));
}
