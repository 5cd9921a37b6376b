// Go module versions as golang.org/x/mod/semver orders them: semantic versions with a `v` prefix
// (`v1.2.3`, `v0.0.0-20191109021931-daa7c04131f5` pseudo-versions, `v2.0.0+incompatible`), the `v1`
// and `v1.2` shorthands, numbers of any length; build metadata such as `+incompatible` never changes
// the order. OSV writes Go versions without the `v`, so it is optional here.
import type { VersionScheme } from './scheme.ts';
import { compareSemVer, parseSemVer } from './semver-core.ts';

export const goScheme: VersionScheme = {
  valid: (v) => parseSemVer(v, true) !== null,
  compare: (a, b) => compareSemVer(parseSemVer(a, true)!, parseSemVer(b, true)!),
};

/** A pseudo-version names a commit, not a tag: `vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef`. */
export function isGoPseudoVersion(version: string): boolean {
  return /^v?\d+\.\d+\.\d+-(?:.*\.)?(?:0\.)?\d{14}-[0-9a-f]{12}(?:\+incompatible)?$/.test(version);
}
