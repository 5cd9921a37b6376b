// `cto eol [repo]`: runtimes, container images and framework packages with their support end, end of
// life and runway, from the loaded endoflife.date data.
import { Command } from 'commander';
import { type EolRow, findEol } from '../analyses/eol/find.ts';
import { CtoError } from '../errors.ts';
import type { Phase } from '../feeds/endoflife/model.ts';
import { repositoryNames } from '../store/feed-reads.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, withStore } from './context.ts';
import { jsonDocument, out, renderTable } from './output.ts';

interface EolFlags {
  today?: string;
  window?: string;
  json?: boolean;
}

function windowMonths(flag: string | undefined, ws: Workspace): number {
  if (flag !== undefined) {
    const n = Number(flag);
    if (!Number.isFinite(n) || n < 0)
      throw new CtoError('USAGE', `--window takes a number of months, not "${flag}"`);
    return n;
  }
  // Validated with cto.yaml when the workspace was loaded.
  return ws.config.eol?.windowMonths ?? 6;
}

function today(flag: string | undefined): string {
  if (flag === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(flag) || Number.isNaN(Date.parse(flag)))
    throw new CtoError('USAGE', `--today takes a date as YYYY-MM-DD, not "${flag}"`);
  return flag;
}

const phaseCell = (p: Phase): string => (p === true ? 'yes (no date)' : p === false ? 'no' : (p ?? ''));

function statusCell(r: EolRow): string {
  if (r.status === 'past-eol') return out.red(r.status);
  return r.status === 'within-window' ? out.yellow(r.status) : r.status;
}

function printTable(rows: EolRow[]): void {
  const cells = rows.map((r) => [
    r.repository,
    r.kind,
    r.subject,
    r.version ?? '',
    r.product ?? '',
    r.cycle ?? '',
    phaseCell(r.supportEnd),
    phaseCell(r.eol),
    r.runwayMonths,
    statusCell(r),
    r.paths.join(' '),
  ]);
  const headers = [
    'repository',
    'kind',
    'name',
    'version',
    'product',
    'cycle',
    'support end',
    'eol',
    'runway (months)',
    'status',
    'where',
  ];
  process.stdout.write(`${renderTable(headers, cells)}\n`);
}

export function eolCommand(): Command {
  return new Command('eol')
    .description(
      'runtimes, container images and frameworks with their support end, end of life and runway (endoflife.date)',
    )
    .argument('[repo]', 'only this repository (name as `cto repos` shows it)')
    .option('--today <date>', 'the day runway is counted from, YYYY-MM-DD (default: today, UTC)')
    .option(
      '--window <months>',
      'runway at or under this is within-window (default eol.windowMonths in cto.yaml, else 6)',
    )
    .option('--json', 'print a JSON document (schema cto.eol/v1)')
    .action(async (repo: string | undefined, flags: EolFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const query = {
          repository: repo,
          today: today(flags.today),
          windowMonths: windowMonths(flags.window, ws),
        };
        if (repo && !(await repositoryNames(store)).includes(repo))
          throw new CtoError('USAGE', `no repository named "${repo}" in the store (see cto repos)`);
        const { rows, productsLoaded } = await findEol(store, query);
        if (flags.json) {
          process.stdout.write(jsonDocument('cto.eol/v1', { ...query, productsLoaded, rows }));
          return;
        }
        if (productsLoaded === 0)
          process.stdout.write(
            'no endoflife.date data loaded (run cto feed update or cto feed import): every status is unknown\n',
          );
        if (rows.length === 0) {
          process.stdout.write(
            'No runtimes, container images or tracked frameworks found in the current snapshots.\n',
          );
          return;
        }
        printTable(rows);
      });
    });
}
