// `cto report`: the board report in HTML, Markdown, JSON and (with --pdf) PDF.

import { resolve } from 'node:path';
import { Command } from 'commander';
import { buildWorkspaceReport } from '../report/workspace.ts';
import { renderJson, writeReport } from '../report/write.ts';
import { updateRegister } from '../risk/register-update.ts';
import { nowIso } from '../store/store.ts';
import { globalOptions, parseDayOption, withExistingStoreToUpdate } from './context.ts';
import { printError, printJsonText, printLine } from './output.ts';
import { dayOf, todayOption, warnStale } from './reference.ts';

interface ReportFlags {
  out?: string;
  pdf?: boolean;
  since?: string;
  today?: string;
  team?: string;
  anonymize?: boolean;
  json?: boolean;
}

export function reportCommand(): Command {
  return new Command('report')
    .description(
      'write the board report (index.html, report.md, report.json; report.pdf with --pdf) from the stored snapshots',
    )
    .option('-o, --out <dir>', 'folder to write the report to (default: cto-report in the workspace)')
    .option('--pdf', 'also write report.pdf (needs Chromium at /usr/bin/chromium)')
    .option(
      '--since <date>',
      'show what changed since the snapshots current on this date (YYYY-MM-DD, UTC)',
      parseDayOption('--since'),
    )
    .addOption(
      todayOption('runway and every window (last 90 and 365 days, active, departed) count back from'),
    )
    .option('--team <name>', "one team's view: only the findings that team owns")
    .option('--anonymize', 'replace people by stable pseudonyms')
    .option('--json', 'also print the report document on stdout (schema cto.report/v2)')
    .addHelpText(
      'after',
      '\nRatings, sections and the JSON schema are described in docs/report.md and docs/report-schema.json.',
    )
    .action(async (flags: ReportFlags, cmd: Command) => {
      const since = flags.since;
      const now = flags.today === undefined ? undefined : new Date(`${flags.today}T00:00:00Z`);
      await withExistingStoreToUpdate(globalOptions(cmd), async (store, ws) => {
        // The register first, as `cto risks` does: risks.yaml decisions and expiries as of the report's day.
        await updateRegister(store, ws, { at: now ? now.toISOString() : nowIso() });
        const model = await buildWorkspaceReport(store, ws, {
          day: dayOf(flags),
          ...(since ? { since } : {}),
          ...(now ? { now } : {}),
          ...(flags.team ? { team: flags.team } : {}),
          anonymize: flags.anonymize === true,
        });
        await warnStale(store, ws.config, dayOf(flags), { json: true });
        const outDir = flags.out ? resolve(flags.out) : resolve(ws.dir, 'cto-report');
        const written = await writeReport(model, outDir, flags.pdf === true);
        if (flags.json) printJsonText(renderJson(model));
        if (model.notice) printError(`cto report: ${model.notice}`);
        if (model.changes?.message) printError(`cto report: ${model.changes.message}`);
        if (written.pdf === 'no-chromium')
          printError(
            'cto report: no PDF written: Chromium is not installed at /usr/bin/chromium (apt-get install chromium).',
          );
        const say = flags.json ? printError : printLine;
        say(
          `Report written to ${outDir}: ${written.files.map((f) => f.slice(outDir.length + 1)).join(', ')}`,
        );
      });
    });
}
