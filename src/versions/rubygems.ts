// RubyGems' Gem::Version (rubygems/lib/rubygems/version.rb): `-` becomes `.pre.`, segments are runs of
// digits or of letters (`1beta` is 1, "beta"), a version with a letter is a prerelease, trailing zero
// segments and zeros before the first letter are dropped, a letter segment sorts below a number.
// Numbers of any length compare exactly. RubyGems itself wants the first segment to be digits only;
// osv.dev reads `1beta` too, and so do we.
import { canonicalDigits, compareDigits, compareText } from './numeric.ts';
import type { VersionScheme } from './scheme.ts';

const PATTERN = /^\s*[0-9][0-9a-zA-Z]*(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$/;

interface Segment {
  numeric: boolean;
  /** Digits without leading zeros, or letters. */
  text: string;
}

/** Gem::Version#canonical_segments. */
function canonicalSegments(version: string): Segment[] {
  let v = version.trim().replaceAll('-', '.pre.');
  const prerelease = /[a-zA-Z]/.test(v);
  v = v.replace(/(?<=[a-zA-Z.])[.0]+$/, '');
  if (prerelease) v = v.replace(/(?<=\.|^)[0.]+(?=[a-zA-Z])/, '');
  return (v.match(/\d+|[a-z]+/gi) ?? []).map((s) =>
    /^\d/.test(s) ? { numeric: true, text: canonicalDigits(s) } : { numeric: false, text: s },
  );
}

function compareSegment(l: Segment, r: Segment): number {
  if (l.numeric !== r.numeric) return l.numeric ? 1 : -1;
  return l.numeric ? compareDigits(l.text, r.text) : compareText(l.text, r.text);
}

/** What is left of the longer version decides: a letter makes it smaller, a non-zero number larger. */
function compareTail(tail: Segment[]): number {
  for (const s of tail) {
    if (!s.numeric) return -1;
    if (s.text !== '0') return 1;
  }
  return 0;
}

/** Gem::Version#<=>: -1, 0 or 1. */
function compareRubyGems(a: string, b: string): number {
  const l = canonicalSegments(a);
  const r = canonicalSegments(b);
  const limit = Math.min(l.length, r.length);
  for (let i = 0; i < limit; i++) {
    const c = compareSegment(l[i]!, r[i]!);
    if (c !== 0) return c;
  }
  return l.length > limit ? compareTail(l.slice(limit)) : 0 - compareTail(r.slice(limit)) || 0;
}

/** Gem::Version#prerelease?: a letter in the version once `-` reads as `.pre.`. */
export function isRubyGemsPrerelease(version: string): boolean {
  return /[a-zA-Z-]/.test(version.trim());
}

export const rubygemsScheme: VersionScheme = {
  valid: (v) => PATTERN.test(v),
  compare: compareRubyGems,
};
