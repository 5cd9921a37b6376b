// PyPI: PEP 440 (epochs, pre, post, dev and local versions) with exact numbers, and the versions PEP
// 440 cannot read (`0.1-bulbasaur`) ordered as pip did before it, all of them below every PEP 440
// version, as osv.dev orders them. Any non-blank text is therefore a PyPI version.
import { comparePep440, parsePep440 } from './pep440.ts';
import { compareLegacy, legacyKey } from './pypi-legacy.ts';
import type { VersionScheme } from './scheme.ts';

/** Whether the version follows PEP 440 (as opposed to a legacy version). */
export function isPep440(version: string): boolean {
  return parsePep440(version) !== null;
}

function comparePyPI(a: string, b: string): number {
  const x = parsePep440(a);
  const y = parsePep440(b);
  if (x && y) return comparePep440(x, y);
  if (x || y) return x ? 1 : -1;
  return compareLegacy(legacyKey(a), legacyKey(b));
}

export const pypiScheme: VersionScheme = {
  valid: (v) => v.trim() !== '',
  compare: comparePyPI,
};
