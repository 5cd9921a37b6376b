// `cto costs import <file>`: load a FinOps FOCUS export into the store (docs/costs.md).
import { Command } from 'commander';
import { type CostImportSummary, importFocusFile } from '../costs/import.ts';
import { parseAmount, roundAmount } from '../costs/money.ts';
import { globalOptions, withWritableStore } from './context.ts';
import { formatNumber, printJson, printLine, styled } from './output.ts';

/** An exact decimal text rounded to cents for people: `USD 20.52`. */
function money(currency: string, exact: string): string {
  const units = parseAmount(exact);
  return `${currency} ${typeof units === 'bigint' ? roundAmount(units) : exact}`;
}

function printImport(s: CostImportSummary): void {
  const totals = Object.entries(s.totals)
    .map(([cur, t]) => `billed ${money(cur, t.billed)}, effective ${money(cur, t.effective)}`)
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
        if (flags.json) printJson('cto.costs-import/v1', { ...summary });
        else printImport(summary);
      });
    });
}

export function costsCommand(): Command {
  return new Command('costs')
    .description('cloud and SaaS spend from FinOps FOCUS exports, allocated to teams and repositories')
    .addCommand(importCommand());
}
