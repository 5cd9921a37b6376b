// `cto trend [metric]`: key metrics (or any stored metric) over time, from the historical snapshots of
// `scan --history` and the current ones, per repository, team or the portfolio (docs/trend.md).
import { Command } from 'commander';
import { TREND_GROUPS, type Trend, type TrendGroup, type TrendSeries } from '../trend/build.ts';
import { KEY_METRICS } from '../trend/metrics.ts';
import { buildWorkspaceTrend } from '../trend/workspace.ts';
import { choiceOption, globalOptions, parseDayOption, withStore } from './context.ts';
import { formatNumber, printJson, printLine, printTable, sparkline, textColumn } from './output.ts';

interface TrendFlags {
  by?: TrendGroup;
  since?: string;
  today?: string;
  json?: boolean;
}

export function trendCommand(): Command {
  return new Command('trend')
    .description(
      'key metrics over time (code size, contributors, truck factor, releases, lead time, vulnerabilities, end of life, hotspots, risks open and overdue) from the historical snapshots of `scan --history` and the current ones',
    )
    .argument(
      '[metric]',
      'a key metric (docs/trend.md) or any stored metric by name; all key metrics when omitted',
    )
    .addOption(
      choiceOption('--by <group>', 'one series per portfolio (default), team or repository', TREND_GROUPS),
    )
    .option('--since <date>', 'only points on or after this day, YYYY-MM-DD', parseDayOption('--since'))
    .option(
      '--today <date>',
      "the date of the current snapshots' point, YYYY-MM-DD (default: today, UTC)",
      parseDayOption('--today'),
    )
    .option('--json', 'print a JSON document (schema cto.trend/v1, docs/trend.md)')
    .action(async (metric: string | undefined, flags: TrendFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const trend = await buildWorkspaceTrend(store, ws, {
          metric,
          by: flags.by ?? 'portfolio',
          since: flags.since,
          today: flags.today ?? new Date().toISOString().slice(0, 10),
        });
        if (flags.json) {
          printJson('cto.trend/v1', { ...trend });
          return;
        }
        printTrend(trend);
      });
    });
}

function printTrend(trend: Trend): void {
  if (trend.points.length === 0) {
    printLine('No snapshot in the store yet: run `cto scan <paths> --history 8q`.');
    return;
  }
  const first = trend.points[0]?.date ?? '';
  const historical = trend.points.filter((p) => p.kind === 'historical').length;
  printLine(
    `${trend.points.length} points from ${first} to ${trend.reference}: ${historical} historical, then the current snapshots (a period not yet ended).`,
  );
  if (historical === 0) printLine('No historical snapshot: `cto scan <paths> --history 8q` writes them.');
  if (trend.series.length === 0) {
    printLine(
      trend.by === 'team'
        ? 'No team owns a whole repository (teams.yaml, docs/teams.md).'
        : 'Nothing to show.',
    );
    return;
  }
  const one = trend.by === 'portfolio';
  const headers = [
    ...(one ? [] : [textColumn(trend.by)]),
    textColumn('metric'),
    'trend',
    `first`,
    `now (partial)`,
    'change',
  ];
  const rows = trend.series.map((s) => [
    ...(one ? [] : [s.subject]),
    `${s.label}${unitShown(s) ? ` (${s.unit})` : ''}`,
    sparkline(s.values),
    shown(s.first),
    shown(s.last),
    change(s),
  ]);
  printTable(headers, rows);
}

/** Key metrics whose label already says what is counted show no unit; sizes, durations, shares and any other metric do. */
function unitShown(s: TrendSeries): boolean {
  if (!s.unit || s.unit === s.label) return false;
  return !KEY_METRICS.some((m) => m.id === s.metric) || ['lines', 'days', '%'].includes(s.unit);
}

/** Numbers rounded for people: whole numbers above 100, one decimal below. */
function shown(v: number | null): string {
  if (v === null) return 'n/a';
  return Math.abs(v) >= 100 || Number.isInteger(v) ? formatNumber(Math.round(v)) : v.toFixed(1);
}

function change(s: TrendSeries): string {
  if (s.change === null || s.first === null) return 'n/a';
  if (s.change === 0) return '0';
  const sign = s.change > 0 ? '+' : '−';
  const pct = s.first === 0 ? 0 : Math.round(Math.abs((s.change / s.first) * 100));
  return `${sign}${shown(Math.abs(s.change))}${pct > 0 ? ` (${sign}${pct}%)` : ''}`;
}
