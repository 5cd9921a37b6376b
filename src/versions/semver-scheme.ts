// npm and crates.io: Semantic Versioning 2.0 as the `semver` package reads it in strict mode (a
// leading `v` and surrounding white space accepted), with numbers of any length compared exactly.
// Build metadata never changes the order.
import type { VersionScheme } from './scheme.ts';
import { compareSemVer, parseSemVer } from './semver-core.ts';

export const semverScheme: VersionScheme = {
  valid: (v) => parseSemVer(v) !== null,
  compare: (a, b) => compareSemVer(parseSemVer(a)!, parseSemVer(b)!),
};
