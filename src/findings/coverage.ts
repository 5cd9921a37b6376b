// Coverage: what was actually checked for vulnerabilities, per repository and ecosystem, and over
// the portfolio. A package version is checked when it is known exactly (lockfile, exact pin) and an
// OSV feed covering its ecosystem is loaded; a package known only by a range, an ecosystem with no
// feed, a repository whose scan failed are not checked; a repository with no manifest has nothing to
// check. None of these is ever "clean" (docs/metrics/supply-chain.md, "Coverage").
import type { CurrentDependency } from '../store/feed-reads.ts';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** `checked`: everything in scope was checked; `partial`: some; `not-checked`: none. */
type CheckStatus = 'checked' | 'partial' | 'not-checked';
export type CoverageStatus = CheckStatus | 'nothing-to-check' | 'scan-failed';

interface EcosystemCoverage {
  ecosystem: string;
  /** An active OSV import covers the ecosystem. */
  feedLoaded: boolean;
  /** Distinct package versions known exactly (name and version). */
  versions: number;
  /** Of those, the ones matched against a loaded feed (all of them, or none without a feed). */
  checked: number;
  /** Distinct packages known only by a requirement: no exact version anywhere in the repository. */
  rangesOnly: number;
  /** The manifests stating those packages (a lockfile there would resolve them). */
  rangeManifests: string[];
  /** Packages from a local path (`file:`, `link:`, `workspace:`): the project's own code, nothing to check. */
  local: number;
  status: CheckStatus;
}

export interface RepositoryCoverage {
  repository: string;
  status: CoverageStatus;
  /** Package versions checked, and all in scope (exact versions plus packages known only by a range). */
  checked: number;
  total: number;
  ecosystems: EcosystemCoverage[];
  /** Why the last scan failed: with no current snapshot nothing could be checked; with one, it is older. */
  scanError: string | null;
}

export interface Coverage {
  status: CoverageStatus;
  checked: number;
  total: number;
  repositories: RepositoryCoverage[];
}

/** A repository in scope and its last scan: `current` is false when no scan has finished. */
export interface ScannedRepository {
  repository: string;
  current: boolean;
  scanError: string | null;
}

/** A dependency on a local folder rather than a registry package. */
const LOCAL = /^(file|link|workspace|portal):/;

function ecosystemCoverage(ecosystem: string, deps: CurrentDependency[], loaded: boolean): EcosystemCoverage {
  const exact = new Set<string>();
  const exactNames = new Set<string>();
  for (const d of deps) {
    if (d.version === null) continue;
    exact.add(`${d.name}\u0000${d.version}`);
    exactNames.add(d.name);
  }
  const unresolved = deps.filter((d) => d.version === null && !exactNames.has(d.name));
  const isLocal = (d: CurrentDependency) => LOCAL.test(d.source ?? d.requirement ?? '');
  const ranged = unresolved.filter((d) => !isLocal(d));
  const rangesOnly = new Set(ranged.map((d) => d.name)).size;
  const checked = loaded ? exact.size : 0;
  const status: CheckStatus = checked === 0 ? 'not-checked' : rangesOnly > 0 ? 'partial' : 'checked';
  return {
    ecosystem,
    feedLoaded: loaded,
    versions: exact.size,
    checked,
    rangesOnly,
    rangeManifests: [...new Set(ranged.map((d) => d.manifestPath))].sort(),
    local: new Set(unresolved.filter(isLocal).map((d) => d.name)).size,
    status,
  };
}

/** The status of a whole made of parts: all checked, none checked, or partial. */
function combined(parts: CoverageStatus[]): CoverageStatus {
  const judged = parts.filter((s) => s !== 'nothing-to-check');
  if (judged.length === 0) return 'nothing-to-check';
  if (judged.every((s) => s === 'checked')) return 'checked';
  if (judged.every((s) => s === 'not-checked' || s === 'scan-failed')) return 'not-checked';
  return 'partial';
}

/**
 * Coverage of the given repositories from their dependencies (every row, with or without an exact
 * version) and the ecosystems with a loaded OSV feed.
 */
