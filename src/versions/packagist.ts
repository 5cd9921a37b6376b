// Packagist: the order Composer gives versions. A version is normalised as Composer's VersionParser
// does, then normalised versions are ordered by PHP's version_compare, as Composer's constraints do.
// Named branches (`dev-main`) sort below every numbered version (version_compare puts `dev` lowest;
// Composer calls two branches equal only when they are the same branch, so they are ordered by name).
// A version Composer cannot read but that starts with a number (`4.3-2RC1`, as advisories contain) is
// compared by version_compare as written, without its `v` prefix, as osv.dev does.
import { normaliseComposer } from './composer-normalise.ts';
import { compareText } from './numeric.ts';
import { phpVersionCompare } from './php-version-compare.ts';
import type { VersionScheme } from './scheme.ts';

export { normaliseComposer } from './composer-normalise.ts';
export { phpVersionCompare } from './php-version-compare.ts';

// What version_compare reads as a version, and orders consistently both ways round: a number first,
// then letters, digits and separators, ending with a letter or digit (PHP orders `0_._` both below and
// above `0beta`).
const RAW = /^\d(?:[0-9A-Za-z._+-]*[0-9A-Za-z])?$/;

/** The text version_compare sees: Composer's normal form, or the version as written; null if neither. */
function packagistKey(version: string): string | null {
  const normalised = normaliseComposer(version);
  if (normalised !== null) return normalised;
  const raw = version.trim().replace(/^[vV](?=\d)/, '');
  return RAW.test(raw) ? raw : null;
}

const isBranch = (key: string): boolean => key.startsWith('dev-');

function comparePackagist(a: string, b: string): number {
  const x = packagistKey(a)!;
  const y = packagistKey(b)!;
  if (isBranch(x) || isBranch(y)) {
    if (isBranch(x) && isBranch(y)) return compareText(x, y);
    return isBranch(x) ? -1 : 1;
  }
  return phpVersionCompare(x, y);
}

export const packagistScheme: VersionScheme = {
  valid: (v) => packagistKey(v) !== null,
  compare: comparePackagist,
};
