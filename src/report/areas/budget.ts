// Budget and vendors (docs/budget.md#in-the-report): spend by month and team with its trend, top
// services, the unallocated share, renewals in the next 90 days, unused contracts and the interest paid
// on technical debt. Grey "not measured" only when there are no cost lines, no vendors.yaml and no
// labour rate; the line then names the command and files that would fill it.

import { formatMoney, formatTotals, totalsByCurrency, units } from '../../budget/money.ts';
import type { ReportBudget, SpendRow } from '../../budget/report-budget.ts';
import { roundAmount } from '../../costs/money.ts';
import type { ReportData } from '../data.ts';
import { makeKpi } from '../kpi.ts';
import type { AreaSection, Figure, Kpi } from '../types.ts';
import { areaMetrics, buildSection, figure, metricFigures } from './common.ts';
import type { MetricRule } from './rules.ts';

const SOURCES = [
  'cost lines: `cto costs import <FOCUS export>` (docs/costs.md)',
  'vendors.yaml: the vendor register (docs/budget.md#vendorsyaml)',
  'budget.labour in cto.yaml: the loaded cost per person-month (docs/budget.md#labour)',
];

const COSTS_SQL =
  'select substr(charge_period_start, 1, 7) as month, billing_currency, sum(cast(billed_cost as numeric)) from cost_lines group by 1, 2 order by 1';

/** Whole units of an exact amount, for a KPI (exact amounts stay in the figures and --json). */
const whole = (amount: string): number => Number(roundAmount(units(amount), 0));

export function budgetSection(data: ReportData, budget: ReportBudget | null = null): AreaSection {
  const metrics = areaMetrics(data, 'budget-vendors');
  const missing = SOURCES.filter(
    (_, i) => [budget?.spend, budget?.vendors, budget?.labour][i] === null || budget === null,
  );
  if (budget === null || missing.length === SOURCES.length)
    return buildSection(
      'budget-vendors',
      data,
      { figures: metricFigures(metrics), charts: [], missing },
      'Not measured: no cost data (`cto costs import`), no vendors.yaml and no labour rate (cto.yaml budget.labour).',
    );
  const kpis: Kpi[] = [];
  const figures: Figure[] = [];
  const rules: MetricRule[] = [];
  spendParts(budget, kpis, figures);
  vendorParts(budget, kpis, figures, rules);
  debtParts(budget, kpis, figures);
  return buildSection(
    'budget-vendors',
    data,
    {
      kpis: kpis.slice(0, 6),
      figures: [...figures, ...metricFigures(metrics)],
      charts: [],
      missing,
      analysed: true,
      rules,
      unmeasured:
        missing.length > 0 ? `Not measured: ${missing.map((m) => m.split(':')[0]).join(', ')}.` : null,
    },
    '',
  );
}

function rowText(r: SpendRow): string {
  return `${r.name ?? 'unallocated'}: ${formatMoney(r.total, 2)}`;
}

function spendParts(b: ReportBudget, kpis: Kpi[], figures: Figure[]): void {
  const s = b.spend;
  if (!s) return;
  const last = s.months.at(-1) ?? null;
  const previous = s.months.at(-2) ?? null;
  for (const t of s.totals) {
    const now = t.months.at(-1);
    const before = t.months.at(-2);
    kpis.push(
      makeKpi(
        {
          id: `spend-${t.currency.toLowerCase()}`,
          label: `billed spend in ${last} (${t.currency})`,
          value: now ? whole(now.amount) : null,
          unit: t.currency,
          better: 'down',
          evidence: {},
          sql: COSTS_SQL,
        },
        before ? whole(before.amount) : null,
        previous,
      ),
    );
    s.months.forEach((month, i) => {
      const m = t.months[i];
      if (m)
        figures.push(
          figure(`spend-${t.currency}-${month}`, `Spend ${month}`, formatMoney(m, 2), COSTS_SQL, {}),
        );
    });
  }
  for (const u of s.unallocated)
    kpis.push(
      makeKpi(
        {
          id: `unallocated-${u.currency.toLowerCase()}`,
          label: `spend allocated to no team (${u.currency})`,
          value: u.share,
          unit: 'ratio',
          better: 'down',
          evidence: {},
          sql: COSTS_SQL,
        },
        null,
        null,
      ),
    );
  for (const team of s.teams.slice(0, 5))
    figures.push(
      figure(
        `spend-team-${team.currency}-${team.name ?? 'unallocated'}`,
        `Spend of ${team.name ?? 'no team (unallocated)'} by month`,
        s.months
          .map((month, i) => `${month}: ${formatMoney(team.months[i] ?? { ...team.total, amount: '0' }, 2)}`)
          .join('; '),
        COSTS_SQL,
        {},
      ),
    );
  const teams = s.teams.slice(0, 8);
  if (teams.length > 0)
    figures.push(
      figure('spend-by-team', 'Spend by team (all months)', teams.map(rowText).join('; '), COSTS_SQL, {}),
    );
  const services = s.services.filter((r) => r.name !== null).slice(0, 5);
  if (services.length > 0)
    figures.push(figure('top-services', 'Top services', services.map(rowText).join('; '), COSTS_SQL, {}));
}

