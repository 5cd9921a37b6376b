// A package's licence from its manifests' statements and the licence feed's cache, judged under the
// policy: what the licences analysis, `cto licences` and the SBOM read.
import type { Exposure } from '../collectors/types.ts';
import type { PackageEntry } from '../sbom/packages.ts';
import { purlOf } from '../sbom/purl.ts';
import { type CachedLicence, cacheKey } from '../store/licence-cache.ts';
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
  /** The texts the files state (several when files disagree), else what the registry states. */
  stated: string[];
  /** Where `stated` comes from: the scanned files, the licence feed (a registry), or nowhere. */
  origin: 'files' | 'registry' | null;
  /** The licence feed's answer for this version, when the files state nothing and it was looked up. */
  registry: { status: CachedLicence['status']; source: string } | null;
  /** Verdict under the policy; null when the workspace has no policy. */
  verdict: Verdict | null;
  manifests: string[];
  /** The most exposed of the package's rows, and all their exposures (docs/risk.md, "Exposure"). */
  exposure: Exposure;
  exposures: Exposure[];
}

export const UNKNOWN = 'unknown';

export function packageId(ecosystem: string, name: string, version: string | null): string {
  return purlOf(ecosystem, name, version) ?? `${ecosystem}:${name}${version ? `@${version}` : ''}`;
}

/** Cached registry answers by `cacheKey`; an empty map when the licence feed was never loaded. */
export type LicenceCache = ReadonlyMap<string, CachedLicence>;

/**
 * A package's licence: the one SPDX expression its files agree on, else unknown. When the files
 * state nothing, the licence feed's cached answer for the exact version stands in, named as such.
 */
export function licenceOf(
  p: PackageEntry,
  policy: LicencePolicy | null,
  cache: LicenceCache = new Map(),
): PackageLicence {
  const cached =
    p.licenses.length === 0 && p.version !== null
      ? cache.get(cacheKey({ ecosystem: p.ecosystem, name: p.name, version: p.version }))
      : undefined;
  const fromRegistry = cached?.status === 'found' && cached.licence !== null ? [cached.licence] : [];
  const stated = p.licenses.length > 0 ? p.licenses : fromRegistry;
  const expressions = new Set(stated.map((l) => normaliseLicence(l).expression));
  const only = expressions.size === 1 ? [...expressions][0] : null;
  const expression = only ?? null;
  return {
    ecosystem: p.ecosystem,
    name: p.name,
    version: p.version,
    id: packageId(p.ecosystem, p.name, p.version),
    expression,
    stated,
    origin: p.licenses.length > 0 ? 'files' : fromRegistry.length > 0 ? 'registry' : null,
    registry: cached ? { status: cached.status, source: cached.source } : null,
    verdict: policy ? judge(expression, policy) : null,
    manifests: p.manifests,
    exposure: p.exposure,
    exposures: p.exposures,
  };
}
