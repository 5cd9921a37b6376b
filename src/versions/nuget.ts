// NuGet versions (NuGet.Versioning): SemVer 2.0 with one to four numeric parts (`1.0.0.1`), leading
// zeros tolerated, prerelease labels compared case-insensitively, build metadata ignored. Numeric
// parts and labels of any length compare exactly (NuGet itself stops at 2^31).
import { compareDigits } from './numeric.ts';
import type { VersionScheme } from './scheme.ts';

const PATTERN = /^\s*v?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?\s*$/;

interface NuGetVersion {
  parts: string[];
  labels: string[];
}

function parse(version: string): NuGetVersion | null {
  const m = PATTERN.exec(version);
  if (!m) return null;
  const parts = m[1]!.split('.');
  while (parts.length < 4) parts.push('0');
  return { parts, labels: m[2] ? m[2].split('.') : [] };
}

function compareLabel(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return compareDigits(a, b);
  if (an !== bn) return an ? -1 : 1;
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareNuGet(a: string, b: string): number {
  const x = parse(a)!;
  const y = parse(b)!;
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(x.parts[i]!, y.parts[i]!);
    if (c !== 0) return c;
  }
  if (x.labels.length === 0 || y.labels.length === 0) {
    return x.labels.length === y.labels.length ? 0 : x.labels.length === 0 ? 1 : -1;
  }
  const n = Math.max(x.labels.length, y.labels.length);
  for (let i = 0; i < n; i++) {
    const l = x.labels[i];
    const r = y.labels[i];
    if (l === undefined || r === undefined) return l === undefined ? -1 : 1;
    const c = compareLabel(l, r);
    if (c !== 0) return c;
  }
  return 0;
}

export const nugetScheme: VersionScheme = {
  valid: (v) => parse(v) !== null,
  compare: compareNuGet,
};
