// `cto objectives`: objectives.yaml scored from the store: each key result's value now and at every
// historical snapshot point, against the straight line from baseline to target (docs/office.md).
import { Command } from 'commander';
import type { ObjectiveStatus } from '../office/objectives/score.ts';
import { type ObjectivesView, objectivesView } from '../office/objectives/view.ts';
import { loadTeams } from '../office/teams.ts';
import { referenceDay } from '../reference-date.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, parseDayOption, withStore } from './context.ts';
import {
  formatNumber,
  printError,
  printJson,
  printLine,
  printTable,
  sparkline,
  styled,
  textColumn,
} from './output.ts';

export function objectivesCommand(): Command {
  return new Command('objectives')
    .description(
      'objectives.yaml scored from the snapshots: each key result against the straight line from baseline to target, on track, at risk or off track',
    )
    .option(
      '--today <date>',
      'the reference day: the date of the current snapshots, YYYY-MM-DD (default: today, UTC)',
      parseDayOption('--today'),
    )
    .option('--points', 'also each key result at every snapshot point: value, the line, and its status then')
    .option('--json', 'print a JSON document (schema cto.objectives/v1, docs/office.md)')
    .action(async (flags: { today?: string; points?: boolean; json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const view = await objectivesDocument(store, ws, referenceDay(flags.today));
        if (flags.json) printJson('cto.objectives/v1', { ...view });
        else {
          printView(view);
          if (flags.points) printPoints(view);
        }
      });
    });
}

const STYLE: Record<ObjectiveStatus, 'green' | 'yellow' | 'red' | 'dim'> = {
  achieved: 'green',
  'on track': 'green',
  'at risk': 'yellow',
  'off track': 'red',
  'not measured': 'dim',
};

function shown(v: number | null): string {
  if (v === null) return 'n/a';
  return Math.abs(v) >= 100 || Number.isInteger(v) ? formatNumber(Math.round(v)) : v.toFixed(1);
}

function printView(view: ObjectivesView): void {
  for (const d of view.diagnostics)
    printError(`${d.file}${d.line === null ? '' : `:${d.line}`}: ${d.message}`);
  if (view.objectives.length === 0) {
    if (view.diagnostics.length === 0)
      printLine('No objective: write objectives.yaml (docs/office.md#objectives).');
    return;
  }
  const krs = view.objectives.flatMap((o) => o.keyResults);
  const count = (s: ObjectiveStatus) => krs.filter((k) => k.status === s).length;
  printLine(
    `${view.objectives.length} objectives, ${krs.length} key results on ${view.reference}: ${count('achieved')} achieved, ${count('on track')} on track, ${count('at risk')} at risk, ${count('off track')} off track, ${count('not measured')} not measured.`,
  );
  const off = view.objectives.filter((o) => o.status === 'off track');
  if (off.length > 0)
    printLine(styled('red', `Off track (decisions needed): ${off.map((o) => o.title).join('; ')}.`));
  printLine('');
  printTable(
    [
      textColumn('objective / key result'),
      'measure',
      'owner',
      'baseline',
      'target',
      'due',
      'expected',
      'now',
      'progress',
      'trend',
      'status',
    ],
    view.objectives.flatMap((o) => [
      [o.title, '', o.owner ?? '', '', '', o.due, '', '', '', '', styled(STYLE[o.status], o.status)],
      ...o.keyResults.map((k) => [
        `  ${k.title}`,
        k.measure,
        k.owner ?? '',
        shown(k.baseline),
        shown(k.target),
        k.due,
        shown(k.expected),
        shown(k.value),
        k.progress === null ? '' : `${Math.round(k.progress * 100)}%`,
        k.points.length > 1 ? sparkline(k.points.map((p) => p.value)) : '',
        styled(STYLE[k.status], k.status),
      ]),
    ]),
  );
  for (const o of view.objectives)
    for (const k of o.keyResults) {
      if (k.note) printLine(`${k.title}: not measured: ${k.note}`);
      else if (k.baselineFrom !== 'objectives.yaml' && k.baselineFrom !== null)
        printLine(`${k.title}: baseline ${shown(k.baseline)} read from the snapshots of ${k.baselineFrom}.`);
    }
}

function printPoints(view: ObjectivesView): void {
  const rows = view.objectives.flatMap((o) =>
    o.keyResults.flatMap((k) =>
      k.points.map((p) => [
        k.title,
        `${p.date}${p.kind === 'current' ? ' (current)' : ''}`,
        shown(p.value),
        shown(p.expected),
        styled(STYLE[p.status], p.status),
      ]),
    ),
  );
  if (rows.length === 0) return;
  printLine('');
  printTable([textColumn('key result'), 'point', 'value', 'expected', 'status then'], rows);
}

/** `cto objectives --json`'s body (schema cto.objectives/v1). */
export function objectivesDocument(store: Store, ws: Workspace, today: string) {
  return objectivesView(store, ws, {
    today,
    teams: loadTeams(ws.dir),
    eolWindowMonths: ws.config.eol?.windowMonths ?? 6,
  });
}
