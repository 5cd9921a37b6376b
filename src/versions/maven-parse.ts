// Maven's ComparableVersion ordering (maven-artifact, Maven 3.9/4): a version is a tree of items
// (numbers, qualifiers, letter+digit combinations, and sub-lists opened by `-` or by a switch
// between digits and letters). Trailing "null" items (0, "", empty lists) are dropped, then
// the trees are compared item by item, padding the shorter side with nothing.

export type NumItem = { kind: 'num'; value: bigint };
export type StrItem = { kind: 'str'; value: string };
export type CombItem = { kind: 'comb'; str: StrItem; digits: NumItem };
export type ListItem = { kind: 'list'; items: Item[] };
export type Item = NumItem | StrItem | CombItem | ListItem;

const isAsciiDigit = (c: string): boolean => c >= '0' && c <= '9';
const isUnicodeDigit = (c: string): boolean => /^\p{Nd}$/u.test(c);

function strItem(raw: string, followedByDigit: boolean): StrItem {
  let value = raw;
  if (followedByDigit && value.length === 1) {
    value = ({ a: 'alpha', b: 'beta', m: 'milestone' } as Record<string, string>)[value] ?? value;
  }
  return { kind: 'str', value: value === 'cr' ? 'rc' : value };
}

function numItem(buf: string): NumItem {
  return { kind: 'num', value: buf === '' ? 0n : BigInt(buf) };
}

function combItem(buf: string): CombItem {
  let index = 0;
  for (let i = 0; i < buf.length; i++) {
    if (isUnicodeDigit(buf[i]!)) {
      index = i;
      break;
    }
  }
  return { kind: 'comb', str: strItem(buf.slice(0, index), true), digits: numItem(buf.slice(index)) };
}

function parseItem(isCombination: boolean, isDigit: boolean, buf: string): Item {
  if (isCombination) return combItem(buf.replaceAll('-', ''));
  if (isDigit) return numItem(buf);
  return strItem(buf, false);
}

function isNull(item: Item): boolean {
  if (item.kind === 'num') return item.value === 0n;
  if (item.kind === 'str') return item.value === '';
  if (item.kind === 'list') return item.items.length === 0;
  return false;
}

function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    if (!isNull(items[i]!)) continue;
    const next = items[i + 1];
    if (i === items.length - 1 || next?.kind === 'str') {
      items.splice(i, 1);
    } else if (next?.kind === 'list') {
      const first = next.items[0];
      if (first?.kind === 'comb' || first?.kind === 'str') items.splice(i, 1);
    }
  }
}

/** Parses a version into Maven's item tree (lower-cased first, as Maven does). */
export function parseMavenVersion(version: string): ListItem {
  const v = version.toLowerCase();
  const root: ListItem = { kind: 'list', items: [] };
  const stack: ListItem[] = [root];
  let list = root;
  const openList = (): void => {
    const next: ListItem = { kind: 'list', items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  let isDigit = false;
  let isCombination = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    let c = v[i]!;
    const code = v.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < v.length) {
      c = String.fromCodePoint(v.codePointAt(i)!);
      i++;
    }
    if (c === '.') {
      list.items.push(i === start ? numItem('0') : parseItem(isCombination, isDigit, v.slice(start, i)));
      isCombination = false;
      start = i + 1;
    } else if (c === '-') {
      if (i === start) {
        list.items.push(numItem('0'));
      } else {
        // X-1 is treated as X1
        if (!isDigit && i !== v.length - 1 && isUnicodeDigit(v[i + 1]!)) {
          isCombination = true;
          continue;
        }
        list.items.push(parseItem(isCombination, isDigit, v.slice(start, i)));
      }
      start = i + 1;
      if (list.items.length > 0) openList();
      isCombination = false;
    } else if (isAsciiDigit(c)) {
      if (!isDigit && i > start) {
        isCombination = true;
        if (list.items.length > 0) openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(isCombination, true, v.slice(start, i)));
        start = i;
        openList();
        isCombination = false;
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X
    if (!isDigit && list.items.length > 0) openList();
    list.items.push(parseItem(isCombination, isDigit, v.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop()!);
  return root;
}