export function coverageOf(
  repositories: ScannedRepository[],
  deps: CurrentDependency[],
  loaded: ReadonlySet<string>,
): Coverage {
  const byRepository = new Map<string, Map<string, CurrentDependency[]>>();
  for (const d of deps) {
    const ecosystems = byRepository.get(d.repository) ?? new Map<string, CurrentDependency[]>();
    byRepository.set(d.repository, ecosystems);
    ecosystems.set(d.ecosystem, [...(ecosystems.get(d.ecosystem) ?? []), d]);
  }
  const out: RepositoryCoverage[] = repositories.map((r) => {
    const ecosystems = [...(byRepository.get(r.repository) ?? new Map()).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([e, list]) => ecosystemCoverage(e, list, loaded.has(e)));
    const checked = ecosystems.reduce((n, e) => n + e.checked, 0);
    const total = ecosystems.reduce((n, e) => n + e.versions + e.rangesOnly, 0);
    const status: CoverageStatus = !r.current
      ? 'scan-failed'
      : ecosystems.length === 0
        ? 'nothing-to-check'
        : combined(ecosystems.map((e) => e.status));
    return { repository: r.repository, status, checked, total, ecosystems, scanError: r.scanError };
  });
  return portfolio(out);
}

/** The portfolio over some repositories' coverage. */
function portfolio(repositories: RepositoryCoverage[]): Coverage {
  return {
    status: combined(repositories.map((r) => r.status)),
    checked: repositories.reduce((n, r) => n + r.checked, 0),
    total: repositories.reduce((n, r) => n + r.total, 0),
    repositories,
  };
}

/** The coverage of only the named repositories (a team's view). */
export function coverageFor(c: Coverage, names: ReadonlySet<string>): Coverage {
  return portfolio(c.repositories.filter((r) => names.has(r.repository)));
}

/** Checked ÷ total in whole percent, never rounded up to 100 while something is not checked. */
export function checkedShare(checked: number, total: number): number | null {
  if (total === 0) return null;
  const share = Math.round((checked / total) * 100);
  return share === 100 && checked < total ? 99 : share;
}

/**
 * One sentence for a summary line when vulnerabilities were not all checked; null when everything
 * in scope was (or there was nothing to check).
 */
export function coverageNote(c: Coverage): string | null {
  if (c.status === 'checked' || c.status === 'nothing-to-check') return null;
  const names = c.repositories.filter((r) => repositoryGap(r) !== null).map((r) => r.repository);
  const shown =
    names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  if (c.checked === 0)
    return `Vulnerabilities not checked: none of ${plural(c.total, 'package version', 'package versions')} (${shown}).`;
  return `Vulnerabilities partly checked: ${count(c.checked)} of ${plural(c.total, 'package version', 'package versions')} (${checkedShare(c.checked, c.total)}%); not checked in ${shown}.`;
}

/** Why one ecosystem of a repository was not (fully) checked, e.g. `npm: 36 with no exact version, no lockfile (package.json)`. */
function ecosystemGap(e: EcosystemCoverage): string | null {
  if (e.status === 'checked') return null;
  const parts: string[] = [];
  if (!e.feedLoaded && e.versions > 0)
    parts.push(`no feed loaded (${plural(e.versions, 'version', 'versions')})`);
  if (e.rangesOnly > 0) {
    const where =
      e.rangeManifests.length <= 2 ? e.rangeManifests.join(', ') : `${e.rangeManifests.length} manifests`;
    parts.push(`${count(e.rangesOnly)} with no exact version, no lockfile (${where})`);
  }
  return `${e.ecosystem}: ${parts.join('; ')}`;
}

/** What was not checked in one repository, in a few words; null when everything was. */
export function repositoryGap(r: RepositoryCoverage): string | null {
  if (r.status === 'scan-failed') return `scan failed${r.scanError ? `: ${r.scanError}` : ''}`;
  if (r.status === 'nothing-to-check' || r.status === 'checked') return null;
  return r.ecosystems
    .map(ecosystemGap)
    .filter((g): g is string => g !== null)
    .join('; ');
}

/** What would close the gap: load the missing feeds, commit lockfiles, rerun failed scans. */
export function coverageFixes(c: Coverage): string[] {
  const fixes: string[] = [];
  const eco = c.repositories.flatMap((r) => r.ecosystems);
  const noFeed = [
    ...new Set(eco.filter((e) => !e.feedLoaded && e.versions > 0).map((e) => e.ecosystem)),
  ].sort();
  if (noFeed.length > 0)
    fixes.push(`load advisories for ${noFeed.join(', ')} (cto feed update, or cto feed import)`);
  if (eco.some((e) => e.rangesOnly > 0))
    fixes.push('commit a lockfile (or pin exact versions) where only ranges are known');
  if (c.repositories.some((r) => r.status === 'scan-failed')) fixes.push('rerun the failed scans (cto scan)');
  return fixes;
}

/** At most this many repositories are named one per line; the rest are counted. */
const SHOWN = 8;

/**
 * The coverage in a few lines, most important first: how much was checked, what was not and why
 * (one line per repository), which repositories had nothing to check, and how to close the gap.
 */
