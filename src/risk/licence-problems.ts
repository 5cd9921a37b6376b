// Licence problems: the licence policy's findings judged now (the licence feed's cache as it is),
// one per repository, package and rule, every flagged version an occurrence.
import { licenceFindings } from '../analyses/licences/evaluate.ts';
import type { Finding } from '../analyses/types.ts';
import { licenceOf, type PackageLicence } from '../licences/package-licence.ts';
import type { LicencePolicy } from '../licences/policy.ts';
import { mergePackages, type PackageEntry } from '../sbom/packages.ts';
import { snapshotDependencies } from '../store/deps.ts';
import { selectedSnapshots } from '../store/feed-reads.ts';
import { snapshotCachedLicences } from '../store/licence-cache.ts';
import type { Store } from '../store/store.ts';
import { dependencyExposure, mostExposed } from './exposure-of.ts';
import type { OwnerOf } from './owners.ts';
import type { Problem } from './types.ts';

interface Flagged {
  entry: PackageEntry;
  licence: PackageLicence;
  finding: Finding;
}

function toProblem(repository: string, list: Flagged[], ownerOf: OwnerOf): Problem {
  const { licence, finding } = list[0]!;
  const subject = `${licence.ecosystem}/${licence.name}`;
  const occurrences = list.flatMap(({ entry }) => {
    const exposure = mostExposed(entry.scopes.map((scope) => dependencyExposure({ scope })));
    return entry.manifests.map((path) => ({ path, version: entry.version, exposure }));
  });
  const files = [...new Set(occurrences.map((o) => o.path))].sort();
  const versions = list.map((f) => f.licence.version).filter((v): v is string => v !== null);
  return {
    key: `licence:${repository}:${subject}:${finding.rule}`,
    kind: 'licence',
    area: 'infrastructure-security',
    repository,
    subject,
    title:
      list.length === 1
        ? finding.title
        : `${finding.title} (${list.length} versions: ${versions.join(', ')})`,
    severity: finding.severity,
    exposure: mostExposed(occurrences.map((o) => o.exposure)),
    direct: list.some((f) => f.entry.direct),
    since: null,
    owner: ownerOf(repository, files),
    action: finding.detail ?? 'Replace the package or record a decision about its licence.',
    occurrences,
    aliases: [],
    evidence: { packages: list.map((f) => f.licence.id), files },
  };
}

/** The policy's findings on the selected snapshots' packages; none without a policy. */
export async function licenceProblems(
  store: Store,
  policy: LicencePolicy | null,
  ownerOf: OwnerOf,
  repository?: string,
  snapshotIds?: number[],
): Promise<Problem[]> {
  if (!policy) return [];
  const out: Problem[] = [];
  for (const s of await selectedSnapshots(store, repository, snapshotIds)) {
    const cache = await snapshotCachedLicences(store, s.snapshotId);
    const groups = new Map<string, Flagged[]>();
    for (const entry of mergePackages(await snapshotDependencies(store, s.snapshotId))) {
      const licence = licenceOf(entry, policy, cache);
      const finding = licenceFindings([licence])[0];
      if (!finding) continue;
      const k = [entry.ecosystem, entry.name, finding.rule].join('\u0000');
      groups.set(k, [...(groups.get(k) ?? []), { entry, licence, finding }]);
    }
    for (const list of groups.values()) out.push(toProblem(s.repository, list, ownerOf));
  }
  return out;
}
