// `cto vendors`: the contracts of vendors.yaml joined to the scan: what we pay for and do not use, what we
// use and do not pay for, renewals needing a decision, seats bought versus used.
import { Command } from 'commander';
import { loadVendorsRegister } from '../budget/load-vendors.ts';
import { formatMoney, formatTotals } from '../budget/money.ts';
import type { ContractView, VendorsRegister } from '../budget/vendors.ts';
import { globalOptions, withStore } from './context.ts';
import { printError, printJson, printLine, printTable, textColumn } from './output.ts';
import { dayOf, todayOption } from './reference.ts';

export function vendorsCommand(): Command {
  return new Command('vendors')
    .description(
      'vendor contracts (vendors.yaml) joined to the scan: unused contracts, commercial technologies with no contract, renewals to decide, seats',
    )
    .addOption(todayOption('renewals and notice dates count from'))
    .option('--json', 'print a JSON document (schema cto.vendors/v1)')
    .action(async (flags: { json?: boolean; today?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const register = await loadVendorsRegister(store, ws, dayOf(flags));
        if (register.file.problem !== null) {
          printError(`cto: ${register.file.problem} [CONFIG_INVALID]`);
          process.exitCode = 2;
        }
        if (flags.json) {
          printJson('cto.vendors/v1', { ...register });
          return;
        }
        printRegister(register);
      });
    });
}

function printRegister(r: VendorsRegister): void {
  if (!r.file.present) printLine('No vendors.yaml in the workspace: see docs/budget.md.');
  if (r.file.present && r.file.problem === null) {
    printLine(
      `Contracts: ${r.contracts.length}, ${formatTotals(r.totals.perYear)} a year; ${r.repositories} ${r.repositories === 1 ? 'repository' : 'repositories'} scanned`,
    );
    const unused = r.contracts.filter((c) => c.use === 'unused');
    printLine(
      `Paying for what we do not use: ${unused.length === 0 ? 'none' : `${unused.map(name).join(', ')} (${formatTotals(r.totals.unusedPerYear)} a year)`}`,
    );
  }
  if (r.file.problem === null) {
    const label = r.file.present
      ? 'Using what we do not pay for'
      : 'Commercial technologies in runtime use (no vendors.yaml to check)';
    printLine(
      `${label}: ${r.uncovered.length === 0 ? 'none' : r.uncovered.map((u) => `${u.name} (${u.repositories.join(', ')})`).join('; ')}`,
    );
  }
  const decide = r.contracts.filter((c) => c.renewalStatus === 'decide');
  if (decide.length > 0)
    printLine(
      `Decisions needed: ${decide.map((c) => `${name(c)} renews ${c.renewal}, notice by ${c.noticeBy}`).join('; ')}`,
    );
  const passed = r.contracts.filter((c) => c.renewalStatus === 'passed');
  if (passed.length > 0)
    printLine(`Renewal date passed (update vendors.yaml): ${passed.map(name).join(', ')}`);
  if (r.contracts.length === 0) return;
  printLine('');
  printTable(
    [
      'vendor',
      'cost a year',
      'renewal',
      'notice by',
      'status',
      'seats used',
      'use',
      'owner',
      textColumn('technologies'),
    ],
    r.contracts.map((c) => [
      name(c),
      c.costPerYear ? formatMoney(c.costPerYear) : '-',
      c.renewal ?? '-',
      c.noticeBy ?? '-',
      c.renewalStatus,
      seatsText(c.seats),
      c.use,
      c.owner ?? '-',
      c.technologies
        .map((t) => `${t.name}${t.repositories.length > 0 ? ` (${t.repositories.join(' ')})` : ''}`)
        .join(', '),
    ]),
  );
}

function name(c: ContractView): string {
  return c.product ? `${c.vendor} ${c.product}` : c.vendor;
}

function seatsText(s: ContractView['seats']): string {
  if (!s) return '-';
  if (s.used === null) return `? of ${s.bought}`;
  return `${s.used} of ${s.bought}${s.usedShare === null ? '' : ` (${Math.round(s.usedShare * 100)}%)`}`;
}