export function describeCoverage(c: Coverage): string[] {
  if (c.repositories.length === 0) return ['Nothing checked: no repository is scanned (run cto scan).'];
  const judged = c.repositories.filter((r) => r.status !== 'nothing-to-check');
  const nothing = c.repositories.filter((r) => r.status === 'nothing-to-check').map((r) => r.repository);
  const repos = plural(judged.length, 'repository', 'repositories');
  const gaps = c.repositories.flatMap((r) => {
    const gap = repositoryGap(r);
    return gap === null ? [] : [`  ${r.repository}: ${gap}`];
  });
  const lines: string[] = [];
  const notChecked = gaps.length > 0 ? '; not checked:' : '.';
  if (c.status === 'nothing-to-check')
    lines.push(
      `Nothing to check: no dependency manifest in ${plural(nothing.length, 'repository', 'repositories')}.`,
    );
  else if (c.checked === 0)
    lines.push(
      `Nothing checked for vulnerabilities: none of ${plural(c.total, 'package version', 'package versions')} in ${repos}${notChecked}`,
    );
  else
    lines.push(
      `Checked ${count(c.checked)} of ${plural(c.total, 'package version', 'package versions')} in ${repos}${notChecked}`,
    );
  lines.push(...gaps.slice(0, SHOWN));
  if (gaps.length > SHOWN) lines.push(`  and ${gaps.length - SHOWN} more repositories (--json lists them)`);
  if (nothing.length > 0 && c.status !== 'nothing-to-check')
    lines.push(`Nothing to check (no dependency manifest): ${nothing.join(', ')}.`);
  const fixes = coverageFixes(c);
  if (fixes.length > 0) lines.push(`To check the rest: ${fixes.join('; ')}.`);
  return lines;
}

/** What `cto eol` could check: runtimes and images (packages are listed only when a product knows them). */
interface EolCoverage {
  /** Whether endoflife.date data is loaded at all. */
  dataLoaded: boolean;
  /** Runtimes and images in scope: one per repository, name and version (`cto eol` rows). */
  subjects: number;
  /** Of those, the ones matched to a product and a cycle. */
  checked: number;
  /** `name version` of those with no endoflife.date product (each name once). */
  noProduct: string[];
  /** `name version` of those with a product but no cycle for the version as written. */
  noCycle: string[];
}

interface EolSubjectRow {
  repository: string;
  kind: string;
  subject: string;
  version: string | null;
  product: string | null;
  cycle: string | null;
}

export function eolCoverage(rows: EolSubjectRow[], productsLoaded: number): EolCoverage {
  const subjects = rows.filter((r) => r.kind !== 'package');
  const name = (r: EolSubjectRow) => `${r.subject}${r.version ? ` ${r.version}` : ''}`;
  const names = (keep: (r: EolSubjectRow) => boolean) => [...new Set(subjects.filter(keep).map(name))].sort();
  return {
    dataLoaded: productsLoaded > 0,
    subjects: subjects.length,
    checked: subjects.filter((r) => r.product !== null && r.cycle !== null).length,
    noProduct: productsLoaded > 0 ? names((r) => r.product === null) : [],
    noCycle: names((r) => r.product !== null && r.cycle === null),
  };
}

const listed = (names: string[]) =>
  names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;

/** One line on what `cto eol` checked, first in its output. */
export function describeEolCoverage(c: EolCoverage): string {
  const what = plural(c.subjects, 'runtime or image', 'runtimes and images');
  if (!c.dataLoaded)
    return `Nothing checked for end of life: no endoflife.date data loaded (run cto feed update or cto feed import); ${what} not checked.`;
  const gaps = [
    c.noProduct.length > 0
      ? `${count(c.noProduct.length)} with no endoflife.date product (${listed(c.noProduct)})`
      : '',
    c.noCycle.length > 0
      ? `${count(c.noCycle.length)} with no cycle for the version (${listed(c.noCycle)})`
      : '',
  ].filter((g) => g !== '');
  const head = `Checked ${count(c.checked)} of ${what} for end of life`;
  return gaps.length > 0 ? `${head}; not checked: ${gaps.join('; ')}.` : `${head}.`;
}

/** One sentence when end of life was not all checked (a summary's caveat); null when it was, or nothing is in scope. */
export function eolCoverageNote(c: EolCoverage): string | null {
  if (c.subjects === 0 || (c.dataLoaded && c.checked === c.subjects)) return null;
  const what = plural(c.subjects, 'runtime or image', 'runtimes and images');
  if (!c.dataLoaded) return `End of life not checked: no endoflife.date data loaded (${what}).`;
  return `End of life partly checked: ${count(c.checked)} of ${what}; the rest have no endoflife.date product or cycle.`;
}
