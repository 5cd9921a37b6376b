// Licences of a repository's packages, per-licence counts and policy findings: the one function
// both the scan (analysis.ts) and `cto licences` use.
import type { Finding, Metric, Severity } from '../../analyses/types.ts';
import type { PackageEntry } from '../../sbom/packages.ts';
import { purlOf } from '../../sbom/purl.ts';
import { normaliseLicence } from './normalise.ts';
import { judge, type LicencePolicy, type Verdict } from './policy.ts';

export interface PackageLicence {
  ecosystem: string;
  name: string;
  version: string | null;
  /** purl, or `ecosystem:name@version` when the ecosystem has no purl type. */
  id: string;
  /** SPDX expression, or null when unknown. */
  expression: string | null;
  /** The texts the files state (several when files disagree). */
  stated: string[];
  /** Verdict under the policy; null when the workspace has no policy. */
  verdict: Verdict | null;
  manifests: string[];
}

export const UNKNOWN = 'unknown';

export function packageId(ecosystem: string, name: string, version: string | null): string {
  return purlOf(ecosystem, name, version) ?? `${ecosystem}:${name}${version ? `@${version}` : ''}`;
}

/** A package's licence: the one SPDX expression its files agree on, else unknown. */
export function licenceOf(p: PackageEntry, policy: LicencePolicy | null): PackageLicence {
  const expressions = new Set(p.licenses.map((l) => normaliseLicence(l).expression));
  const only = expressions.size === 1 ? [...expressions][0] : null;
  const expression = only ?? null;
  return {
    ecosystem: p.ecosystem,
    name: p.name,
    version: p.version,
    id: packageId(p.ecosystem, p.name, p.version),
    expression,
    stated: p.licenses,
    verdict: policy ? judge(expression, policy) : null,
    manifests: p.manifests,
  };
}

const RULES: Record<Exclude<Verdict, 'allowed'>, { rule: string; severity: Severity; says: string }> = {
  denied: { rule: 'licence-denied', severity: 'high', says: 'a licence the policy denies' },
  'not-allowed': { rule: 'licence-not-allowed', severity: 'medium', says: 'a licence not in the allow list' },
  unknown: { rule: 'licence-unknown', severity: 'low', says: 'no licence cto can read' },
};

export function licenceFindings(licences: readonly PackageLicence[]): Finding[] {
  const out: Finding[] = [];
  for (const l of licences) {
    if (l.verdict === null || l.verdict === 'allowed') continue;
    const r = RULES[l.verdict];
    const label = `${l.name}${l.version ? ` ${l.version}` : ''}`;
    out.push({
      rule: r.rule,
      severity: r.severity,
      subject: l.id,
      title: `${label} (${l.ecosystem}) has ${r.says}${l.expression ? `: ${l.expression}` : ''}`,
      detail: l.stated.length > 0 ? `stated: ${l.stated.join('; ')}` : 'no licence stated by its files',
      evidence: { packages: [l.id], files: l.manifests },
    });
  }
  return out;
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
