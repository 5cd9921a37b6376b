// PHP's version_compare() (ext/standard/versioning.c), which Composer uses to order normalised
// versions: the text is canonicalised (`-`, `_`, `+` and other symbols become `.`, a `.` goes between
// digits and letters), then compared part by part: numbers by value, words by their special form
// (dev < alpha = a < beta = b < RC = rc < # < pl = p, anything else below dev), a number against a
// word as `#`. One deliberate difference: numbers compare by value at any length, where PHP's strtol
// stops at 2^63-1.
import { compareDigits } from './numeric.ts';

const SPECIAL_FORMS: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);
const isNonDigit = (c: string): boolean => !isDigit(c) && c !== '.';

/** php_canonicalize_version: the first character is kept as it is, as PHP does. */
function canonicalPhp(version: string): string {
  if (version === '') return '';
  let out = version[0]!;
  let previous = version[0]!;
  const separate = (): void => {
    if (!out.endsWith('.')) out += '.';
  };
  for (const c of version.slice(1)) {
    if (c === '-' || c === '_' || c === '+') separate();
    else if ((isNonDigit(previous) && isDigit(c)) || (isDigit(previous) && isNonDigit(c))) {
      separate();
      out += c;
    } else if (!isAlnum(c)) separate();
    else out += c;
    previous = c;
  }
  return out;
}

function specialForm(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

function comparePart(x: string, y: string): number {
  if (isDigit(x[0]) && isDigit(y[0])) return compareDigits(/^\d+/.exec(x)![0], /^\d+/.exec(y)![0]);
  if (!isDigit(x[0]) && !isDigit(y[0])) return Math.sign(specialForm(x) - specialForm(y));
  return isDigit(x[0])
    ? Math.sign(specialForm('#') - specialForm(y))
    : Math.sign(specialForm(x) - specialForm('#'));
}

/** php_version_compare: -1, 0 or 1. */
export function phpVersionCompare(version1: string, version2: string): number {
  if (version1 === '' || version2 === '') return version1 === version2 ? 0 : version1 ? 1 : -1;
  const a = version1.startsWith('#') ? version1 : canonicalPhp(version1);
  const b = version2.startsWith('#') ? version2 : canonicalPhp(version2);
  let p1 = 0;
  let p2 = 0;
  let n1 = 0;
  let n2 = 0;
  let compare = 0;
  while (p1 < a.length && p2 < b.length && n1 !== -1 && n2 !== -1) {
    n1 = a.indexOf('.', p1);
    n2 = b.indexOf('.', p2);
    compare = comparePart(a.slice(p1, n1 === -1 ? a.length : n1), b.slice(p2, n2 === -1 ? b.length : n2));
    if (compare !== 0) break;
    if (n1 !== -1) p1 = n1 + 1;
    if (n2 !== -1) p2 = n2 + 1;
  }
  if (compare !== 0) return compare;
  if (n1 !== -1) return isDigit(a[p1]) ? 1 : phpVersionCompare(a.slice(p1), '#N#');
  if (n2 !== -1) return isDigit(b[p2]) ? -1 : phpVersionCompare('#N#', b.slice(p2));
  return 0;
}
