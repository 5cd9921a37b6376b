// Maven's ComparableVersion parser as released in Maven 3.9 (maven-artifact 3.9.16): a version is a
// tree of items (numbers, qualifiers, and sub-lists opened by `-` or by a switch between digits and
// letters); trailing "null" items (0, "", empty lists) of each list are dropped. Characters are read
// one UTF-16 unit at a time and any Unicode decimal digit is a digit, as in Java.

export type NumItem = { kind: 'num'; digits: string };
export type StrItem = { kind: 'str'; value: string };
export type ListItem = { kind: 'list'; items: Item[] };
export type Item = NumItem | StrItem | ListItem;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES = new Map([
  ['ga', ''],
  ['final', ''],
  ['release', ''],
  ['cr', 'rc'],
]);
const SHORT = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
  ['m', 'milestone'],
]);
export const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

const isDigitUnit = (c: string): boolean => /^\p{Nd}$/u.test(c);

/** The ASCII digits of a run of Unicode decimal digits (each Nd block holds 0 to 9 in order). */
function asciiDigits(run: string): string {
  let out = '';
  for (const c of run) {
    const code = c.codePointAt(0)!;
    let zero = code;
    while (isDigitUnit(String.fromCodePoint(zero - 1))) zero--;
    out += String((code - zero) % 10);
  }
  return out;
}

/** StringItem.comparableQualifier: known qualifiers by rank, others after them by name. */
export function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function strItem(raw: string, followedByDigit: boolean): StrItem {
  const value = followedByDigit && raw.length === 1 ? (SHORT.get(raw) ?? raw) : raw;
  return { kind: 'str', value: ALIASES.get(value) ?? value };
}

function numItem(run: string): NumItem {
  const digits = /^[0-9]*$/.test(run) ? run : asciiDigits(run);
  return { kind: 'num', digits: digits.replace(/^0+(?=.)/, '') || '0' };
}

const parseItem = (isDigit: boolean, buf: string): Item => (isDigit ? numItem(buf) : strItem(buf, false));

function isNull(item: Item): boolean {
  if (item.kind === 'num') return item.digits === '0';
  if (item.kind === 'str') return comparableQualifier(item.value) === RELEASE_INDEX;
  return item.items.length === 0;
}

/** ListItem.normalize (3.9): drop null items from the end, stepping over non-null sub-lists. */
function normalise(list: ListItem): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const item = list.items[i]!;
    if (isNull(item)) list.items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

class Parser {
  readonly root: ListItem = { kind: 'list', items: [] };
  private list = this.root;
  private readonly stack: ListItem[] = [this.root];

  add(item: Item): void {
    this.list.items.push(item);
  }

  open(): void {
    const next: ListItem = { kind: 'list', items: [] };
    this.list.items.push(next);
    this.list = next;
    this.stack.push(next);
  }

  openUnlessEmpty(): void {
    if (this.list.items.length > 0) this.open();
  }

  finish(): ListItem {
    while (this.stack.length > 0) normalise(this.stack.pop()!);
    return this.root;
  }
}

/** Parses a version into Maven's item tree (lower-cased first, as Maven does). */
export function parseMavenVersion(version: string): ListItem {
  const v = version.toLowerCase();
  const p = new Parser();
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '.' || c === '-') {
      p.add(i === start ? numItem('0') : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
      if (c === '-') p.open();
    } else if (isDigitUnit(c)) {
      if (!isDigit && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X
        p.openUnlessEmpty();
        p.add(strItem(v.slice(start, i), true));
        start = i;
        p.open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        p.add(parseItem(true, v.slice(start, i)));
        start = i;
        p.open();
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    if (!isDigit) p.openUnlessEmpty();
    p.add(parseItem(isDigit, v.slice(start)));
  }
  return p.finish();
}
