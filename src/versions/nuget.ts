// NuGet versions (NuGet.Versioning): SemVer 2.0 with one to four numeric parts (`1.0.0.1`), leading
// zeros tolerated, prerelease labels compared case-insensitively, build metadata ignored.
import type { VersionScheme } from './scheme.ts';

const PATTERN = /^\s*v?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?\s*$/;

interface NuGetVersion {
  parts: bigint[];
  labels: string[];
}

function parse(version: string): NuGetVersion | null {
  const m = PATTERN.exec(version);
  if (!m) return null;
  const parts = m[1]!.split('.').map((p) => BigInt(p));
  while (parts.length < 4) parts.push(0n);
  return { parts, labels: m[2] ? m[2].split('.') : [] };
}

function compareLabel(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(BigInt(a) - BigInt(b)));
  if (an !== bn) return an ? -1 : 1;
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareNuGet(a: string, b: string): number {
  const x = parse(a)!;
  const y = parse(b)!;
  for (let i = 0; i < 4; i++) {
    if (x.parts[i]! !== y.parts[i]!) return x.parts[i]! < y.parts[i]! ? -1 : 1;
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
