// `cto office init`: a starter office in the workspace from the last scan (docs/office.md). It
// writes only what is missing and never overwrites a file.
import { Command } from 'commander';
import { initOffice } from '../office/init.ts';
import { radarConfig } from '../office/radar/config.ts';
import { runtimeTechnologies } from '../radar/index.ts';
import { currentCodeOwners } from '../store/people.ts';
import { globalOptions, withStore } from './context.ts';
import { printJson, printLine } from './output.ts';
import { dayOf, todayOption } from './reference.ts';

export function officeCommand(): Command {
  return new Command('office')
    .description('the office files of the workspace: radar, teams, decisions, objectives (docs/office.md)')
    .addCommand(
      new Command('init')
        .description(
          'write a starter office from the last scan: a radar of every technology in runtime use (ring: assess), teams.yaml from CODEOWNERS, a first decision record, an example objective; never overwrites',
        )
        .addOption(todayOption('the radar release and the decision are dated'))
        .option('--json', 'print a JSON document (schema cto.office-init/v1)')
        .action(async (flags: { today?: string; json?: boolean }, cmd: Command) => {
          await withStore(globalOptions(cmd), async (store, ws) => {
            const today = dayOf(flags);
            const result = initOffice(ws.dir, {
              config: radarConfig(ws.config.radar),
              technologies: await runtimeTechnologies(store, ws),
              codeOwners: await currentCodeOwners(store),
              today,
            });
            if (flags.json) {
              printJson('cto.office-init/v1', { ...result });
              return;
            }
            printLine(`${result.written.length} files written, ${result.kept.length} kept as they were`);
            for (const f of result.written) printLine(`written: ${f}`);
            for (const f of result.kept) printLine(`kept:    ${f}`);
            for (const n of result.notes) printLine(n);
          });
        }),
    );
}
