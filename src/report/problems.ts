// The report's view of problems (src/risk/): vulnerabilities, end of life and licences as one finding
// per problem in their area's section, and the summary's top risks ranked by the risk score.
import { createHash } from 'node:crypto';
import { licenceKey } from '../risk/licence-problems.ts';
import type { ScoredProblem } from '../risk/score.ts';
import type { Problem } from '../risk/types.ts';
import { q, type ReportData } from './data.ts';
import type { AreaId, ReportFinding, ReportRisk } from './types.ts';

const idOf = (key: string) => `f-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;

const ANALYSIS: Record<string, string> = {
  vulnerability: 'vulnerabilities',
  'end-of-life': 'eol',
  licence: 'licences',
};

function ruleOf(p: Problem): string {
  if (p.kind === 'end-of-life') return p.severity === 'high' ? 'eol-past' : 'eol-within-window';
  if (p.kind === 'licence') return p.key.slice(p.key.lastIndexOf(':') + 1);
  return p.kind;
}

function sqlOf(p: Problem): string {
  const name = p.subject.slice(p.subject.indexOf('/') + 1);
  if (p.kind === 'end-of-life')
    return `select repository, kind, version, path from current_runtimes where repository = ${q(p.repository)}`;
  return `select repository, ecosystem, name, version, scope, manifest_path from current_dependencies where repository = ${q(p.repository)} and name = ${q(name)}`;
}

/** One report finding for a problem judged at report time (vulnerability, end of life, licence). */
function problemFinding(p: Problem): ReportFinding & { area: AreaId } {
  const e = p.evidence;
  return {
    id: idOf(p.key),
    area: p.area,
    repository: p.repository,
    analysis: ANALYSIS[p.kind] ?? p.kind,
    rule: ruleOf(p),
    severity: p.severity,
    subject: p.subject,
    title: p.title,
    detail: p.occurrences.length > 1 ? `${p.occurrences.length} places: ${places(p)}` : null,
    owner: p.owner,
    action: p.action,
    evidence: {
      repositories: [p.repository],
      ...(e.files ? { files: e.files } : {}),
      ...(e.packages ? { packages: e.packages } : {}),
      ...(e.advisories ? { advisories: e.advisories } : {}),
    },
    sql: sqlOf(p),
  };
}

function places(p: Problem): string {
  return p.occurrences.map((o) => `${o.path}${o.version ? ` (${o.version}, ${o.exposure})` : ''}`).join('; ');
}

/** The key of a finding an analysis stored, as src/risk/finding-problems.ts forms it. */
const storedKey = (f: ReportFinding) => `finding:${f.analysis}:${f.rule}:${f.repository}:${f.subject}`;

/** Vulnerabilities and end of life join the sections as one finding per problem. */
export function addProblemFindings(data: ReportData, problems: Problem[]): void {
  const kinds = new Set(['vulnerability', 'end-of-life']);
  data.findings.push(...problems.filter((p) => kinds.has(p.kind)).map(problemFinding));
}

/** The problem key a section finding stands for (licences judged again at report time have their own). */
function keysOf(f: ReportFinding): string[] {
  const keys = [storedKey(f)];
  if (f.analysis === 'licences') keys.push(licenceKey(f.repository, f.subject, f.rule));
  return keys;
}

/** The ten highest-scored problems, each as the section finding it shows as, with its score. */
export function topRisks(ranked: ScoredProblem[], findings: ReportData['findings'], n = 10): ReportRisk[] {
  const byKey = new Map(findings.flatMap((f) => keysOf(f).map((k) => [k, f] as const)));
  return ranked.slice(0, n).map((p) => {
    const { area: _area, ...shown } = byKey.get(p.key) ?? problemFinding(p);
    return {
      ...shown,
      owner: p.owner,
      key: p.key,
      score: p.score,
      exposure: p.exposure,
      occurrences: p.occurrences.length,
    };
  });
}
