// npm and crates.io: Semantic Versioning 2.0 through the `semver` package (strict parsing; npm's
// leading `v` and `=` are accepted as npm does). Build metadata never changes the order.
import semver from 'semver';
import type { VersionScheme } from './scheme.ts';

export const semverScheme: VersionScheme = {
  valid: (v) => semver.valid(v) !== null,
  compare: (a, b) => semver.compare(a, b),
};
