// A repository's packages as a CycloneDX 1.6 JSON SBOM: metadata (tool, the repository), one
// component per package (purl, licence, scope), and the dependency graph from the stored `parents`.
import { createHash } from 'node:crypto';
import { licenceIdSet } from '../licences/ids.ts';
import { normaliseLicence, parseExpression } from '../licences/normalise.ts';
import { type LicenceCache, licenceOf } from '../licences/package-licence.ts';
import { TOOL_VERSION } from '../version.ts';
import type { PackageEntry } from './packages.ts';
import { purlOf } from './purl.ts';

interface BomSubject {
  name: string;
  commit: string;
  ref: string | null;
  /** When the snapshot was taken (ISO 8601); the BOM's timestamp. */
  timestamp: string | null;
}

type Json = Record<string, unknown>;

/** urn:uuid from a hash (UUID version 5 layout): the same snapshot and tool give the same serial. */
export function serialNumber(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The serial number of a repository's SBOM at a commit: the same document always gets the same one. */
export function sbomSerial(subject: Pick<BomSubject, 'name' | 'commit'>): string {
  return serialNumber(`${subject.name}\u0000${subject.commit}\u0000${TOOL_VERSION}`);
}

/** CycloneDX `licenses`: a single SPDX id as `license.id`, an expression as `expression`, else the text. */
export function bomLicences(stated: readonly string[]): Json[] | undefined {
  if (stated.length === 0) return undefined;
  const expressions = new Set(stated.map((s) => normaliseLicence(s).expression));
  const only = expressions.size === 1 ? [...expressions][0] : null;
  if (!only) return stated.map((name) => ({ license: { name } }));
  const node = parseExpression(only);
  if (node && 'license' in node && !node.plus && !node.exception && licenceIdSet().has(node.license))
    return [{ license: { id: node.license } }];
  return [{ expression: only }];
}

function scopeOf(p: PackageEntry): 'required' | 'optional' | 'excluded' {
  if (p.exposure !== 'runtime') return 'excluded';
  return p.scopes.every((s) => s === 'optional' || s === 'peer') ? 'optional' : 'required';
}

/** Deterministic bom-refs: the purl, made unique with a counter when two packages share one. */
function refsOf(packages: readonly PackageEntry[]): string[] {
  const seen = new Map<string, number>();
  return packages.map((p) => {
    const base = purlOf(p.ecosystem, p.name, p.version) ?? `${p.ecosystem}:${p.name}@${p.version ?? ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n + 1}`;
  });
}

/**
 * The SBOM. A package whose files state no licence takes the licence feed's cached answer (`cache`),
 * named by the property `cto:licence-source` (the registry document).
 */
export function buildBom(
  subject: BomSubject,
  packages: readonly PackageEntry[],
  cache: LicenceCache = new Map(),
): Json {
  const rootRef = `cto:repository/${subject.name}@${subject.commit}`;
  const refs = refsOf(packages);
  const components = packages.map((p, i) => {
    const purl = purlOf(p.ecosystem, p.name, p.version);
    const c: Json = { type: 'library', 'bom-ref': refs[i], name: p.name };
    if (p.version) c.version = p.version;
    if (purl) c.purl = purl;
    const licence = licenceOf(p, null, cache);
    const licenses = bomLicences(licence.stated);
    if (licenses) c.licenses = licenses;
    c.scope = scopeOf(p);
    c.properties = [
      ...p.manifests.map((m) => ({ name: 'cto:manifest', value: m })),
      { name: 'cto:direct', value: String(p.direct) },
      ...(licence.origin === 'registry' && licence.registry
        ? [{ name: 'cto:licence-source', value: licence.registry.source }]
        : []),
    ];
    return c;
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: sbomSerial(subject),
    version: 1,
    metadata: {
      ...(subject.timestamp ? { timestamp: new Date(subject.timestamp).toISOString() } : {}),
      tools: { components: [{ type: 'application', name: 'cto', version: TOOL_VERSION }] },
      component: {
        type: 'application',
        'bom-ref': rootRef,
        name: subject.name,
        version: subject.commit,
        ...(subject.ref ? { properties: [{ name: 'cto:ref', value: subject.ref }] } : {}),
      },
    },
    components,
    dependencies: dependencyGraph(rootRef, packages, refs),
  };
}

/** `dependencies`: the repository depends on its direct packages; each package on those naming it a parent. */
function dependencyGraph(rootRef: string, packages: readonly PackageEntry[], refs: string[]): Json[] {
  const byName = new Map<string, string[]>();
  packages.forEach((p, i) => {
    const k = `${p.ecosystem}\u0000${p.name}`;
    const same = byName.get(k);
    if (same) same.push(refs[i] as string);
    else byName.set(k, [refs[i] as string]);
  });
  const children = new Map<string, Set<string>>(refs.map((r) => [r, new Set<string>()]));
  packages.forEach((p, i) => {
    for (const parent of p.parents ?? [])
      for (const ref of byName.get(`${p.ecosystem}\u0000${parent}`) ?? [])
        if (ref !== refs[i]) children.get(ref)?.add(refs[i] as string);
  });
  const direct = refs.filter((_, i) => packages[i]?.direct);
  return [
    { ref: rootRef, dependsOn: direct },
    ...refs.map((ref) => ({ ref, dependsOn: [...(children.get(ref) ?? [])].sort() })),
  ];
}
