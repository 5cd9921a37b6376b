// `cto vulns [repo]`: advisories affecting each repository's current dependencies, matched now
// against the loaded OSV feeds.
import { Command } from 'commander';
import { ECOSYSTEMS, type Exposure } from '../collectors/types.ts';
import { CtoError } from '../errors.ts';
import type { SeverityLevel } from '../feeds/osv/severity.ts';
import { type Coverage, coverageFixes, describeCoverage, repositoryGap } from '../findings/coverage.ts';
import { findVulnerabilities, SEVERITY_ORDER, severityRank } from '../findings/vulnerabilities/find.ts';
import { loadTeams } from '../office/teams.ts';
import { ownerResolver } from '../risk/owners.ts';
import { rankProblems } from '../risk/score.ts';
import { type VulnerabilityProblem, vulnerabilityProblems } from '../risk/vulnerability-problems.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { choiceOption, globalOptions, scopeOption, withStore } from './context.ts';
import {
  type Cell,
  formatNumber,
  printError,
  printJson,
  printLine,
  printTable,
  styled,
  textColumn,
} from './output.ts';

interface VulnsFlags {
  severity?: SeverityLevel;
  ecosystem?: string;
  failOn?: SeverityLevel;
  allowPartial?: boolean;
  scope?: Exposure[];
  json?: boolean;
}

const levels = SEVERITY_ORDER.filter((l) => l !== 'unknown' && l !== 'none');

type Ranked = VulnerabilityProblem & { score: number };

function severityCell(p: Ranked): Cell {
  const { level, score } = p.vulnerability.advisorySeverity;
  const text = `${level}${score === null ? '' : ` ${score.toFixed(1)}`}`;
  if (level === 'critical' || level === 'high') return styled('red', text);
  return level === 'medium' ? styled('yellow', text) : text;
}

/** One row per vulnerability (advisory, repository and package), every affected version in it. */
function printProblems(problems: Ranked[]): void {
  const rows = problems.map((p) => {
    const v = p.vulnerability;
    return [
      p.repository,
      v.id,
      [v.groupId, ...p.aliases].filter((a) => a !== v.id).join(' '),
      severityCell(p),
      p.score.toFixed(1),
      p.exposure,
      `${v.ecosystem}:${v.name}`,
      v.versions.join(' '),
      v.fixedVersion ?? 'none',
      v.paths.map((path) => path.join(' > ')).join('; '),
    ];
  });
  const headers = [
    'repository',
    'advisory',
    'aliases',
    'severity',
    'risk',
    'scope',
    'package',
    'installed',
    'fixed in',
    textColumn('path'),
  ];
  printTable(headers, rows);
}

/** A vulnerability of `--json`: the advisory, every affected version and path as arrays, its score. */
function problemJson(p: Ranked) {
  const { vulnerability: v, ...rest } = p;
  return {
    key: rest.key,
    repository: rest.repository,
    groupId: v.groupId,
    id: v.id,
    recordIds: v.recordIds,
    aliases: [v.groupId, ...rest.aliases].filter((a) => !v.recordIds.includes(a)).sort(),
    ecosystem: v.ecosystem,
    name: v.name,
    versions: v.versions,
    fixedVersion: v.fixedVersion,
    summary: v.summary,
    severity: v.advisorySeverity,
    published: rest.since,
    direct: rest.direct,
    exposure: rest.exposure,
    score: rest.score,
    owner: rest.owner,
    manifests: v.manifests,
    paths: v.paths,
    occurrences: rest.occurrences,
  };
}

/** Whether some of what `--fail-on` must judge was not checked (a repository with no manifest has nothing). */
const hasGaps = (c: Coverage) => c.status !== 'checked' && c.status !== 'nothing-to-check';

function notCheckedError(c: Coverage, failOn: SeverityLevel): CtoError {
  const all = c.repositories.filter((r) => repositoryGap(r) !== null).map((r) => r.repository);
  const gaps = all.length <= 6 ? all : [...all.slice(0, 5), `${all.length - 5} more`];
  const what =
    c.checked === 0
      ? 'nothing was checked for vulnerabilities'
      : `${formatNumber(c.total - c.checked)} of ${formatNumber(c.total)} package versions were not checked`;
  return new CtoError(
    'NOT_CHECKED',
    `--fail-on ${failOn} cannot pass: ${what} (${gaps.join(', ')}); ${[...coverageFixes(c), 'or add --allow-partial to judge only what was checked'].join('; ')}`,
  );
}

