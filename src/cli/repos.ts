// `cto repos`: repositories in the store with their current snapshot.
import { Command } from 'commander';
import { listRepositories } from '../store/repositories.ts';
import { globalOptions, withStore } from './context.ts';
import { day, pathColumn, printJson, printLine, printTable, shortSha } from './output.ts';

export function reposCommand(): Command {
  return new Command('repos')
    .description('list the repositories in the store, their current snapshot and last scan time')
    .option('--json', 'print a JSON document (schema cto.repos/v1)')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const repos = await listRepositories(store);
        if (flags.json) {
          printJson('cto.repos/v1', { repositories: repos });
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
            'status',
            pathColumn('path'),
          ],
          rows,
        );
      });
    });
}
