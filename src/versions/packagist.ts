// Packagist: Composer's VersionParser::normalize (`v` prefix dropped, four numeric parts, stability
// suffixes expanded: a->alpha, b->beta, p/pl->patch, rc->RC) then PHP's version_compare, which is how
// Composer\Semver\Comparator orders versions.
import type { VersionScheme } from './scheme.ts';

const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');

function expandStability(s: string): string {
  const l = s.toLowerCase();
  return l === 'a' ? 'alpha' : l === 'b' ? 'beta' : l === 'p' || l === 'pl' ? 'patch' : l === 'rc' ? 'RC' : l;
}

/** Composer's normalised form (`v1.2` -> `1.2.0.0`, `1.0-b2` -> `1.0.0.0-beta2`), or null. */
export function normalizeComposer(version: string): string | null {
  let v = version.trim().replace(/@(?:stable|RC|beta|alpha|dev)$/i, '');
  const build = /^([^,\s+]+)\+\S+$/.exec(v);
  if (build) v = build[1]!;
  let m = CLASSICAL.exec(v);
  let base: string;
  let index: number;
  if (m) {
    base = `${m[1]}${m[2] ?? '.0'}${m[3] ?? '.0'}${m[4] ?? '.0'}`;
    index = 5;
  } else {
    m = DATE.exec(v);
    if (!m) return null;
    base = m[1]!.replace(/\D/g, '.');
    index = 2;
  }
  const stability = m[index];
  if (stability) {
    if (stability.toLowerCase() === 'stable') return base;
    base += `-${expandStability(stability)}${(m[index + 1] ?? '').replace(/^[.-]+/, '')}`;
  }
  if (m[index + 2]) base += '-dev';
  return base;
}

const SPECIAL: [string, number][] = [
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

function specialRank(form: string): number {
  for (const [name, rank] of SPECIAL) if (form.startsWith(name)) return rank;
  return -6;
}

/** PHP's php_canonicalize_version: `.` between digit/non-digit switches, `-_+` and symbols become `.`. */
function canonicalPhp(version: string): string[] {
  const isDigit = (c: string): boolean => c >= '0' && c <= '9';
  const isNonDigit = (c: string): boolean => !isDigit(c) && c !== '.';
  let out = version[0] ?? '';
  for (let i = 1; i < version.length; i++) {
    const c = version[i]!;
    const prev = version[i - 1]!;
    if ('-_+'.includes(c) || !/[0-9A-Za-z]/.test(c)) {
      if (!out.endsWith('.')) out += '.';
    } else if ((isNonDigit(prev) && isDigit(c)) || (isDigit(prev) && isNonDigit(c))) {
      if (!out.endsWith('.')) out += '.';
      out += c;
    } else {
      out += c;
    }
  }
  return out.split('.').filter((p) => p !== '');
}

/** PHP's version_compare (no operator): -1, 0 or 1. */
export function phpVersionCompare(a: string, b: string): number {
  const l = canonicalPhp(a);
  const r = canonicalPhp(b);
  const n = Math.max(l.length, r.length);
  for (let i = 0; i < n; i++) {
    const x = l[i] ?? '#';
    const y = r[i] ?? '#';
    const xd = /^\d/.test(x) && l[i] !== undefined;
    const yd = /^\d/.test(y) && r[i] !== undefined;
    let c: number;
    if (xd && yd) c = Math.sign(Number(BigInt(x.match(/^\d+/)![0]) - BigInt(y.match(/^\d+/)![0])));
    else if (xd) c = l[i] !== undefined && r[i] === undefined ? 1 : Math.sign(4 - specialRank(y));
    else if (yd) c = r[i] !== undefined && l[i] === undefined ? -1 : Math.sign(specialRank(x) - 4);
    else c = Math.sign(specialRank(x) - specialRank(y));
    if (c !== 0) return c;
  }
  return 0;
}

export const packagistScheme: VersionScheme = {
  valid: (v) => normalizeComposer(v) !== null,
  compare: (a, b) => phpVersionCompare(normalizeComposer(a)!, normalizeComposer(b)!),
};
