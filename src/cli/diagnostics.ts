// `cto diagnostics [repo]`: what the last scans reported: problems in the scanned material (a file
// over the size cap, a manifest that does not parse, objects read from outside the scanned folder),
// and a later scan that failed.
import { Command } from 'commander';
import {
  type LastScan,
  lastScans,
  type ScanDiagnostic,
  SEVERITIES,
  type Severity,
  scanDiagnostics,
} from '../store/diagnostics.ts';
import { choiceOption, globalOptions, withStore } from './context.ts';
import {
  type Cell,
  formatNumber,
  pathColumn,
  printError,
  printJson,
  printLine,
  printTable,
  shortSha,
  styled,
  textColumn,
} from './output.ts';

interface DiagnosticsFlags {
  severity?: Severity;
  kind?: string;
  collector?: string;
  json?: boolean;
}

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function diagnosticsCommand(): Command {
  return new Command('diagnostics')
    .description(
      'list what the last scans reported: problems in the scanned material, per repository, and scans that failed',
    )
    .argument('[repo]', 'a repository name (see `cto repos`); all repositories when omitted')
    .addOption(choiceOption('--severity <level>', 'only diagnostics at or above this level', SEVERITIES))
    .option('--kind <codes>', 'only these kinds, comma-separated (e.g. too-large,parse-error)')
    .option(
      '--collector <ids>',
      'only from these stages, collectors or analyses, comma-separated (e.g. discover,npm-lock)',
    )
    .option('--json', 'print a JSON document (schema cto.diagnostics/v1)')
    .action(async (repo: string | undefined, flags: DiagnosticsFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const scans = await lastScans(store, repo);
        const diagnostics = await scanDiagnostics(store, scans, {
          minSeverity: flags.severity,
          codes: list(flags.kind),
          collectors: list(flags.collector),
        });
        if (flags.json) {
          printJson('cto.diagnostics/v1', { repositories: scans, diagnostics });
          return;
        }
        printDiagnostics(scans, diagnostics);
      });
    });
}

function severityCell(severity: string): Cell {
  if (severity === 'error') return styled('red', severity);
  return severity === 'warning' ? styled('yellow', severity) : severity;
}

function printDiagnostics(scans: readonly LastScan[], diagnostics: readonly ScanDiagnostic[]): void {
  if (scans.length === 0) {
    printLine('No repositories in the store yet. Run `cto scan <path>` first.');
    return;
  }
  if (diagnostics.length === 0) {
    printLine('No diagnostics in the last scans.');
  } else {
    const rows = diagnostics.map((d) => [
      d.repository,
      severityCell(d.severity),
      d.collector,
      d.code,
      d.path ?? '',
      d.message,
    ]);
    printTable(['repository', 'severity', 'from', 'kind', pathColumn('path'), textColumn('message')], rows);
  }
  for (const s of scans) printError(tally(s, diagnostics));
}

/** "express: 3 diagnostics (1 error, 2 warnings) in snapshot 12 of a1b2c3d4e5f6". */
function tally(scan: LastScan, diagnostics: readonly ScanDiagnostic[]): string {
  const own = diagnostics.filter((d) => d.repository === scan.repository);
  const counts = SEVERITIES.toReversed()
    .map((s) => [s, own.filter((d) => d.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${formatNumber(n)} ${s}${n > 1 && s !== 'info' ? 's' : ''}`);
  const where = scan.current
    ? `snapshot ${scan.current.snapshotId} of ${shortSha(scan.current.commit)}`
    : 'no finished scan';
  const what =
    own.length === 0 ? 'no diagnostics' : `${formatNumber(own.length)} diagnostics (${counts.join(', ')})`;
  return `${scan.repository}: ${what}, ${where}`;
}
