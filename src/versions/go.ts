// Go module versions: semantic versions with a `v` prefix (`v1.2.3`, `v0.0.0-20191109021931-daa7c04131f5`
// pseudo-versions, `v2.0.0+incompatible`). Go accepts the `v1` and `v1.2` shorthands; build metadata
// such as `+incompatible` never changes the order. OSV writes Go versions without the `v`.
import semver from 'semver';
import type { VersionScheme } from './scheme.ts';

function toSemver(version: string): semver.SemVer | null {
  let v = version.trim();
  if (v.startsWith('v')) v = v.slice(1);
  if (/^\d+$/.test(v)) v = `${v}.0.0`;
  else if (/^\d+\.\d+$/.test(v)) v = `${v}.0`;
  return semver.parse(v);
}

export const goScheme: VersionScheme = {
  valid: (v) => toSemver(v) !== null,
  compare: (a, b) => toSemver(a)!.compare(toSemver(b)!),
};

/** A pseudo-version names a commit, not a tag: `vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef`. */
export function isGoPseudoVersion(version: string): boolean {
  return /^v?\d+\.\d+\.\d+-(?:.*\.)?(?:0\.)?\d{14}-[0-9a-f]{12}(?:\+incompatible)?$/.test(version);
}
