// `cto radar`: the technology radar of the workspace (radar/<release>/*.md) joined to what the scan
// found: per item the repositories, teams and active people using it, the trend since the previous
// release, strategy coverage and the radar findings (docs/office.md, "Radar").
import { Command } from 'commander';
import { loadRadarView } from '../radar/index.ts';
import type { RadarView } from '../radar/view.ts';
import { globalOptions, withStore } from './context.ts';
import { printError, printJson, printLine, printTable, styled, textColumn } from './output.ts';
import { dayOf, todayOption } from './reference.ts';

const NO_RADAR =
  'No radar in the workspace (radar/<release>/*.md): `cto office init` writes a starter one; see docs/office.md.';

export function radarCommand(): Command {
  return new Command('radar')
    .description(
      'the technology radar (radar/<release>/*.md) joined to usage: who uses each item, HOLD in runtime use, strategy coverage',
    )
    .addOption(todayOption('the current radar release and the active-people window count back from'))
    .option('--json', 'print a JSON document (schema cto.radar/v1)')
    .action(async (flags: { json?: boolean; today?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const view = await loadRadarView(store, ws, dayOf(flags));
        if (flags.json) {
          printJson('cto.radar/v1', { radar: view });
          return;
        }
        if (!view) {
          printLine(NO_RADAR);
          return;
        }
        printRadar(view);
      });
    });
}

function printRadar(view: RadarView): void {
  const c = view.coverage;
  const hold = view.findings.filter((f) => f.rule === 'radar-hold-in-use');
  printLine(
    'Strategy coverage: ',
    styled('bold', c.percent === null ? 'not measured (no technology in runtime use)' : `${c.percent}%`),
    c.percent === null
      ? ''
      : ` (${c.mentioned} of ${c.runtimeTechnologies} technologies in runtime use are on the radar)`,
  );
  printLine(
    'HOLD in runtime use: ',
    hold.length === 0
      ? 'none'
      : styled('red', hold.map((f) => `${f.subject} (${f.repositories.join(', ')})`).join('; ')),
  );
  printLine(
    `Radar release ${view.release}${view.previousRelease ? ` (trend since ${view.previousRelease})` : ' (first release: no trend)'}: ${view.items.length} items, ${view.rings.length} rings, ${view.quadrants.length} quadrants`,
  );
  printLine('');
  const ring = (id: string) => view.rings.find((r) => r.id === id)?.title ?? id;
  const quadrant = (id: string) => view.quadrants.find((q) => q.id === id)?.title ?? id;
  printTable(
    [
      '#',
      'item',
      'ring',
      'quadrant',
      'runtime repos',
      'all repos',
      'teams',
      'active people',
      'trend',
      textColumn('repositories'),
    ],
    view.items.map((i) => [
      i.number,
      i.title,
      `${ring(i.ring)}${i.isNew ? ' (new)' : i.moved ? ` (moved ${i.moved})` : ''}`,
      quadrant(i.quadrant),
      i.runtimeRepositories.length,
      i.repositories.length,
      i.teams.join(' ') || '-',
      i.activePeople,
      i.trend === null ? 'n/a' : i.trend > 0 ? `+${i.trend}` : String(i.trend),
      i.repositories.join(' ') || (i.technologies.length === 0 ? 'not mapped to a technology' : 'not used'),
    ]),
  );
  if (view.findings.length > 0) {
    printLine('');
    printTable(
      ['severity', 'rule', 'subject', textColumn('finding')],
      view.findings.map((f) => [f.severity, f.rule, f.subject, f.title]),
    );
  }
  for (const d of view.diagnostics)
    printError(`${d.file}${d.line === null ? '' : `:${d.line}`}: ${d.message}`);
}
