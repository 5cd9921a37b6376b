// Licence problems: the licence policy's findings judged now (the licence feed's cache as it is), one
// per repository, package and rule; every flagged version in every manifest is an occurrence.
import { licenceFindings } from '../analyses/licences/evaluate.ts';
import type { Finding } from '../analyses/types.ts';
import type { Exposure } from '../collectors/types.ts';
import { licenceOf } from '../licences/package-licence.ts';
import type { LicencePolicy } from '../licences/policy.ts';
import { mergePackages, type PackageEntry } from '../sbom/packages.ts';
import { type DependencyRow, snapshotDependencies } from '../store/deps.ts';
import { selectedSnapshots } from '../store/feed-reads.ts';
import { snapshotCachedLicences } from '../store/licence-cache.ts';
import type { Store } from '../store/store.ts';
import { mostExposed } from './exposure-of.ts';
import type { OwnerOf } from './owners.ts';
import type { Problem } from './types.ts';

/** `licence:<repository>:<package purl without a version>:<rule>`. */
export const licenceKey = (repository: string, subject: string, rule: string) =>
  `licence:${repository}:${subject}:${rule}`;

/** The stored exposure of a package version in one manifest (its rows without a version count too). */
function exposureIn(rows: readonly DependencyRow[], entry: PackageEntry, manifest: string): Exposure {
  const here = rows.filter(
    (r) =>
      r.ecosystem === entry.ecosystem &&
      r.name === entry.name &&
      r.manifestPath === manifest &&
      (r.version === entry.version || r.version === null),
  );
  return here.length === 0 ? 'runtime' : mostExposed(here.map((r) => r.exposure));
}

function toProblem(
  repository: string,
  finding: Finding,
  entries: PackageEntry[],
  rows: DependencyRow[],
  ownerOf: OwnerOf,
): Problem {
  const occurrences = entries.flatMap((entry) =>
    entry.manifests.map((path) => ({
      path,
      version: entry.version,
      exposure: exposureIn(rows, entry, path),
    })),
  );
  const files = finding.evidence?.files ?? [];
  const subject = finding.subject;
  return {
    key: licenceKey(repository, subject, finding.rule),
    kind: 'licence',
    area: 'infrastructure-security',
    repository,
    subject,
    title: finding.title,
    severity: finding.severity,
    exposure: mostExposed(occurrences.map((o) => o.exposure)),
    direct: entries.some((e) => e.direct),
    since: null,
    owner: ownerOf(repository, files),
    action: finding.detail ?? 'Replace the package or record a decision about its licence.',
    occurrences,
    aliases: [],
    evidence: finding.evidence ?? {},
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
    const rows = await snapshotDependencies(store, s.snapshotId);
    const entries = mergePackages(rows);
    const licences = entries.map((p) => licenceOf(p, policy, cache));
    const entryOf = new Map(licences.map((l, i) => [l.id, entries[i]!]));
    for (const f of licenceFindings(licences)) {
      const members = (f.evidence?.packages ?? []).flatMap((id) => entryOf.get(id) ?? []);
      out.push(toProblem(s.repository, f, members, rows, ownerOf));
    }
  }
  return out;
}