function vendorParts(b: ReportBudget, kpis: Kpi[], figures: Figure[], rules: MetricRule[]): void {
  const v = b.vendors;
  if (!v) return;
  if (v.file.problem !== null) {
    rules.push({ rating: 'amber', reason: `The vendor register cannot be read: ${v.file.problem}.` });
    return;
  }
  const sql =
    "vendors.yaml joined to: select repository, subject, evidence from current_metrics where metric = 'technology'";
  const soon = v.contracts.filter(
    (c) => c.daysToRenewal !== null && c.daysToRenewal >= 0 && c.daysToRenewal <= 90,
  );
  const unused = v.contracts.filter((c) => c.use === 'unused');
  const name = (c: { vendor: string; product: string | null }) =>
    c.product ? `${c.vendor} ${c.product}` : c.vendor;
  kpis.push(
    makeKpi(
      {
        id: 'renewals-90d',
        label: 'contracts renewing in the next 90 days',
        value: soon.length,
        unit: 'contracts',
        better: null,
        evidence: {},
        sql,
      },
      null,
      null,
    ),
  );
  const unusedTotals = totalsByCurrency(unused.flatMap((c) => (c.costPerYear ? [c.costPerYear] : [])));
  figures.push(
    figure(
      'renewals-90d',
      'Renewals in the next 90 days',
      soon.length === 0
        ? 'none'
        : soon
            .map(
              (c) =>
                `${name(c)} on ${c.renewal} (notice by ${c.noticeBy}${c.costPerYear ? `, ${formatMoney(c.costPerYear)} a year` : ''})`,
            )
            .join('; '),
      sql,
      {},
    ),
    figure(
      'unused-contracts',
      'Contracts for technology no scanned repository uses',
      unused.length === 0
        ? 'none'
        : `${unused.map((c) => `${name(c)} (${c.technologies.map((t) => t.id).join(', ')})`).join('; ')}: ${formatTotals(unusedTotals)} a year`,
      sql,
      {},
    ),
    figure(
      'uncovered-technologies',
      'Commercial technologies in runtime use with no contract',
      v.uncovered.length === 0
        ? 'none'
        : v.uncovered.map((u) => `${u.name} (${u.repositories.join(', ')})`).join('; '),
      sql,
      { repositories: [...new Set(v.uncovered.flatMap((u) => u.repositories))] },
    ),
  );
  if (unused.length > 0)
    rules.push({
      rating: 'amber',
      reason: `${unused.length} ${unused.length === 1 ? 'contract pays' : 'contracts pay'} for technology no scanned repository uses (${formatTotals(unusedTotals)} a year): ${unused.map(name).join(', ')}.`,
    });
  const decide = v.contracts.filter((c) => c.renewalStatus === 'decide');
  if (decide.length > 0)
    rules.push({
      rating: 'amber',
      reason: `${decide.length} ${decide.length === 1 ? 'renewal needs' : 'renewals need'} a decision before the notice date: ${decide.map((c) => `${name(c)} (notice by ${c.noticeBy})`).join(', ')}.`,
    });
}

function debtParts(b: ReportBudget, kpis: Kpi[], figures: Figure[]): void {
  const f = b.labour;
  if (!f) return;
  const sql =
    'select repository, person_id, period, commits from person_months join repositories on current_snapshot_id = snapshot_id';
  const interest = totalsByCurrency(f.debt.repositories.flatMap((r) => (r.perMonth ? [r.perMonth] : [])));
  const labour = totalsByCurrency(
    f.labour.repositories.flatMap((r) => (r.costPerMonth ? [r.costPerMonth] : [])),
  );
  for (const t of interest)
    kpis.push(
      makeKpi(
        {
          id: `debt-interest-${t.currency.toLowerCase()}`,
          label: `interest on technical debt a month (${t.currency}), change effort in hotspots`,
          value: whole(t.amount),
          unit: t.currency,
          better: 'down',
          evidence: {},
          sql,
        },
        null,
        null,
      ),
    );
  figures.push(
    figure(
      'labour-per-month',
      `Labour a month (${f.labour.months[0]} to ${f.labour.months.at(-1)}, estimate)`,
      formatTotals(labour),
      sql,
      {},
    ),
  );
  const top = f.debt.hotspots.filter((h) => h.perYear !== null).slice(0, 5);
  if (top.length > 0)
    figures.push(
      figure(
        'refactoring-candidates',
        'Refactoring candidates (debt interest a year)',
        top
          .map(
            (h) =>
              `${h.repository} ${h.path}: ${formatMoney(h.perYear as { amount: string; currency: string })}`,
          )
          .join('; '),
        sql,
        { repositories: [...new Set(top.map((h) => h.repository))], files: top.map((h) => h.path) },
      ),
    );
}
