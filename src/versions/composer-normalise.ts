// Composer's VersionParser::normalize (composer/semver): `v` prefix dropped, four numeric parts,
// date versions, stability suffixes expanded (a -> alpha, b -> beta, p/pl -> patch, rc -> RC, a
// `-stable` suffix dropped), `-dev` kept, build metadata, `@stability` flags and `as` aliases removed,
// numbered branches (`1.x-dev` -> `1.9999999.9999999.9999999-dev`), and named branches `dev-<name>`
// (`master`, `trunk` and `default` included).

// Composer's `((?:[.-]?\d+)*+)` is possessive; JavaScript has no possessive quantifier and the plain
// form backtracks exponentially on a long run of digits that fails to match, so it is written without
// the nested repetition (it matches the same texts).
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+(?:[.-]\\d+)*)?))?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

function expandStability(stability: string): string {
  const s = stability.toLowerCase();
  if (s === 'a') return 'alpha';
  if (s === 'b') return 'beta';
  if (s === 'p' || s === 'pl') return 'patch';
  return s === 'rc' ? 'RC' : s;
}

/** VersionParser::normalizeBranch: `1.x` -> `1.9999999.9999999.9999999-dev`, others `dev-<name>`. */
function normaliseComposerBranch(name: string): string {
  const m = BRANCH.exec(name.trim());
  if (!m) return `dev-${name.trim()}`;
  let version = '';
  for (let i = 1; i < 5; i++) version += m[i] !== undefined ? m[i]!.replace(/[*X]/g, 'x') : '.x';
  return `${version.replaceAll('x', '9999999')}-dev`;
}

function withModifiers(base: string, m: RegExpExecArray, index: number): string {
  let version = base;
  const stability = m[index];
  if (stability) {
    if (stability === 'stable') return version;
    version += `-${expandStability(stability)}${(m[index + 1] ?? '').replace(/^[.-]+/, '')}`;
  }
  if (m[index + 2]) version += '-dev';
  return version;
}

function stripDecorations(version: string): string {
  let v = version.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(v);
  if (alias) v = alias[1]!;
  v = v.replace(/@(?:stable|RC|beta|alpha|dev)$/i, '');
  return ['master', 'trunk', 'default'].includes(v) ? `dev-${v}` : v;
}

/** Composer's normalised form (`v1.2` -> `1.2.0.0`, `1.0-b2` -> `1.0.0.0-beta2`), or null. */
export function normaliseComposer(version: string): string | null {
  let v = stripDecorations(version);
  if (v.toLowerCase().startsWith('dev-')) return `dev-${v.slice(4)}`;
  const build = /^([^,\s+]+)\+\S+$/.exec(v);
  if (build) v = build[1]!;
  const classical = CLASSICAL.exec(v);
  if (classical) {
    const [, major, minor, patch, extra] = classical;
    return withModifiers(`${major}${minor ?? '.0'}${patch ?? '.0'}${extra ?? '.0'}`, classical, 5);
  }
  const date = DATE.exec(v);
  if (date) return withModifiers(date[1]!.replace(/\D/g, '.'), date, 2);
  const dev = /^(.*?)[.-]?dev$/i.exec(v);
  if (dev) {
    const branch = normaliseComposerBranch(dev[1]!);
    if (!branch.includes('dev-')) return branch;
  }
  return null;
}
