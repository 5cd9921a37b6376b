// Release tags: which tag names are versions, and how versions compare.
import { CtoError } from '../../errors.ts';

export interface ParsedVersion {
  /** The text matched by the pattern's `version` group, e.g. `2.43.0-rc1`. */
  version: string;
  /** The leading numbers: `2.43.0` -> [2, 43, 0]. */
  numbers: number[];
  /** True when anything other than build metadata (`+...`) follows the numbers. */
  prerelease: boolean;
}

/**
 * The default: an optional `v`, two to four dot-separated numbers, then an optional suffix
 * (`-rc.1`, `rc1`, `.beta`, `+build`). `v2.43.0`, `4.18.2`, `2.0.0rc1`, `v1.5.0.1` are versions;
 * `create-vite@5.0.0`, `gitgui-0.10` and `latest` are not.
 */
export const DEFAULT_TAG_PATTERN =
  '^v?(?<version>\\d+(?:\\.\\d+){1,3}(?:[-+.]?[0-9A-Za-z][0-9A-Za-z.+-]*)?)$';

const CORE = /^(\d+(?:\.\d+){0,3})(.*)$/;

export function tagMatcher(pattern: string = DEFAULT_TAG_PATTERN): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (e) {
    throw new CtoError(
      'CONFIG_INVALID',
      `delivery.tagPattern is not a regular expression: ${(e as Error).message}`,
    );
  }
  if (!pattern.includes('(?<version>'))
    throw new CtoError(
      'CONFIG_INVALID',
      'delivery.tagPattern needs a named group `version`, as in ^v(?<version>.+)$',
    );
  return re;
}

/** The version a tag names, or null when the tag is not a version under `matcher`. */
export function parseTag(name: string, matcher: RegExp): ParsedVersion | null {
  const version = matcher.exec(name)?.groups?.version;
  if (!version) return null;
  const core = CORE.exec(version);
  if (!core) return null;
  const numbers = (core[1] as string).split('.').map(Number);
  const suffix = core[2] as string;
  return { version, numbers, prerelease: suffix !== '' && !suffix.startsWith('+') };
}

/** Orders by the numbers, then a pre-release before its release. */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  for (let i = 0; i < Math.max(a.numbers.length, b.numbers.length); i++) {
    const d = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  if (a.prerelease !== b.prerelease) return a.prerelease ? -1 : 1;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}

/** True when `later` is a patch of `earlier`: same first two numbers, greater after them. */
export function isPatchOf(later: ParsedVersion, earlier: ParsedVersion): boolean {
  if ((later.numbers[0] ?? 0) !== (earlier.numbers[0] ?? 0)) return false;
  if ((later.numbers[1] ?? 0) !== (earlier.numbers[1] ?? 0)) return false;
  return compareVersions(later, earlier) > 0;
}
