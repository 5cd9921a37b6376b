// `cto budget`: labour per repository and team from commit activity priced at cto.yaml's loaded rates,
// and the interest paid on technical debt (change effort in hotspots times its labour cost).
import { Command } from 'commander';
import { type BudgetFacts, loadBudgetFacts } from '../budget/load-budget.ts';
import { formatMoney, formatTotals, totalsByCurrency } from '../budget/money.ts';
import { globalOptions, withStore } from './context.ts';
import { pathColumn, printJson, printLine, printTable } from './output.ts';
import { dayOf, todayOption } from './reference.ts';

export function budgetCommand(): Command {
  return new Command('budget')
    .description(
      'labour cost per repository and team (person-months of commits × cto.yaml budget.labour rates) and the monthly interest on technical debt per hotspot',
    )
    .addOption(todayOption('the 12-month window (the complete months before it) counts back from'))
    .option('--json', 'print a JSON document (schema cto.budget/v1)')
    .action(async (flags: { json?: boolean; today?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const facts = await loadBudgetFacts(store, ws, dayOf(flags));
        if (flags.json) {
          printJson('cto.budget/v1', { ...facts });
          return;
        }
        printBudget(facts);
      });
    });
}

const m = (x: { amount: string; currency: string } | null) => (x === null ? '-' : formatMoney(x));

function printBudget(f: BudgetFacts): void {
  const l = f.labour;
  const window = `${l.months[0]} to ${l.months.at(-1)}`;
  const pm = l.repositories.reduce((a, r) => a + r.personMonths, 0);
  if (!l.rated)
    printLine('No labour rate: add budget.labour to cto.yaml (docs/budget.md#labour); effort only.');
  const cost = totalsByCurrency(l.repositories.flatMap((r) => (r.cost ? [r.cost] : [])));
  printLine(
    `Labour ${window}: ${pm.toFixed(1)} person-months of commit activity${
      cost.length > 0 ? `, about ${formatTotals(cost)}` : ''
    }${l.unratedPersonMonths > 0 ? ` (${l.unratedPersonMonths} person-months without a rate)` : ''}`,
  );
  const top = f.debt.hotspots.filter((h) => h.perMonth !== null).slice(0, 5);
  if (top.length > 0) {
    printLine('Refactoring candidates (debt interest a month, a year):');
    for (const h of top) printLine(`  ${h.repository} ${h.path}: ${m(h.perMonth)}, ${m(h.perYear)}`);
  }
  printLine('');
  const interest = new Map(f.debt.repositories.map((r) => [r.repository, r]));
  const effort = new Map([...l.repositories, ...l.teams].map((r) => [r.name, r.personMonths]));
  printTable(
    [
      'repository',
      'person-months',
      'labour a month',
      'cloud/SaaS a month',
      'total a month',
      'debt interest a month',
      'share of labour',
    ],
    f.ownership.repositories.map((o) => {
      const i = interest.get(o.name);
      return [
        o.name,
        (effort.get(o.name) ?? 0).toFixed(1),
        m(o.labourPerMonth),
        formatTotals(o.spendPerMonth),
        formatTotals(o.totalPerMonth),
        m(i?.perMonth ?? null),
        i?.shareOfLabour == null ? '-' : `${Math.round(i.shareOfLabour * 100)}%`,
      ];
    }),
  );
  if (f.ownership.teams.length > 0) {
    printLine('');
    printTable(
      ['team', 'person-months', 'labour a month', 'cloud/SaaS a month', 'total a month'],
      f.ownership.teams.map((t) => [
        t.name,
        (effort.get(t.name) ?? 0).toFixed(1),
        m(t.labourPerMonth),
        formatTotals(t.spendPerMonth),
        formatTotals(t.totalPerMonth),
      ]),
    );
  }
  if (f.debt.hotspots.length > 0) {
    printLine('');
    printTable(
      ['repository', pathColumn('hotspot'), 'commits', 'churn', 'complexity', 'interest a month'],
      f.debt.hotspots
        .slice(0, 20)
        .map((h) => [h.repository, h.path, h.commits, h.churn, h.complexity ?? '-', m(h.perMonth)]),
    );
  }
}