export function vulnsCommand(): Command {
  return new Command('vulns')
    .description(
      'advisories (OSV) affecting the current dependencies of each repository, matched against the loaded feeds; what was not checked is said first',
    )
    .argument('[repo]', 'only this repository (name as `cto repos` shows it)')
    .addOption(choiceOption('--severity <level>', 'only findings at or above this level', levels))
    .addOption(choiceOption('--ecosystem <name>', 'only this ecosystem', ECOSYSTEMS))
    .addOption(
      choiceOption(
        '--fail-on <level>',
        'exit 1 when a finding is at or above this level; exit 2 (NOT_CHECKED) when some dependencies were not checked',
        levels,
      ),
    )
    .addOption(scopeOption('findings'))
    .option('--allow-partial', 'with --fail-on, judge only what was checked (what was not is still printed)')
    .option('--json', 'print a JSON document (schema cto.vulns/v2)')
    .addHelpText(
      'after',
      '\nExit codes: 0 no finding at or above --fail-on; 1 some finding is; 2 with --fail-on, some\ndependencies in scope were not checked (no feed loaded, ranges without a lockfile, a failed\nscan) and --allow-partial was not given, or a usage error.',
    )
    .action(async (repo: string | undefined, flags: VulnsFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const { report, problems, document } = await vulnsFacts(store, ws, { ...flags, repository: repo });
        const { coverage } = report;
        const refused = flags.failOn && !flags.allowPartial && hasGaps(coverage);
        if (flags.failOn && document.failing > 0) process.exitCode = 1;
        if (flags.json) printJson('cto.vulns/v2', document);
        else printReport(report, problems);
        if (refused) throw notCheckedError(coverage, flags.failOn!);
      });
    });
}

interface VulnsQuery {
  repository?: string | undefined;
  severity?: SeverityLevel | undefined;
  ecosystem?: string | undefined;
  failOn?: SeverityLevel | undefined;
  allowPartial?: boolean | undefined;
  scope?: Exposure[] | undefined;
}

/** The advisories matched now, ranked as risks, and `cto vulns --json`'s body (schema cto.vulns/v2). */
async function vulnsFacts(store: Store, ws: Workspace, q: VulnsQuery) {
  const report = await findVulnerabilities(store, {
    repository: await resolveRepositoryName(store, q.repository),
    ecosystem: q.ecosystem,
    minSeverity: q.severity,
    ...(q.scope ? { scopes: q.scope } : {}),
  });
  const failOn = q.failOn;
  const failing = failOn
    ? report.findings.filter((f) => severityRank(f.severity.level) >= severityRank(failOn))
    : [];
  const today = new Date().toISOString().slice(0, 10);
  const problems = rankProblems(
    vulnerabilityProblems(report.findings, ownerResolver(loadTeams(ws.dir))),
    today,
    ws.config.risk,
  );
  const document = {
    ...report,
    findings: problems.map(problemJson),
    failOn: failOn ?? null,
    allowPartial: q.allowPartial === true,
    failing: failing.length,
  };
  return { report, problems, document };
}

/** `cto vulns --json`'s body (schema cto.vulns/v2). */
export async function vulnsDocument(store: Store, ws: Workspace, q: VulnsQuery) {
  return (await vulnsFacts(store, ws, q)).document;
}

function printReport(report: Awaited<ReturnType<typeof findVulnerabilities>>, problems: Ranked[]): void {
  const { coverage } = report;
  for (const line of describeCoverage(coverage)) printLine(line);
  if (coverage.checked === 0) return;
  const rest = hasGaps(coverage) ? '; the rest was not checked' : '';
  if (report.findings.length === 0) {
    printLine(
      `No known vulnerabilities in the ${formatNumber(coverage.checked)} package versions checked${rest}.`,
    );
    return;
  }
  printProblems(problems);
  printError(
    `${problems.length} vulnerabilities (${report.findings.length} affected package versions) in ${formatNumber(coverage.checked)} package versions checked${rest}, highest risk first`,
  );
}
