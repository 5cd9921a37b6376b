// PEP 440 order with exact numbers. Parsing uses the PEP's own pattern as `@renovatebot/pep440`
// publishes it; the order is the sort key of pypa/packaging's Version (`_cmpkey`), with every number
// compared as digits rather than through Number(), which the library uses and which rounds numbers
// above 2^53.
import { VERSION_PATTERN } from '@renovatebot/pep440/lib/version.js';
import { canonicalDigits, compareDigits, compareText } from './numeric.ts';

const PATTERN = new RegExp(`^\\s*${VERSION_PATTERN}\\s*$`, 'i');

/** A labelled number: `a1`, `rc2`, `post3`, `dev4` (label normalised, digits without leading zeros). */
interface Labelled {
  label: string;
  num: string;
}

interface Pep440Version {
  epoch: string;
  /** Release numbers with trailing zeros removed, so `1.0` and `1` are the same. */
  release: string[];
  pre: Labelled | null;
  post: Labelled | null;
  dev: Labelled | null;
  /** Local version parts, lower case; numeric parts are digit strings. */
  local: string[] | null;
}

const LABELS = new Map([
  ['alpha', 'a'],
  ['beta', 'b'],
  ['c', 'rc'],
  ['pre', 'rc'],
  ['preview', 'rc'],
  ['rev', 'post'],
  ['r', 'post'],
]);

function labelled(label: string | undefined, num: string | undefined, implicit: string): Labelled | null {
  if (!label && !num) return null;
  const l = label ? label.toLowerCase() : implicit;
  return { label: LABELS.get(l) ?? l, num: canonicalDigits(num ?? '0') };
}

/** Parses a PEP 440 version, or null when the text is not one. */
export function parsePep440(version: string): Pep440Version | null {
  const g = PATTERN.exec(version)?.groups;
  if (!g) return null;
  const release = g.release!.split('.').map(canonicalDigits);
  while (release.length > 0 && release[release.length - 1] === '0') release.pop();
  return {
    epoch: canonicalDigits(g.epoch ?? '0'),
    release,
    pre: labelled(g.pre_l, g.pre_n, ''),
    post: labelled(g.post_l, g.post_n1 ?? g.post_n2, 'post'),
    dev: labelled(g.dev_l, g.dev_n, ''),
    local: g.local ? g.local.toLowerCase().split(/[-_.]/) : null,
  };
}

function compareRelease(a: string[], b: string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

/** Missing labelled parts sort as `missing` (-1 first, 1 last); present ones by label then number. */
function compareLabelled(a: Labelled | null, b: Labelled | null, missing: number): number {
  if (!a || !b) return a === b ? 0 : a ? -missing : missing;
  return compareText(a.label, b.label) || compareDigits(a.num, b.num);
}

/** packaging's pre key: a dev release without pre or post sorts before any pre-release. */
function preRank(v: Pep440Version): Labelled | null | 'dev-only' {
  return !v.pre && !v.post && v.dev ? 'dev-only' : v.pre;
}

function comparePre(a: Pep440Version, b: Pep440Version): number {
  const x = preRank(a);
  const y = preRank(b);
  if (x === 'dev-only' || y === 'dev-only') return x === y ? 0 : x === 'dev-only' ? -1 : 1;
  return compareLabelled(x, y, 1);
}

function compareLocalPart(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an !== bn) return an ? 1 : -1;
  return an ? compareDigits(a, b) : compareText(a, b);
}

function compareLocal(a: string[] | null, b: string[] | null): number {
  if (!a || !b) return a === b ? 0 : a ? 1 : -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareLocalPart(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

/** PEP 440 order of two parsed versions: -1, 0 or 1. */
export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    comparePre(a, b) ||
    compareLabelled(a.post, b.post, -1) ||
    compareLabelled(a.dev, b.dev, 1) ||
    compareLocal(a.local, b.local)
  );
}
