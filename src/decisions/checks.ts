// Decision checks evaluated against each repository's current snapshot when read (docs/office.md
// "Checks"): only accepted decisions apply; a superseded, deprecated or rejected decision's checks stop.
import { matchesGlob } from 'node:path';
import { detectTechnologies } from '../analyses/technologies/detect.ts';
import { loadTechnologies } from '../analyses/technologies/match.ts';
import type { Technology } from '../analyses/technologies/schema.ts';
import { judge } from '../licences/policy.ts';
import { factsInScope, type RepositoryFacts, repositoryInScope } from '../office/decisions/facts.ts';
import { cycleCompare, inRange, packageCompare, parseRange } from '../office/decisions/range.ts';
import type { DecisionCheck, DecisionRecord, OfficeDiagnostic } from '../office/decisions/records.ts';
import type { CheckKind } from '../office/decisions/schema.ts';
import type { Team } from '../office/teams.ts';

export interface Violation {
  decision: number;
  title: string;
  file: string;
  check: number;
  action: 'forbid' | 'require';
  kind: CheckKind;
  /** The check's value as written: `mysql`, `npm lodash <4.17.21`. */
  value: string;
  repository: string;
  severity: DecisionCheck['severity'];
  message: string;
  /** The facts behind it: `package-lock.json: lodash 4.17.20`; empty for a missing requirement. */
  evidence: string[];
}

export interface CheckOutcome {
  decision: number;
  check: number;
  kind: CheckKind;
  action: 'forbid' | 'require';
  value: string;
  /** Repositories the check was evaluated on. */
  checked: string[];
  violations: number;
  /** Facts the check could not judge (a version or licence not known), in words. */
  notChecked: string[];
}

export interface Evaluation {
  outcomes: CheckOutcome[];
  violations: Violation[];
  diagnostics: OfficeDiagnostic[];
}

interface Judged {
  hits: string[];
  unknown: number;
}

export function evaluateDecisions(
  records: readonly DecisionRecord[],
  facts: readonly RepositoryFacts[],
  teams: readonly Team[],
  table: readonly Technology[] = loadTechnologies(),
): Evaluation {
  const out: Evaluation = { outcomes: [], violations: [], diagnostics: [] };
  const teamNames = new Set(teams.map((t) => t.name));
  for (const record of records.filter((r) => r.status === 'accepted'))
    for (const check of record.checks) {
      const [kind, raw] = Object.entries(check.target)[0] as [CheckKind, unknown];
      const value = describe(kind, raw);
      const problem = checkProblem(kind, raw, table) ?? unknownTeams(check, teamNames);
      if (problem) {
        out.diagnostics.push({ file: record.file, line: null, message: `check ${check.index}: ${problem}` });
        continue;
      }
      const outcome: CheckOutcome = {
        decision: record.number,
        check: check.index,
        kind,
        action: check.action,
        value,
        checked: [],
        violations: 0,
        notChecked: [],
      };
      for (const repo of facts.filter((f) => repositoryInScope(check.scope, teams, f.repository))) {
        outcome.checked.push(repo.repository);
        const judged = find(kind, raw, factsInScope(repo, check.scope, teams), table, check.action);
        if (judged.unknown > 0)
          outcome.notChecked.push(`${repo.repository}: ${unknownText(kind, judged.unknown)}`);
        // A licence requirement is broken by dependencies outside it, as a prohibition is by those inside.
        const broken =
          kind === 'licence' || check.action === 'forbid'
            ? judged.hits.length > 0
            : judged.hits.length === 0 && judged.unknown === 0;
        if (!broken) continue;
        outcome.violations++;
        out.violations.push({
          decision: record.number,
          title: record.title,
          file: record.file,
          check: check.index,
          action: check.action,
          kind,
          value,
          repository: repo.repository,
          severity: check.severity,
          message: violationMessage(repo.repository, kind, value, check.action, record),
          evidence: judged.hits.slice(0, 20),
        });
      }
      out.outcomes.push(outcome);
    }
  return out;
}

function violationMessage(
  repository: string,
  kind: CheckKind,
  value: string,
  action: 'forbid' | 'require',
  record: DecisionRecord,
): string {
  const decision = `decision ${record.number} (${record.title})`;
  if (kind === 'licence')
    return action === 'forbid'
      ? `${repository} has dependencies under ${value}, which ${decision} forbids`
      : `${repository} has dependencies under licences other than ${value}, which ${decision} requires`;
  return action === 'forbid'
    ? `${repository} uses ${kind} ${value}, which ${decision} forbids`
    : `${repository} lacks ${kind} ${value}, which ${decision} requires`;
}

function unknownText(kind: CheckKind, n: number): string {
  if (kind === 'licence')
    return n === 1 ? '1 dependency without a known licence' : `${n} dependencies without a known licence`;
  return n === 1 ? '1 fact without a comparable version' : `${n} facts without a comparable version`;
}

function unknownTeams(check: DecisionCheck, known: Set<string>): string | null {
  const missing = (check.scope.teams ?? []).filter((t) => !known.has(t));
  return missing.length > 0 ? `scope names teams not in teams.yaml: ${missing.join(', ')}` : null;
}

type Versioned = { name: string; ecosystem?: string; version?: string };
const versioned = (raw: unknown): Versioned => (typeof raw === 'string' ? { name: raw } : (raw as Versioned));

