// Semantic Versioning 2.0 with exact numbers: the grammar of semver.org (the same as the `semver`
// package's strict mode and Go's golang.org/x/mod/semver), without the `semver` package's limit of
// 2^53 on major, minor and patch and its Number() conversion of numeric prerelease identifiers.
// Build metadata never changes the order.
import { compareDigits, compareText } from './numeric.ts';

interface SemVerParts {
  major: string;
  minor: string;
  patch: string;
  /** Prerelease identifiers; empty for a release. */
  prerelease: string[];
}

const NUM = '0|[1-9]\\d*';
const PRE_ID = `\\d*[a-zA-Z-][a-zA-Z0-9-]*|${NUM}`;
const BUILD_ID = '[0-9A-Za-z-]+';
const PRE = `(?:-((?:${PRE_ID})(?:\\.(?:${PRE_ID}))*))?`;
const BUILD = `(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?`;
const FULL = new RegExp(`^v?(${NUM})\\.(${NUM})\\.(${NUM})${PRE}${BUILD}$`);
const SHORT = new RegExp(`^v?(${NUM})(?:\\.(${NUM}))?$`);

/** Reads `[v]MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`; with `shorthand`, also Go's `v1` and `v1.2`. */
export function parseSemVer(version: string, shorthand = false): SemVerParts | null {
  const v = version.trim();
  const m = FULL.exec(v);
  if (m) return { major: m[1]!, minor: m[2]!, patch: m[3]!, prerelease: m[4] ? m[4].split('.') : [] };
  const s = shorthand ? SHORT.exec(v) : null;
  return s ? { major: s[1]!, minor: s[2] ?? '0', patch: '0', prerelease: [] } : null;
}

const isNumeric = (id: string): boolean => /^\d+$/.test(id);

function compareIdentifier(a: string, b: string): number {
  const an = isNumeric(a);
  const bn = isNumeric(b);
  if (an && bn) return compareDigits(a, b);
  if (an !== bn) return an ? -1 : 1;
  return compareText(a, b);
}

function comparePrerelease(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifier(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** SemVer 2.0 precedence: -1, 0 or 1. */
export function compareSemVer(a: SemVerParts, b: SemVerParts): number {
  return (
    compareDigits(a.major, b.major) ||
    compareDigits(a.minor, b.minor) ||
    compareDigits(a.patch, b.patch) ||
    comparePrerelease(a.prerelease, b.prerelease)
  );
}
