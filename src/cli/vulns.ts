// `cto vulns [repo]`: advisories affecting each repository's current dependencies, matched now
// against the loaded OSV feeds.
import { Command } from 'commander';
import { ECOSYSTEMS } from '../collectors/types.ts';
import type { SeverityLevel } from '../feeds/osv/severity.ts';
import {
  findVulnerabilities,
  SEVERITY_ORDER,
  severityRank,
  type VulnFinding,
} from '../findings/vulnerabilities/find.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import { choiceOption, globalOptions, withStore } from './context.ts';
import { type Cell, printError, printJson, printLine, printTable, styled, textColumn } from './output.ts';

interface VulnsFlags {
  severity?: SeverityLevel;
  ecosystem?: string;
  failOn?: SeverityLevel;
  json?: boolean;
}

const levels = SEVERITY_ORDER.filter((l) => l !== 'unknown' && l !== 'none');

function severityCell(f: VulnFinding): Cell {
  const score = f.severity.score === null ? '' : ` ${f.severity.score.toFixed(1)}`;
  const text = `${f.severity.level}${score}`;
  if (f.severity.level === 'critical' || f.severity.level === 'high') return styled('red', text);
  return f.severity.level === 'medium' ? styled('yellow', text) : text;
}

function printFindings(findings: VulnFinding[]): void {
  const rows = findings.map((f) => [
    f.repository,
    f.id,
    f.aliases.join(' '),
    severityCell(f),
    `${f.ecosystem}:${f.name}`,
    f.version,
    f.fixedVersion ?? 'none',
    f.paths.map((p) => p.join(' > ')).join('; '),
  ]);
  const headers = [
    'repository',
    'advisory',
    'aliases',
    'severity',
    'package',
    'installed',
    'fixed in',
    textColumn('path'),
  ];
  printTable(headers, rows);
}

export function vulnsCommand(): Command {
  return new Command('vulns')
    .description(
      'advisories (OSV) affecting the current dependencies of each repository, matched against the loaded feeds',
    )
    .argument('[repo]', 'only this repository (name as `cto repos` shows it)')
    .addOption(choiceOption('--severity <level>', 'only findings at or above this level', levels))
    .addOption(choiceOption('--ecosystem <name>', 'only this ecosystem', ECOSYSTEMS))
    .addOption(choiceOption('--fail-on <level>', 'exit 1 when a finding is at or above this level', levels))
    .option('--json', 'print a JSON document (schema cto.vulns/v1)')
    .action(async (repo: string | undefined, flags: VulnsFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const report = await findVulnerabilities(store, {
          repository: await resolveRepositoryName(store, repo),
          ecosystem: flags.ecosystem,
          minSeverity: flags.severity,
        });
        const failing = flags.failOn
          ? report.findings.filter((f) => severityRank(f.severity.level) >= severityRank(flags.failOn!))
          : [];
        if (flags.failOn && failing.length > 0) process.exitCode = 1;
        if (flags.json) {
          printJson('cto.vulns/v1', { ...report, failOn: flags.failOn ?? null, failing: failing.length });
          return;
        }
        for (const m of report.missingFeeds)
          printLine(
            `${m.repository}: no advisories loaded for ${m.ecosystem} (run cto feed update or cto feed import)`,
          );
        if (report.findings.length === 0) {
          printLine(`No known vulnerabilities in ${report.packagesChecked} package versions checked.`);
          return;
        }
        printFindings(report.findings);
        const vulns = new Set(report.findings.map((f) => `${f.repository} ${f.groupId}`)).size;
        printError(
          `${report.findings.length} findings (${vulns} vulnerabilities) in ${report.packagesChecked} package versions checked`,
        );
      });
    });
}