function describe(kind: CheckKind, raw: unknown): string {
  if (kind === 'licence') return Array.isArray(raw) ? raw.join(' or ') : String(raw);
  if (typeof raw === 'string') return raw;
  const v = versioned(raw);
  return [v.ecosystem, v.name, v.version].filter(Boolean).join(' ');
}

/** What makes a check impossible to evaluate (a technology not in the catalogue, an unreadable range). */
function checkProblem(kind: CheckKind, raw: unknown, table: readonly Technology[]): string | null {
  if (kind === 'technology' && !technologyOf(String(raw), table))
    return `technology "${raw}" is not in the technology catalogue (docs/technologies.md)`;
  if (kind === 'package' || kind === 'runtime' || kind === 'image') {
    const v = versioned(raw);
    if (v.version !== undefined && parseRange(v.version) === null)
      return `cannot read the version range "${v.version}"`;
    if (kind !== 'package' && v.ecosystem !== undefined) return `ecosystem applies to packages only`;
  }
  return null;
}

function technologyOf(text: string, table: readonly Technology[]): Technology | undefined {
  const t = text.toLowerCase();
  return table.find((x) => x.id === t) ?? table.find((x) => x.name.toLowerCase() === t);
}

/** The facts of the kind that match the check's value (for licences: that break it). */
function find(
  kind: CheckKind,
  raw: unknown,
  facts: RepositoryFacts,
  table: readonly Technology[],
  action: 'forbid' | 'require',
): Judged {
  if (kind === 'technology') {
    const tech = technologyOf(String(raw), table) as Technology;
    const m = detectTechnologies(facts, [tech])[0];
    const e = m?.evidence ?? {};
    return { hits: m ? [...(e.files ?? []), ...(e.packages ?? []), ...(e.images ?? [])] : [], unknown: 0 };
  }
  if (kind === 'file') {
    const p = String(raw).replace(/^\/+/, '');
    const hits = facts.paths.filter((path) =>
      p.includes('/')
        ? matchesGlob(path, p)
        : path === p || path.endsWith(`/${p}`) || matchesGlob(path.split('/').pop() ?? '', p),
    );
    return { hits, unknown: 0 };
  }
  if (kind === 'licence') return licences(raw, facts, action);
  const v = versioned(raw);
  const range = v.version === undefined ? null : parseRange(v.version);
  let unknown = 0;
  const match = (version: string | null, compare: (a: string, b: string) => number | null): boolean => {
    if (!range) return true;
    const r = version === null ? null : inRange(version, range, compare);
    if (r === null) unknown++;
    return r === true;
  };
  if (kind === 'package') {
    const hits = facts.dependencies
      .filter((d) => samePackage(d.ecosystem, d.name, v) && match(d.version, packageCompare(d.ecosystem)))
      .map((d) => `${d.manifestPath}: ${d.ecosystem} ${d.name} ${d.version ?? d.requirement ?? ''}`.trim());
    return { hits: [...new Set(hits)], unknown };
  }
  if (kind === 'runtime') {
    const hits = facts.runtimes
      .filter((r) => r.kind.toLowerCase() === v.name.toLowerCase() && match(r.version, cycleCompare))
      .map((r) => `${r.path}: ${r.kind} ${r.version}${r.role ? ` (${r.role})` : ''}`);
    return { hits, unknown };
  }
  const hits = facts.images
    .filter((i) => sameImage(i.name, v.name) && match(i.version, cycleCompare))
    .map((i) => `${i.path}${i.line ? `:${i.line}` : ''}: ${i.name}${i.version ? `:${i.version}` : ''}`);
  return { hits, unknown };
}

function samePackage(ecosystem: string, name: string, want: Versioned): boolean {
  if (want.ecosystem !== undefined && want.ecosystem.toLowerCase() !== ecosystem.toLowerCase()) return false;
  // PyPI names compare normalised (PEP 503); others as written.
  if (ecosystem === 'PyPI') return pep503(name) === pep503(want.name);
  return name === want.name;
}

const pep503 = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');

/** `mysql` names `mysql`, `library/mysql` and `docker.io/library/mysql`; a name with a registry matches exactly. */
function sameImage(image: string, want: string): boolean {
  const strip = (n: string) =>
    n
      .toLowerCase()
      .replace(/^docker\.io\//, '')
      .replace(/^library\//, '');
  return strip(image) === strip(want);
}

/** forbid: dependencies whose licence needs a forbidden one; require: those whose licence is none of the allowed. */
function licences(raw: unknown, facts: RepositoryFacts, action: 'forbid' | 'require'): Judged {
  const ids = Array.isArray(raw) ? (raw as string[]) : [String(raw)];
  const policy = action === 'forbid' ? { allow: [], deny: ids } : { allow: ids, deny: [] };
  const bad = action === 'forbid' ? 'denied' : 'not-allowed';
  let unknown = 0;
  const hits: string[] = [];
  for (const d of facts.dependencies) {
    const verdict = judge(d.license, policy);
    if (verdict === 'unknown') unknown++;
    else if (verdict === bad)
      hits.push(`${d.manifestPath}: ${d.ecosystem} ${d.name} ${d.version ?? ''} (${d.license})`);
  }
  return { hits: [...new Set(hits)], unknown };
}
