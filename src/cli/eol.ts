// `cto eol [repo]`: runtimes, container images and framework packages with their support end, end of
// life and runway, from the loaded endoflife.date data.
import { Command } from 'commander';
import type { Exposure } from '../collectors/types.ts';
import type { Phase } from '../feeds/endoflife/model.ts';
import { describeEolCoverage, eolCoverage } from '../findings/coverage.ts';
import { findEol } from '../findings/eol/find.ts';
import { type EolItem, groupEolRows } from '../findings/eol/group.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, parseNumberOption, scopeOption, withStore } from './context.ts';
import { type Cell, pathColumn, printJson, printLine, printTable, styled } from './output.ts';
import { dayOf, todayOption } from './reference.ts';

interface EolFlags {
  scope?: Exposure[];
  today?: string;
  window?: number;
  json?: boolean;
}

function windowMonths(flag: number | undefined, ws: Workspace): number {
  if (flag !== undefined) return flag;
  // Validated with cto.yaml when the workspace was loaded.
  return ws.config.eol?.windowMonths ?? 6;
}

const phaseCell = (p: Phase): string => (p === true ? 'yes (no date)' : p === false ? 'no' : (p ?? ''));

function statusCell(r: EolItem): Cell {
  if (r.status === 'past-eol') return styled('red', r.status);
  if (r.status === 'within-window') return styled('yellow', r.status);
  // No product or no cycle: nothing was checked, which is not the same as supported.
  return r.status === 'unknown' && r.cycle === null ? 'not checked' : r.status;
}

function printEol(rows: EolItem[]): void {
  const cells = rows.map((r) => [
    r.repository,
    r.kind,
    r.subject,
    r.versions.join(' '),
    r.product ?? '',
    r.cycle ?? '',
    phaseCell(r.supportEnd),
    phaseCell(r.eol),
    r.runwayMonths,
    statusCell(r),
    r.exposure,
    r.paths.join(' '),
  ]);
  const headers = [
    'repository',
    'kind',
    'name',
    'versions',
    'product',
    'cycle',
    'support end',
    'eol',
    'runway (months)',
    'status',
    'scope',
    pathColumn('where'),
  ];
  printTable(headers, cells);
}

export function eolCommand(): Command {
  return new Command('eol')
    .description(
      'runtimes, container images and frameworks with their support end, end of life and runway (endoflife.date)',
    )
    .argument('[repo]', 'only this repository (name as `cto repos` shows it)')
    .addOption(todayOption('runway is counted from'))
    .option(
      '--window <months>',
      'runway at or under this many months (0 to 120) is within-window (default eol.windowMonths in cto.yaml, else 6)',
      parseNumberOption('--window', 0, 120),
    )
    .addOption(scopeOption('runtimes, images and packages'))
    .option('--json', 'print a JSON document (schema cto.eol/v2)')
    .action(async (repo: string | undefined, flags: EolFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const query = {
          repository: await resolveRepositoryName(store, repo),
          today: dayOf(flags),
          windowMonths: windowMonths(flags.window, ws),
          ...(flags.scope ? { scopes: flags.scope } : {}),
        };
        const found = await findEol(store, query);
        const { productsLoaded } = found;
        const coverage = eolCoverage(found.rows, productsLoaded);
        const rows = groupEolRows(found.rows);
        if (flags.json) {
          printJson('cto.eol/v2', { ...query, productsLoaded, coverage, rows });
          return;
        }
        printLine(describeEolCoverage(coverage));
        if (rows.length === 0) {
          printLine('No runtimes, container images or tracked frameworks found in the current snapshots.');
          return;
        }
        printEol(rows);
      });
    });
}
