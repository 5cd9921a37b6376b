// `cto teams`: knowledge risks rolled up per team (teams.yaml and CODEOWNERS), and what nobody owns.
import { Command } from 'commander';
import { teamsReport } from '../analyses/knowledge/teams-view.ts';
import { hasTeamsFile, loadTeams } from '../office/teams.ts';
import { CODEOWNERS_LOCATIONS } from '../people/codeowners/index.ts';
import { referenceTs } from '../reference-date.ts';
import {
  currentCodeOwners,
  currentFilesAt,
  currentKnowledgeFiles,
  currentPeople,
  currentTruckFactors,
} from '../store/people.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, withStore } from './context.ts';
import { pathColumn, printJson, printLine, printTable, textColumn } from './output.ts';
import { dayOf, todayOption, warnStale } from './reference.ts';

export function teamsCommand(): Command {
  return new Command('teams')
    .description(
      'knowledge risks per team (teams.yaml, CODEOWNERS): lowest truck factor, files with one author, files whose authors left; repositories and folders nobody owns',
    )
    .addOption(todayOption())
    .option('--json', 'print a JSON document (schema cto.teams/v1)')
    .action(async (flags: { json?: boolean; today?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const day = dayOf(flags);
        await warnStale(store, ws.config, day, { json: flags.json === true });
        const teams = loadTeams(ws.dir);
        const report = await teamsDocument(store, ws, day);
        if (flags.json) {
          printJson('cto.teams/v1', { ...report });
          return;
        }
        if (teams.length === 0) printLine('No teams.yaml in the workspace: see docs/teams.md.');
        const rows = report.teams.map((t) => [
          t.team,
          t.members,
          t.activeMembers90d,
          t.repositories.join(' '),
          t.lowestTruckFactor,
          t.files,
          t.singleAuthorFiles,
          t.filesWithoutActiveAuthor,
        ]);
        if (rows.length > 0)
          printTable(
            [
              'team',
              'members',
              'active 90d',
              textColumn('repositories'),
              'lowest truck factor',
              'files',
              'one author',
              'authors gone',
            ],
            rows,
          );
        const un = report.unowned.map((u) => [
          u.severity,
          u.rule,
          u.repository,
          u.folder ?? '(all)',
          u.files,
        ]);
        if (un.length > 0) {
          printLine('');
          printLine('Nobody owns:');
          printTable(['severity', 'finding', 'repository', pathColumn('folder'), 'files'], un);
        }
      });
    });
}

/** `cto teams --json`'s body (schema cto.teams/v1). */
export async function teamsDocument(store: Store, ws: Workspace, day: string) {
  return teamsReport(
    loadTeams(ws.dir),
    await currentCodeOwners(store),
    await currentKnowledgeFiles(store),
    await currentPeople(store, day),
    await currentTruckFactors(store),
    {
      teamsFile: hasTeamsFile(ws.dir),
      codeownersFiles: await currentFilesAt(store, CODEOWNERS_LOCATIONS),
    },
    referenceTs(day),
  );
}
