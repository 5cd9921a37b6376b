// Per-licence counts, coverage and policy findings of a repository's packages, for the scan
// (analysis.ts) and `cto licences`.
import type { Finding, Metric, Severity } from '../../analyses/types.ts';
import { type PackageLicence, packageId, UNKNOWN } from '../../licences/package-licence.ts';
import type { Verdict } from '../../licences/policy.ts';

const RULES: Record<Exclude<Verdict, 'allowed'>, { rule: string; severity: Severity; says: string }> = {
  denied: { rule: 'licence-denied', severity: 'high', says: 'a licence the policy denies' },
  'not-allowed': { rule: 'licence-not-allowed', severity: 'medium', says: 'a licence not in the allow list' },
  unknown: { rule: 'licence-unknown', severity: 'low', says: 'no licence cto can read' },
};

/**
 * The policy's findings: one per package and rule (every flagged version of the package in it), so a
 * package locked at three versions is one finding. Subject: the package's purl without a version.
 */
export function licenceFindings(licences: readonly PackageLicence[]): Finding[] {
  const groups = new Map<string, PackageLicence[]>();
  for (const l of licences) {
    if (l.verdict === null || l.verdict === 'allowed') continue;
    const k = [l.ecosystem, l.name, l.verdict].join('\u0000');
    const list = groups.get(k);
    if (list) list.push(l);
    else groups.set(k, [l]);
  }
  return [...groups.values()].map(packageFinding);
}

function packageFinding(list: PackageLicence[]): Finding {
  const l = list[0]!;
  const r = RULES[l.verdict as Exclude<Verdict, 'allowed'>];
  const versions = list.map((x) => x.version).filter((v): v is string => v !== null);
  const label = `${l.name}${versions.length > 0 ? ` ${versions.join(', ')}` : ''}`;
  const expressions = [...new Set(list.map((x) => x.expression).filter((e): e is string => e !== null))];
  const sources = [...new Set(list.flatMap((x) => (x.registry ? [x.registry.source] : [])))];
  return {
    rule: r.rule,
    severity: r.severity,
    subject: packageId(l.ecosystem, l.name, null),
    title: `${label} (${l.ecosystem}) has ${r.says}${expressions.length > 0 ? `: ${expressions.join('; ')}` : ''}`,
    detail: [...new Set(list.map(statedDetail))].join('; '),
    evidence: {
      packages: list.map((x) => x.id),
      files: [...new Set(list.flatMap((x) => x.manifests))].sort(),
      ...(sources.length > 0 ? { sources } : {}),
    },
  };
}

function statedDetail(l: PackageLicence): string {
  if (l.origin === 'registry')
    return `stated by the registry: ${l.stated.join('; ')} (${l.registry?.source})`;
  if (l.stated.length > 0) return `stated: ${l.stated.join('; ')}`;
  if (l.registry?.status === 'none')
    return `no licence stated by its files or its registry (${l.registry.source})`;
  if (l.registry?.status === 'not-found')
    return `no licence stated by its files; the registry does not know this version (${l.registry.source})`;
  return 'no licence stated by its files';
}

interface EcosystemCoverage {
  ecosystem: string;
  packages: number;
  /** Packages whose licence is a known SPDX expression. */
  known: number;
  /** Of those, known from the licence feed (a registry) rather than the files. */
  fromRegistry: number;
}

/** Per ecosystem: how many packages have a known licence, and how many of those from a registry. */
export function licenceCoverage(licences: readonly PackageLicence[]): EcosystemCoverage[] {
  const by = new Map<string, EcosystemCoverage>();
  for (const l of licences) {
    let c = by.get(l.ecosystem);
    if (!c) {
      c = { ecosystem: l.ecosystem, packages: 0, known: 0, fromRegistry: 0 };
      by.set(l.ecosystem, c);
    }
    c.packages++;
    if (l.expression !== null) {
      c.known++;
      if (l.origin === 'registry') c.fromRegistry++;
    }
  }
  return [...by.values()].sort((a, b) => a.ecosystem.localeCompare(b.ecosystem));
}

/** `npm: 412 of 430 packages with a known licence (95.8%), 380 from the registry`. */
export function coverageLine(c: EcosystemCoverage): string {
  const share = c.packages === 0 ? 0 : (100 * c.known) / c.packages;
  const registry = c.fromRegistry > 0 ? `, ${c.fromRegistry} from the registry` : '';
  return `${c.ecosystem}: ${c.known} of ${c.packages} packages with a known licence (${share.toFixed(1)}%)${registry}`;
}

/** One metric per licence (or `unknown`): how many packages carry it, and which. */
export function licenceMetrics(licences: readonly PackageLicence[]): Metric[] {
  const groups = new Map<string, string[]>();
  for (const l of licences) {
    const key = l.expression ?? UNKNOWN;
    const ids = groups.get(key);
    if (ids) ids.push(l.id);
    else groups.set(key, [l.id]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([subject, packages]) => ({
      metric: 'licence-packages',
      scope: 'repository' as const,
      subject,
      value: packages.length,
      unit: 'packages',
      evidence: { packages },
    }));
}

/** Per ecosystem, the share of packages with a known licence, in percent (metric `licence-known-share`). */
export function coverageMetrics(licences: readonly PackageLicence[]): Metric[] {
  return licenceCoverage(licences).map((c) => ({
    metric: 'licence-known-share',
    scope: 'repository' as const,
    subject: c.ecosystem,
    value: c.packages === 0 ? 0 : Math.round((1000 * c.known) / c.packages) / 10,
    unit: '%',
    evidence: {
      packages: licences
        .filter((l) => l.ecosystem === c.ecosystem && l.expression === null)
        .slice(0, 50)
        .map((l) => l.id),
    },
  }));
}
