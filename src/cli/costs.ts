// `cto costs`: spend per month and per team, repository, service and provider from the imported
// FinOps FOCUS exports, allocated by the `costs` rules of cto.yaml; `cto costs import <file>` loads an
// export (docs/costs.md).
import { Command } from 'commander';
import { type AllocatedCost, allocatedCosts } from '../costs/allocate.ts';
import { type CostImportSummary, importFocusFile } from '../costs/import.ts';
import { formatAmount, parseAmount, roundAmount } from '../costs/money.ts';
import {
  type Amounts,
  COST_GROUPS,
  type CostGroup,
  type CostRow,
  type CostSummary,
  costsBy,
  lastChange,
  summariseCosts,
} from '../costs/summary.ts';
import { loadTeams } from '../office/teams.ts';
import { listCostImports } from '../store/costs.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { choiceOption, globalOptions, parseMonthOption, withStore, withWritableStore } from './context.ts';
import { type Cell, formatNumber, printJson, printLine, printTable, styled, textColumn } from './output.ts';

/** Units rounded to cents with thousands separators, for people: `1,234.57`. */
function money(units: bigint): string {
  const [whole = '0', cents = '00'] = roundAmount(units).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  return `${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

function exact(text: string): string {
  const units = parseAmount(text);
  return typeof units === 'bigint' ? money(units) : text;
}

function printImport(s: CostImportSummary): void {
  const totals = Object.entries(s.totals)
    .map(([cur, t]) => `billed ${cur} ${exact(t.billed)}, effective ${cur} ${exact(t.effective)}`)
    .join('; ');
  const periods = s.periods.map((p) => `${p.start} to ${p.end} (account ${p.account})`);
  if (s.status === 'unchanged') {
    printLine(styled('dim', 'unchanged'), ` ${s.source}: the same file is already imported`);
  } else {
    const replaced = s.replaced > 0 ? `, replacing ${s.replaced} earlier import(s)` : '';
    printLine(styled('green', 'imported'), ` ${formatNumber(s.rows)} charges from ${s.source}${replaced}`);
  }
  printLine(`  ${totals}`);
  printLine(`  billing periods: ${periods.join(', ')}`);
}

function importCommand(): Command {
  return new Command('import')
    .description(
      'load a FinOps FOCUS 1.0-1.2 cost export (CSV, plain or .gz); a corrected export replaces the billing periods it holds, the same file twice changes nothing',
    )
    .argument('<file>', 'the FOCUS CSV export')
    .option('--json', 'print a JSON document (schema cto.costs-import/v1)')
    .action(async (file: string, flags: { json?: boolean }, cmd: Command) => {
      await withWritableStore(globalOptions(cmd), async (store) => {
        const summary = await importFocusFile(store, file);
        // `--json` after `import` may be read by `cto costs`, which has the same option.
        const json = flags.json || (cmd.optsWithGlobals() as { json?: boolean }).json;
        if (json) printJson('cto.costs-import/v1', { ...summary });
        else printImport(summary);
      });
    });
}

/** Money cells padded to one width per column, so amounts line up on the decimal point. */
function alignMoney(rows: Cell[][], from: number): Cell[][] {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      if (i >= from && typeof c === 'string') widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  return rows.map((r) =>
    r.map((c, i) => (i >= from && typeof c === 'string' ? c.padStart(widths[i] ?? 0) : c)),
  );
}

const UNALLOCATED = '(unallocated)';
/** Month columns a group table shows (the total covers every month). */
const MONTH_COLUMNS = 3;
/** Rows a group table shows when every group is printed (all with `--by`). */
const TOP = 10;

function changeCell(row: CostRow): Cell {
  const c = lastChange(row);
  if (!c) return '';
  if (c.percent === null) return c.billed === 0n ? '' : `+${money(c.billed)}`;
  return `${c.percent > 0 ? '+' : ''}${c.percent.toFixed(1)}%`;
}

function printGroup(by: CostGroup, rows: CostRow[], summary: CostSummary, all: boolean): void {
  const multi = summary.currencies.length > 1;
  const months = summary.months.length > 1 ? summary.months.slice(-MONTH_COLUMNS) : [];
  const shown = all ? rows : rows.slice(0, TOP);
  // The unallocated row is always shown, even when it falls outside the top rows.
  for (const r of rows) if (r.name === null && !shown.includes(r)) shown.push(r);
  printLine('');
  printLine(styled('bold', `By ${by}`));
  printTable(
    [textColumn(by), ...(multi ? ['currency'] : []), ...months, 'billed', 'effective', 'change'],
    alignMoney(
      shown.map((r) => [
        r.name ?? styled('yellow', UNALLOCATED),
        ...(multi ? [r.currency] : []),
        ...months.map((m) => money((r.months[summary.months.indexOf(m)] as Amounts).billed)),
        money(r.billed),
        money(r.effective),
        changeCell(r),
      ]),
      multi ? 2 : 1,
    ),
  );
  if (shown.length < rows.length)
    printLine(styled('dim', `${rows.length - shown.length} more: cto costs --by ${by}`));
}

function unallocatedLine(costs: readonly AllocatedCost[], summary: CostSummary): string {
  const parts = summary.totals.map((t) => {
    const dims = (['team', 'repository'] as const).map((by) => {
      const u = costsBy(costs, summary, by).find((r) => r.name === null && r.currency === t.currency);
      const billed = u?.billed ?? 0n;
      const share =
        t.billed === 0n ? '' : ` (${(Number((billed * 1000n) / t.billed) / 10 || 0).toFixed(1)}%)`;
      return `${by} ${t.currency} ${money(billed)}${share}`;
    });
    return dims.join(', ');
  });
  return `Unallocated (billed): ${parts.join('; ')}`;
}

function printCosts(costs: AllocatedCost[], by: CostGroup | undefined): void {
  const summary = summariseCosts(costs);
  const multi = summary.currencies.length > 1;
  const range =
    summary.months.length > 1 ? `${summary.months[0]} to ${summary.months.at(-1)}` : summary.months[0];
  printLine(
    styled('bold', `Spend ${range}`),
    ` (${summary.currencies.join(', ')}; billed as invoiced, effective with discounts and prepayments spread)`,
  );
  const rows: Cell[][] = [];
  summary.months.forEach((month, i) => {
    for (const t of summary.totals) {
      const m = t.months[i] as Amounts;
      const prev = i > 0 ? (t.months[i - 1] as Amounts) : null;
      const change = prev ? lastChange({ ...t, months: [prev, m] }) : null;
      const pct = change?.percent;
      rows.push([
        month,
        ...(multi ? [t.currency] : []),
        money(m.billed),
        money(m.effective),
        pct === null || pct === undefined ? '' : `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`,
      ]);
    }
  });
  for (const t of summary.totals) {
    rows.push([
      styled('bold', 'total'),
      ...(multi ? [t.currency] : []),
      money(t.billed),
      money(t.effective),
      '',
    ]);
  }
  printTable(
    ['month', ...(multi ? ['currency'] : []), 'billed', 'effective', 'change'],
    alignMoney(rows, multi ? 2 : 1),
  );
  printLine(unallocatedLine(costs, summary));
  const groups: CostGroup[] = by ? [by] : ['team', 'repository', 'service', 'provider'];
  for (const g of groups) printGroup(g, costsBy(costs, summary, g), summary, by !== undefined);
}

const amounts = (a: Amounts) => ({ billed: formatAmount(a.billed), effective: formatAmount(a.effective) });

function jsonRows(rows: CostRow[], summary: CostSummary) {
  return rows.map((r) => {
    const change = lastChange(r);
    return {
      name: r.name,
      currency: r.currency,
      ...amounts(r),
      months: r.months.map((m, i) => ({ month: summary.months[i], ...amounts(m) })),
      change: change ? { billed: formatAmount(change.billed), percent: change.percent } : null,
    };
  });
}

/** The imports, the allocated costs and `cto costs --json`'s body (schema cto.costs/v1). */
async function costsFacts(
  store: Store,
  ws: Workspace,
  q: { by?: CostGroup | undefined; since?: string | undefined },
) {
  const imports = await listCostImports(store);
  const costs = await allocatedCosts(store, ws.config.costs, loadTeams(ws.dir), q.since);
  const summary = summariseCosts(costs);
  const groups: CostGroup[] = q.by ? [q.by] : [...COST_GROUPS];
  const document = {
    since: q.since ?? null,
    months: summary.months,
    currencies: summary.currencies,
    totals: jsonRows(summary.totals, summary).map(({ name: _, change: __, ...t }) => t),
    groups: Object.fromEntries(groups.map((g) => [g, jsonRows(costsBy(costs, summary, g), summary)])),
    imports: imports.map((i) => ({
      source: i.source,
      importedAt: i.importedAt,
      rows: i.rows,
      periods: i.periods,
    })),
    rules: ws.config.costs?.rules?.length ?? 0,
  };
  return { imports, costs, document };
}

/** `cto costs --json`'s body (schema cto.costs/v1). */
export async function costsDocument(
  store: Store,
  ws: Workspace,
  q: { by?: CostGroup | undefined; since?: string | undefined },
) {
  return (await costsFacts(store, ws, q)).document;
}

interface ShowFlags {
  by?: CostGroup;
  since?: string;
  json?: boolean;
}

export function costsCommand(): Command {
  return new Command('costs')
    .description(
      'spend per month and per team, repository, service and provider from imported FinOps FOCUS exports, allocated by the costs rules of cto.yaml, with the change on the month before and what is unallocated',
    )
    .addOption(choiceOption('--by <group>', 'one grouping, every row', COST_GROUPS))
    .option('--since <YYYY-MM>', 'only spend from this month on', parseMonthOption('--since'))
    .option('--json', 'print a JSON document (schema cto.costs/v1)')
    .action(async (flags: ShowFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const { imports, costs, document } = await costsFacts(store, ws, flags);
        if (flags.json) {
          printJson('cto.costs/v1', document);
          return;
        }
        if (imports.length === 0) {
          printLine(
            'No cost data: import a FinOps FOCUS export with `cto costs import <file>` (docs/costs.md).',
          );
          return;
        }
        if (costs.length === 0) {
          printLine(`No spend from ${flags.since} on in the imported cost data.`);
          return;
        }
        printCosts(costs, flags.by);
      });
    })
    .addCommand(importCommand());
}
