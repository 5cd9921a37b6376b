// `cto repos`: repositories in the store with their current snapshot.
import { Command } from 'commander';
import { snapshotAge, staleAfterDays } from '../reference-date.ts';
import { listRepositories } from '../store/repositories.ts';
import { globalOptions, withStore } from './context.ts';
import { day, pathColumn, printJson, printLine, printTable, shortSha } from './output.ts';
import { dayOf, todayOption } from './reference.ts';

export function reposCommand(): Command {
  return new Command('repos')
    .description(
      'list the repositories in the store, their current snapshot, last scan time and its age at the reference date (stale past snapshots.staleAfterDays)',
    )
    .addOption(todayOption())
    .option('--json', 'print a JSON document (schema cto.repos/v1)')
    .action(async (flags: { json?: boolean; today?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const refDay = dayOf(flags);
        const limit = staleAfterDays(ws.config);
        const repos = (await listRepositories(store)).map((r) => ({
          ...r,
          snapshotAge: snapshotAge(r.scannedAt, refDay, limit),
        }));
        if (flags.json) {
          printJson('cto.repos/v1', { today: refDay, staleAfterDays: limit, repositories: repos });
          return;
        }
        if (repos.length === 0) {
          printLine('No repositories in the store yet. Run `cto scan <path>` first.');
          return;
        }
        const rows = repos.map((r) => [
          r.name,
          shortSha(r.commit),
          r.ref ?? '',
          r.commits,
          r.authors,
          r.files,
          day(r.lastCommitAt),
          r.scannedAt ? r.scannedAt.slice(0, 16).replace('T', ' ') : 'never',
          r.snapshotAge === null
            ? ''
            : `${r.snapshotAge.days} d${r.snapshotAge.stale ? ' stale, rescan' : ''}`,
          r.status ?? 'no snapshot',
          r.path,
        ]);
        printTable(
          [
            'repository',
            'commit',
            'ref',
            'commits',
            'authors',
            'files',
            'last commit',
            'scanned (UTC)',
            'age',
            'status',
            pathColumn('path'),
          ],
          rows,
        );
      });
    });
}
