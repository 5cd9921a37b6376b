// Versions that are not PEP 440 (`0.1-bulbasaur`, `0.7.10p1`, `2013-01-21T20:33:09+0100`), ordered as
// pip and setuptools did before PEP 440 (packaging's LegacyVersion, kept by osv.dev through
// `packaging_legacy`): every such version sorts before every PEP 440 version, and among themselves by
// the setuptools key below. One deliberate difference: numbers compare by value at any length, where
// the old key padded them to 8 characters and so put 123456789 before 99999999.
import { canonicalDigits, compareDigits, compareText } from './numeric.ts';

/** A part of the legacy key: a number, or text that setuptools prefixed with `*`. */
interface Part {
  numeric: boolean;
  text: string;
}

const REPLACEMENTS = new Map([
  ['pre', 'c'],
  ['preview', 'c'],
  ['-', 'final-'],
  ['rc', 'c'],
  ['dev', '@'],
]);
const FINAL: Part = { numeric: false, text: 'final' };
const FINAL_DASH = 'final-';

/** `re.split(r"(\d+|[a-z]+|\.|-)", s)` without the empty strings: the matches and the text between. */
function tokens(version: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of version.matchAll(/\p{Nd}+|[a-z]+|\.|-/gu)) {
    if (m.index > last) out.push(version.slice(last, m.index));
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < version.length) out.push(version.slice(last));
  return out;
}

const isZero = (p: Part | undefined): boolean => p?.numeric === true && p.text === '0';

/** setuptools' `_legacy_cmpkey` parts (the epoch is always -1). */
export function legacyKey(version: string): Part[] {
  const parts: Part[] = [];
  const raw = tokens(version.toLowerCase()).map((t) => REPLACEMENTS.get(t) ?? t);
  for (const token of raw) {
    if (token === '.') continue;
    const part = /^[0-9]/.test(token)
      ? { numeric: true, text: canonicalDigits(token) }
      : { numeric: false, text: token };
    if (!part.numeric) {
      if (compareText(part.text, FINAL.text) < 0) {
        while (parts.at(-1)?.text === FINAL_DASH && !parts.at(-1)?.numeric) parts.pop();
      }
      while (isZero(parts.at(-1))) parts.pop();
    }
    parts.push(part);
  }
  while (isZero(parts.at(-1))) parts.pop();
  parts.push(FINAL);
  return parts;
}

function comparePart(a: Part, b: Part): number {
  if (a.numeric !== b.numeric) return a.numeric ? 1 : -1;
  return a.numeric ? compareDigits(a.text, b.text) : compareText(a.text, b.text);
}

/** Orders two legacy keys as Python orders the tuples: -1, 0 or 1. */
export function compareLegacy(a: Part[], b: Part[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = comparePart(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}
