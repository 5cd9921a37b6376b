// Public face of the Maven ComparableVersion port: compare two versions, and the canonical form.
import { type CombItem, type Item, type ListItem, parseMavenVersion, type StrItem } from './maven-parse.ts';

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_QUALIFIERS = ['ga', 'final', 'release'];
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

/** Java String.compareTo sign (UTF-16 code unit order, as JavaScript's `<`). */
const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function comparableQualifier(q: string): string {
  if (RELEASE_QUALIFIERS.includes(q)) return RELEASE_INDEX;
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function compareStr(a: StrItem, b: Item | null): number {
  if (b === null) return cmpStr(comparableQualifier(a.value), RELEASE_INDEX);
  if (b.kind === 'num' || b.kind === 'list') return -1;
  if (b.kind === 'str') return cmpStr(comparableQualifier(a.value), comparableQualifier(b.value));
  const r = compareStr(a, b.str);
  return r === 0 ? -1 : r;
}

function compareComb(a: CombItem, b: Item | null): number {
  if (b === null) return compareStr(a.str, null);
  if (b.kind === 'num' || b.kind === 'list') return -1;
  if (b.kind === 'str') {
    const r = compareStr(a.str, b);
    return r === 0 ? 1 : r;
  }
  const r = compareStr(a.str, b.str);
  return r === 0 ? compareItems(a.digits, b.digits) : r;
}

function compareList(a: ListItem, b: Item | null): number {
  if (b === null) {
    for (const item of a.items) {
      const r = compareItems(item, null);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (b.kind === 'num') return -1;
  if (b.kind === 'str' || b.kind === 'comb') return 1;
  const n = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < n; i++) {
    const l = a.items[i] ?? null;
    const r = b.items[i] ?? null;
    const result = l === null ? (r === null ? 0 : -1 * compareItems(r, l)) : compareItems(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

function compareItems(a: Item, b: Item | null): number {
  switch (a.kind) {
    case 'num':
      if (b === null) return a.value === 0n ? 0 : 1;
      if (b.kind === 'num') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return 1;
    case 'str':
      return compareStr(a, b);
    case 'comb':
      return compareComb(a, b);
    case 'list':
      return compareList(a, b);
  }
}

function itemToString(item: Item): string {
  if (item.kind === 'num') return item.value.toString();
  if (item.kind === 'str') return item.value;
  if (item.kind === 'comb') return item.str.value + item.digits.value.toString();
  let out = '';
  for (const child of item.items) {
    if (out !== '') out += child.kind === 'list' ? '-' : '.';
    out += itemToString(child);
  }
  return out;
}

/** Orders two Maven versions as Maven's ComparableVersion does: negative, zero or positive. */
export function compareMaven(a: string, b: string): number {
  return Math.sign(compareItems(parseMavenVersion(a), parseMavenVersion(b)));
}

/** Maven's canonical form of a version (`1.0.0` -> `1`, `1a1` -> `1-alpha-1`). */
export function canonicalMaven(version: string): string {
  return itemToString(parseMavenVersion(version));
}
