// `cto eol [repo]`: runtimes, container images and framework packages with their support end, end of
// life and runway, from the loaded endoflife.date data.
import { Command } from 'commander';
import type { Exposure } from '../collectors/types.ts';
import type { Phase } from '../feeds/endoflife/model.ts';
import { describeEolCoverage, eolCoverage } from '../findings/coverage.ts';
import { type EolStatus, findEol, type RuntimeInUse } from '../findings/eol/find.ts';
import { type EolItem, groupEolRows } from '../findings/eol/group.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
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

/** A status in its colour; `text` says more than the status alone (the cycles at it). */
function statusCell(status: EolStatus, text: string = status, cycle: string | null = null): Cell {
  if (status === 'past-eol') return styled('red', text);
  if (status === 'within-window' || status === 'admits-only-eol') return styled('yellow', text);
  // No product or no cycle: nothing was checked, which is not the same as supported.
  return status === 'unknown' && cycle === null ? 'not checked' : status;
}

const RANK: Record<EolStatus, number> = {
  'past-eol': 5,
  'within-window': 4,
  'admits-only-eol': 3,
  unknown: 2,
  supported: 1,
  'admits-supported': 0,
};
const byNumber = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * One line per repository and runtime: the releases pinned (version files, container images of the
 * runtime) with each status among them, worst first, and the cycles at it, or "not pinned" when only
 * floors declare it. A cycle only CI tests beside a supported one (a compatibility test, as the risks judge
 * it) does not set the status: it is named after it, "CI also tests 16 (past-eol)".
 */
function printInUse(uses: RuntimeInUse[]): void {
  if (uses.length === 0) return;
  const cells = uses.map((u) => {
    const floors = [...new Set(u.floors.map((f) => f.version ?? ''))].sort(byNumber).join(', ');
    if (u.pins.length === 0)
      return [u.repository, u.product, styled('dim', 'not pinned'), styled('yellow', 'not checked'), floors];
    // A moving release (`stable`, `lts/*`, `^1`) with the cycle it stands for today: `stable=1.91`.
    const name = (p: RuntimeInUse['pins'][number]) =>
      p.cycle !== null && p.version !== null && !p.version.includes(p.cycle)
        ? `${p.version}=${p.cycle}`
        : (p.cycle ?? p.version ?? '');
    const names = (pins: RuntimeInUse['pins']) => [...new Set(pins.map(name))].sort(byNumber);
    const pinned = names(u.pins);
    const shipped = u.pins.filter((p) => !p.compatibilityTest);
    const tested = u.pins.filter((p) => p.compatibilityTest);
    // Each status of the shipped pins, worst first, with its cycles (one pin alone: its status).
    const statuses = [...new Set(shipped.map((p) => p.status))].sort((a, b) => RANK[b] - RANK[a]);
    const worst = statuses[0]!;
    const said = (st: EolStatus) => (st === 'unknown' ? 'not checked' : st);
    let status =
      u.pins.length === 1
        ? said(worst)
        : statuses
            .map((st) => `${said(st)} (${names(shipped.filter((p) => p.status === st)).join(', ')})`)
            .join('; ');
    if (tested.length > 0) {
      const byStatus = (['past-eol', 'within-window'] as const)
        .map((st) => [st, names(tested.filter((p) => p.status === st))] as const)
        .filter(([, l]) => l.length > 0)
        .map(([st, l]) => `${l.join(', ')} (${st})`);
      status += `; CI also tests ${byStatus.join(', ')}`;
    }
    return [
      u.repository,
      u.product,
      pinned.join(', '),
      RANK[worst] >= 4 ? statusCell(worst, status) : status,
      floors,
    ];
  });
  printTable(['repository', 'runtime', 'in use (pinned)', 'status', 'declared floor'], cells);
  printLine('');
}

function printEol(rows: EolItem[]): void {
  const cells = rows.map((r) => [
    r.repository,
    r.kind,
    r.role ?? '',
    r.subject,
    r.versions.join(' '),
    r.product ?? '',
    r.admits && r.admits.length > 1 ? `${r.admits.at(-1)} to ${r.admits[0]}` : (r.cycle ?? ''),
    phaseCell(r.supportEnd),
    phaseCell(r.eol),
    r.runwayMonths,
    statusCell(r.status, r.status, r.cycle),
    r.exposure,
    r.paths.join(' '),
  ]);
  const headers = [
    'repository',
    'kind',
    'role',
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
        const doc = await eolDocument(store, ws, {
          repository: repo,
          today: dayOf(flags),
          window: flags.window,
          scope: flags.scope,
        });
        if (flags.json) {
          printJson('cto.eol/v2', doc);
          return;
        }
        const { coverage, inUse, rows } = doc;
        printLine(describeEolCoverage(coverage));
        if (rows.length === 0) {
          printLine('No runtimes, container images or tracked frameworks found in the current snapshots.');
          return;
        }
        printInUse(inUse);
        printEol(rows);
      });
    });
}

/** `cto eol --json`'s body (schema cto.eol/v2). */
export async function eolDocument(
  store: Store,
  ws: Workspace,
  q: {
    repository?: string | undefined;
    today: string;
    window?: number | undefined;
    scope?: Exposure[] | undefined;
  },
) {
  const query = {
    repository: await resolveRepositoryName(store, q.repository),
    today: q.today,
    windowMonths: windowMonths(q.window, ws),
    ...(q.scope ? { scopes: q.scope } : {}),
  };
  const found = await findEol(store, query);
  const { productsLoaded, inUse } = found;
  const coverage = eolCoverage(found.rows, productsLoaded);
  return { ...query, productsLoaded, coverage, inUse, rows: groupEolRows(found.rows) };
}
