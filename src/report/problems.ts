// The report's view of problems (src/risk/): vulnerabilities, end of life and licences as one finding
// per problem in their area's section, and which finding a register key shows as.
import { createHash } from 'node:crypto';
import { licenceKey } from '../risk/licence-problems.ts';
import type { Problem } from '../risk/types.ts';
import { q, type ReportData } from './data.ts';
import type { AreaId, ReportFinding } from './types.ts';

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
    exposure: p.exposure,
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

/** The id of the section finding a problem key shows as (stored findings, licences, problems); null when none. */
export function findingOfKey(findings: ReportData['findings']): (key: string) => string | null {
  const ids = new Set(findings.map((f) => f.id));
  const byKey = new Map(findings.flatMap((f) => keysOf(f).map((k) => [k, f.id] as const)));
  return (key) => byKey.get(key) ?? (ids.has(idOf(key)) ? idOf(key) : null);
}
