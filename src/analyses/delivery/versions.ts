// Release tags: which tag names are versions, and how versions compare.

import { CtoError } from '../../errors.ts';
import { compareDigits, compareText } from '../../versions/numeric.ts';

export interface ParsedVersion {
  /** The text matched by the pattern's `version` group, e.g. `2.43.0-rc1`. */
  version: string;
  /** The leading numbers: `2.43.0` -> [2, 43, 0] (for patch rules; order uses `digits`). */
  numbers: number[];
  /** The leading numbers as written, compared exactly at any length: `2.43.0` -> ['2', '43', '0']. */
  digits: string[];
  /** What follows the numbers, build metadata (`+...`) left out: `-rc.10` of `2.43.0-rc.10`. */
  suffix: string;
  /** True when anything other than build metadata (`+...`) follows the numbers. */
  prerelease: boolean;
  /** The pattern's `package` group (`@scope/pkg` of `@scope/pkg@1.2.3`); null for the repository's own series. */
  package: string | null;
}

/** The version text of the defaults: two to four numbers, then an optional suffix. */
const VERSION = '(?<version>\\d+(?:\\.\\d+){1,3}(?:[-+.]?[0-9A-Za-z][0-9A-Za-z.+-]*)?)';

/**
 * The default: an optional `v`, two to four dot-separated numbers, then an optional suffix
 * (`-rc.1`, `rc1`, `.beta`, `+build`). `v2.43.0`, `4.18.2`, `2.0.0rc1`, `v1.5.0.1` are versions;
 * `create-vite@5.0.0` (a package's), `gitgui-0.10` and `latest` are not under this one pattern.
 */
const DEFAULT_TAG_PATTERN = `^v?${VERSION}$`;

/** `@scope/pkg@1.2.3`, `pkg@v1.2.3`: a package's release in a monorepo (changesets, lerna). */
const PACKAGE_TAG_PATTERN = `^(?<package>(?:@[A-Za-z0-9][\\w.-]*/)?[A-Za-z0-9][\\w.-]*)@v?${VERSION}$`;

/** Tag names to versions: the first pattern that matches a tag decides. */
export type TagMatcher = readonly RegExp[];

const CORE = /^(\d+(?:\.\d+){0,3})(.*)$/;

function compile(pattern: string, flags = ''): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
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

/** `jedis-2.9.0` in the repository `jedis`: the repository name (its last folder, any case), `-`, a version. */
function repositoryTagPattern(repositoryName: string): string | null {
  const name = repositoryName.split('/').at(-1) ?? '';
  if (name === '') return null;
  const literal = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `^${literal}-v?${VERSION}$`;
}

/**
 * A configured pattern alone, or the defaults: plain versions, `<repository name>-<version>` and
 * `<package>@<version>`.
 */
export function tagMatcher(pattern?: string, repositoryName = ''): TagMatcher {
  if (pattern !== undefined) return [compile(pattern)];
  const named = repositoryTagPattern(repositoryName);
  return [
    compile(DEFAULT_TAG_PATTERN),
    ...(named ? [compile(named, 'i')] : []),
    compile(PACKAGE_TAG_PATTERN),
  ];
}

/** The version a tag names, or null when the tag is not a version under `matcher`. */
export function parseTag(name: string, matcher: TagMatcher): ParsedVersion | null {
  for (const re of matcher) {
    const groups = re.exec(name)?.groups;
    if (!groups?.version) continue;
    const core = CORE.exec(groups.version);
    if (!core) continue;
    const digits = (core[1] as string).split('.');
    const rest = core[2] as string;
    const suffix = rest.split('+')[0] ?? '';
    const prerelease = suffix !== '';
    return {
      version: groups.version,
      numbers: digits.map(Number),
      digits,
      suffix,
      prerelease,
      package: groups.package ?? null,
    };
  }
  return null;
}

/**
 * Orders by the numbers (exactly, at any length), then a pre-release before its release, then
 * pre-releases by their suffix read as runs of digits and of other text (`rc2` < `rc10`, as SemVer
 * orders numeric identifiers), then by the text.
 */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  for (let i = 0; i < Math.max(a.digits.length, b.digits.length); i++) {
    const d = compareDigits(a.digits[i] ?? '0', b.digits[i] ?? '0');
    if (d !== 0) return d;
  }
  if (a.prerelease !== b.prerelease) return a.prerelease ? -1 : 1;
  const s = compareRuns(a.suffix, b.suffix);
  return s !== 0 ? s : compareText(a.version, b.version);
}

/** Runs of digits compare as numbers and come before runs of other text, which compare as text. */
function compareRuns(a: string, b: string): number {
  const x = a.match(/\d+|[^\d.\-_]+/g) ?? [];
  const y = b.match(/\d+|[^\d.\-_]+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    const pn = /^\d/.test(p);
    const qn = /^\d/.test(q);
    const d = pn && qn ? compareDigits(p, q) : pn !== qn ? (pn ? -1 : 1) : compareText(p, q);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** True when `later` is a patch of `earlier`: same package, same first two numbers, greater after them. */
export function isPatchOf(later: ParsedVersion, earlier: ParsedVersion): boolean {
  if (later.package !== earlier.package) return false;
  if ((later.numbers[0] ?? 0) !== (earlier.numbers[0] ?? 0)) return false;
  if ((later.numbers[1] ?? 0) !== (earlier.numbers[1] ?? 0)) return false;
  return compareVersions(later, earlier) > 0;
}
