// Whether a declared runtime floor admits a release, read by the rules of the tool that reads the
// declaration (docs/metrics/supply-chain.md, "Floors and pins"):
// - node (`engines.node`): npm's ranges, with the `semver` package npm uses (`>=18`, `^20 || ^22`, `16`
//   is 16.x only);
// - python (`requires-python`): PEP 440 specifiers with `@renovatebot/pep440`; Poetry's own constraints
//   (`^3.9`) are not PEP 440 and are read as the npm ranges they mirror;
// - rust (`rust-version`), go (the `go` line), java (compiler release, source or target): a bare
//   version that is the minimum;
// - php (Composer) and terraform (`required_version`): read as npm ranges only when they hold no `~`
//   (their `~` and `~>` mean something else) and no comma; otherwise not read.
// Other kinds, and text none of these reads, give null: not judged.
import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import { MAX_VERSION_LENGTH } from './index.ts';

type FloorTest = (release: string) => boolean;

/** A full semver version for a release as endoflife.date writes it (`18`, `3.12.4`, `25.0.4.1+1`). */
const asSemver = (release: string): string | null => semver.coerce(release)?.version ?? null;

function npmRange(range: string): FloorTest | null {
  const valid = semver.validRange(range);
  if (valid === null) return null;
  return (release) => {
    const v = asSemver(release);
    return v !== null && semver.satisfies(v, valid);
  };
}

function pep440Range(range: string): FloorTest | null {
  if (!pep440.validRange(range)) return null;
  return (release) => pep440.valid(release) !== null && pep440.satisfies(release, range);
}

function minimum(floor: string): FloorTest | null {
  const least = asSemver(floor);
  if (least === null || !/^\s*v?\d/.test(floor)) return null;
  return (release) => {
    const v = asSemver(release);
    return v !== null && semver.gte(v, least);
  };
}

/** The test of a floor as written for a runtime kind, or null when it cannot be read. */
export function floorTest(kind: string, floor: string): FloorTest | null {
  const text = floor.trim();
  if (text === '' || text.length > MAX_VERSION_LENGTH) return null;
  switch (kind) {
    case 'node':
      return npmRange(text);
    case 'python':
      return pep440Range(text) ?? npmRange(text.replaceAll(',', ' '));
    case 'rust':
    case 'go':
    case 'java':
      return minimum(text);
    case 'php':
    case 'terraform':
      return /[~,]/.test(text) ? null : npmRange(text);
    default:
      return null;
  }
}
