// The register's vulnerability decisions as VEX (docs/risk.md#vex): an OpenVEX 0.2.0 document
// (JSON-LD) and CycloneDX 1.6 `vulnerabilities` with their analysis, for the SBOM of `cto export
// cyclonedx` or a VEX document of their own. A product is a repository at its current commit
// (`cto:repository/<name>@<commit>`, the SBOM's root component); a subcomponent a package version (purl).
import { serialNumber } from '../sbom/cyclonedx.ts';
import { purlOf } from '../sbom/purl.ts';
import type { RiskRow } from '../store/risks.ts';
import { TOOL_VERSION } from '../version.ts';
import type { Decision, VexJustification } from './decisions.ts';

type Json = Record<string, unknown>;

const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

/** The advisory id a vulnerability key ends with. */
function advisoryId(r: RiskRow): string {
  return r.key.slice(r.key.lastIndexOf(':') + 1);
}

/** `ecosystem/name` of a vulnerability's subject split at the first slash (ecosystems have none). */
function packageOf(r: RiskRow): { ecosystem: string; name: string } {
  const i = r.subject.indexOf('/');
  return { ecosystem: r.subject.slice(0, i), name: r.subject.slice(i + 1) };
}

/** The purls of the package versions a vulnerability was last seen at. */
function purlsOf(r: RiskRow): string[] {
  const { ecosystem, name } = packageOf(r);
  const versions = JSON.parse(r.versions) as string[];
  return versions.flatMap((v) => purlOf(ecosystem, name, v) ?? []);
}

const decisionOf = (r: RiskRow): Decision | null =>
  r.decision === null ? null : (JSON.parse(r.decision) as Decision);

function aliasesOf(r: RiskRow): string[] {
  const id = advisoryId(r);
  return [...new Set((JSON.parse(r.aliases) as string[]).filter((a) => a !== id))].sort();
}

/** The status, justification and statements of an OpenVEX statement for a register row. */
function openVexStatus(r: RiskRow): Json {
  const d = decisionOf(r);
  if (r.status === 'closed') return { status: 'fixed' };
  if (d?.decision === 'not-affected')
    return {
      status: 'not_affected',
      justification: d.justification,
      ...(d.detail ? { status_notes: d.detail } : {}),
    };
  if (d?.decision === 'false-positive')
    return { status: 'not_affected', impact_statement: `False positive: ${d.reason}` };
  if (d?.decision === 'accept')
    return {
      status: 'affected',
      action_statement: `Risk accepted by ${d.owner} until ${d.expires}: ${d.reason}`,
    };
  return { status: 'affected', action_statement: r.action || 'No fixed version is known yet.' };
}

interface VexProduct {
  repository: string;
  commit: string;
}

/** The product id of a repository at a commit: the root `bom-ref` of its CycloneDX SBOM. */
const productId = (p: VexProduct) => `cto:repository/${p.repository}@${p.commit}`;

/**
 * An OpenVEX document of the vulnerability risks of the products given (their repositories' rows of
 * every status: open and accepted are `affected`, decided ones `not_affected`, closed ones `fixed`).
 */
export function openVexDocument(
  rows: readonly RiskRow[],
  products: readonly VexProduct[],
  author: string,
  timestamp: string,
): Json {
  const commits = new Map(products.map((p) => [p.repository, p.commit]));
  const statements = rows
    .filter((r) => r.kind === 'vulnerability' && commits.has(r.repository))
    .map((r) => {
      const aliases = aliasesOf(r);
      return {
        vulnerability: { name: advisoryId(r), ...(aliases.length ? { aliases } : {}) },
        timestamp: new Date(r.closed_at ?? r.last_seen_at).toISOString(),
        products: [
          {
            '@id': productId({ repository: r.repository, commit: commits.get(r.repository) as string }),
            subcomponents: purlsOf(r).map((p) => ({ '@id': p })),
          },
        ],
        ...openVexStatus(r),
      };
    });
  const seed = JSON.stringify([products.map(productId), statements]);
  return {
    '@context': OPENVEX_CONTEXT,
    '@id': serialNumber(`openvex\u0000${seed}`),
    author,
    timestamp,
    version: 1,
    tooling: `cto ${TOOL_VERSION}`,
    statements,
  };
}

/** OpenVEX justifications as CycloneDX 1.6 `analysis.justification`. */
const CYCLONEDX_JUSTIFICATION: Record<VexJustification, string> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

function cyclonedxAnalysis(r: RiskRow): Json {
  const d = decisionOf(r);
  if (r.status === 'closed') return { state: 'resolved' };
  if (d?.decision === 'not-affected')
    return {
      state: 'not_affected',
      justification: CYCLONEDX_JUSTIFICATION[d.justification],
      detail: d.detail ? `${d.justification}: ${d.detail}` : d.justification,
    };
  if (d?.decision === 'false-positive') return { state: 'false_positive', detail: d.reason };
  if (d?.decision === 'accept')
    return {
      state: 'exploitable',
      response: ['will_not_fix'],
      detail: `Risk accepted by ${d.owner} until ${d.expires}: ${d.reason}`,
    };
  return { state: 'in_triage', ...(r.action ? { detail: r.action } : {}) };
}

const osvSource = (id: string) => ({
  name: 'OSV',
  url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
});

/**
 * CycloneDX `vulnerabilities` for the rows, each affecting the references `refOf` gives for its
 * purls (a component's `bom-ref`, or a BOM-Link); a row none of whose purls has a reference is left out.
 */
export function cyclonedxVulnerabilities(
  rows: readonly RiskRow[],
  refOf: (purl: string) => string | null,
): Json[] {
  return rows.flatMap((r) => {
    if (r.kind !== 'vulnerability') return [];
    const affects = [...new Set(purlsOf(r).flatMap((p) => refOf(p) ?? []))].map((ref) => ({ ref }));
    if (affects.length === 0) return [];
    const id = advisoryId(r);
    const aliases = aliasesOf(r);
    return [
      {
        'bom-ref': `cto:risk/${r.key}`,
        id,
        source: osvSource(id),
        ...(aliases.length ? { references: aliases.map((a) => ({ id: a, source: osvSource(a) })) } : {}),
        ratings: [{ source: osvSource(id), severity: r.severity }],
        analysis: cyclonedxAnalysis(r),
        affects,
      },
    ];
  });
}

/**
 * A CycloneDX 1.6 VEX document for one repository: its vulnerabilities, affecting the components of
 * the SBOM `cto export cyclonedx` writes for the same commit, by BOM-Link (`urn:cdx:<serial>/1#<bom-ref>`).
 */
export function cyclonedxVex(
  rows: readonly RiskRow[],
  product: VexProduct,
  sbomSerial: string,
  timestamp: string,
): Json {
  const link = `urn:cdx:${sbomSerial.replace(/^urn:uuid:/, '')}/1`;
  const vulnerabilities = cyclonedxVulnerabilities(
    rows.filter((r) => r.repository === product.repository && r.status !== 'closed'),
    (purl) => `${link}#${encodeURIComponent(purl)}`,
  );
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: serialNumber(`vex\u0000${productId(product)}\u0000${JSON.stringify(vulnerabilities)}`),
    version: 1,
    metadata: {
      timestamp,
      tools: { components: [{ type: 'application', name: 'cto', version: TOOL_VERSION }] },
      component: {
        type: 'application',
        'bom-ref': productId(product),
        name: product.repository,
        version: product.commit,
      },
    },
    vulnerabilities,
  };
}
