// RubyGems' Gem::Version: `-` becomes `.pre.`, segments are runs of digits or letters, a version with a
// letter is a prerelease, trailing zeros are dropped from the numeric and the string parts, and a
// string segment sorts below a number.
import type { VersionScheme } from './scheme.ts';

const PATTERN = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*$/;

type Segment = number | string;

function canonicalSegments(version: string): Segment[] {
  const v = version.trim().replaceAll('-', '.pre.');
  const segments: Segment[] = (v.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d/.test(s) ? Number(s) : s));
  const firstString = segments.findIndex((s) => typeof s === 'string');
  const cut = firstString === -1 ? segments.length : firstString;
  const dropZeros = (part: Segment[]): Segment[] => {
    let end = part.length;
    while (end > 0 && part[end - 1] === 0) end--;
    return part.slice(0, end);
  };
  return [...dropZeros(segments.slice(0, cut)), ...dropZeros(segments.slice(cut))];
}

function compareRubyGems(a: string, b: string): number {
  const l = canonicalSegments(a);
  const r = canonicalSegments(b);
  const limit = Math.max(l.length, r.length);
  for (let i = 0; i < limit; i++) {
    const x = l[i] ?? 0;
    const y = r[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'string' && typeof y === 'number') return -1;
    if (typeof x === 'number' && typeof y === 'string') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Gem::Version#prerelease?: any letter in the version. */
export function isRubyGemsPrerelease(version: string): boolean {
  return /[a-zA-Z]/.test(version);
}

export const rubygemsScheme: VersionScheme = {
  valid: (v) => v.trim() !== '' && PATTERN.test(v),
  compare: compareRubyGems,
};
