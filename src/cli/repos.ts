// `cto repos`: repositories in the store with their current snapshot.
import { Command } from 'commander';
import { snapshotAge, staleAfterDays } from '../reference-date.ts';
import { listRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
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
        const doc = await reposDocument(store, ws, dayOf(flags));
        if (flags.json) {
          printJson('cto.repos/v1', doc);
          return;
        }
        const repos = doc.repositories;
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

/** `cto repos --json`'s body (schema cto.repos/v1): each repository with its snapshot's age on `today`. */
export async function reposDocument(store: Store, ws: Workspace, today: string) {
  const limit = staleAfterDays(ws.config);
  const repositories = (await listRepositories(store)).map((r) => ({
    ...r,
    snapshotAge: snapshotAge(r.scannedAt, today, limit),
  }));
  return { today, staleAfterDays: limit, repositories };
}
