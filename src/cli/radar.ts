// `cto radar`: the technology radar of the workspace (radar/<release>/*.md) joined to what the scan
// found: per item the repositories, teams and active people using it, the trend since the previous
// release, strategy coverage and the radar findings (docs/office.md, "Radar").
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Command, Option } from 'commander';
import { CtoError } from '../errors.ts';
import { fromBackstage, toBackstage } from '../office/radar/backstage.ts';
import { fromByor, toByor } from '../office/radar/byor.ts';
import { radarConfig } from '../office/radar/config.ts';
import { loadRadar } from '../office/radar/load.ts';
import { writeItems } from '../office/radar/write.ts';
import { loadRadarView } from '../radar/index.ts';
import { currentRelease, type RadarView } from '../radar/view.ts';
import type { Store } from '../store/store.ts';
import { loadWorkspace, type Workspace } from '../workspace.ts';
import { choiceOption, globalOptions, parseDayOption, withStore } from './context.ts';
import { printError, printJson, printJsonText, printLine, printTable, styled, textColumn } from './output.ts';
import { dayOf, todayOption } from './reference.ts';

const FORMATS = ['backstage', 'byor'] as const;
type Format = (typeof FORMATS)[number];

const NO_RADAR =
  'No radar in the workspace (radar/<release>/*.md): `cto office init` writes a starter one; see docs/office.md.';

export function radarCommand(): Command {
  return new Command('radar')
    .description(
      'the technology radar (radar/<release>/*.md) joined to usage: who uses each item, HOLD in runtime use, strategy coverage',
    )
    .addOption(todayOption('the current radar release and the active-people window count back from'))
    .option('--json', 'print a JSON document (schema cto.radar/v1)')
    .addCommand(importCommand())
    .addCommand(exportCommand())
    .action(async (flags: { json?: boolean; today?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const doc = await radarDocument(store, ws, dayOf(flags));
        if (flags.json) {
          printJson('cto.radar/v1', doc);
          return;
        }
        const view = doc.radar;
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

function formatOf(file: string, flag: Format | undefined): Format {
  if (flag) return flag;
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'backstage';
  if (ext === '.csv') return 'byor';
  throw new CtoError(
    'USAGE',
    `${file}: say --format backstage or --format byor (the file name does not end in .json or .csv)`,
  );
}

function importCommand(): Command {
  return new Command('import')
    .description(
      'write radar item files from a Backstage tech-radar JSON (timeline: one release per date) or a ThoughtWorks BYOR CSV (one release); existing files are kept',
    )
    .argument('<file>', 'the file to import (.json: Backstage, .csv: BYOR)')
    .addOption(choiceOption('--format <format>', 'the file format (default: from its extension)', FORMATS))
    .addOption(
      new Option(
        '--release <date>',
        'the release a BYOR CSV becomes, YYYY-MM-DD (default: today, UTC)',
      ).argParser(parseDayOption('--release')),
    )
    .action((file: string, flags: { format?: Format; release?: string }, cmd: Command) => {
      const ws = loadWorkspace(globalOptions(cmd).workspace);
      const config = radarConfig(ws.config.radar);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new CtoError('PATH_NOT_FOUND', `${file}: cannot read: ${(e as Error).message}`);
      }
      const format = formatOf(file, flags.format);
      const parsed =
        format === 'backstage'
          ? fromBackstage(text, file, config)
          : fromByor(text, file, flags.release ?? dayOf({}), config);
      const { written, kept } = writeItems(ws.dir, config.folder, parsed.items);
      printLine(
        `${written.length} item files written under ${config.folder}/, ${kept.length} kept as they were`,
      );
      for (const f of kept) printLine(`kept: ${f}`);
      if (parsed.rings.length > 0 || parsed.quadrants.length > 0)
        printError(
          `the radar has no ${[
            parsed.rings.length > 0 ? `ring ${parsed.rings.join(', ')}` : '',
            parsed.quadrants.length > 0 ? `quadrant ${parsed.quadrants.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join(' and no ')}: add them to the radar: section of cto.yaml (docs/office.md#radar)`,
        );
    });
}

function exportCommand(): Command {
  return new Command('export')
    .description(
      'the radar as Backstage tech-radar JSON (every item with its history) or as ThoughtWorks BYOR CSV (one release)',
    )
    .addOption(choiceOption('--format <format>', 'backstage or byor', FORMATS).makeOptionMandatory())
    .addOption(
      new Option('--release <date>', 'the release a BYOR CSV shows (default: the current one)').argParser(
        parseDayOption('--release'),
      ),
    )
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action((flags: { format: Format; release?: string; output?: string }, cmd: Command) => {
      const ws = loadWorkspace(globalOptions(cmd).workspace);
      const radar = loadRadar(ws.dir, radarConfig(ws.config.radar));
      if (!radar) throw new CtoError('PATH_NOT_FOUND', NO_RADAR);
      for (const d of radar.diagnostics)
        printError(`${d.file}${d.line === null ? '' : `:${d.line}`}: ${d.message}`);
      const release = flags.release ?? currentRelease(radar.releases, dayOf({})) ?? dayOf({});
      const text =
        flags.format === 'backstage'
          ? `${JSON.stringify(toBackstage(radar), null, 2)}\n`
          : toByor(radar.items, release, radar.config);
      if (flags.output) writeFileSync(flags.output, text);
      else if (flags.format === 'backstage') printJsonText(text.trimEnd());
      else printLine(text.trimEnd());
    });
}

/** `cto radar --json`'s body (schema cto.radar/v1); `radar` is null without a radar/ folder. */
export async function radarDocument(store: Store, ws: Workspace, today: string) {
  return { radar: await loadRadarView(store, ws, today) };
}
