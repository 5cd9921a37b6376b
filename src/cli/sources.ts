// `cto sources` and `cto sources sync`: the repositories sources.yaml lists, their mirrors (docs/fleet.md).
import { Command } from 'commander';
import { CtoError } from '../errors.ts';
import { readSources, SOURCES_FILE } from '../fleet/sources-config.ts';
import { syncSources } from '../fleet/sync.ts';
import { listSourceRepositories } from '../store/sources.ts';
import { globalOptions, withStore, withWritableStore } from './context.ts';
import { printError, printJson, printLine, printTable } from './output.ts';

function noSources(dir: string): CtoError {
  return new CtoError(
    'CONFIG_INVALID',
    `no ${SOURCES_FILE} in ${dir}: list the repositories there (docs/fleet.md)`,
  );
}

function syncCommand(): Command {
  return new Command('sync')
    .description(
      'list every source of sources.yaml (URLs, folders, GitHub organisations, GitLab groups), store what was found, and fetch the mirrors',
    )
    .option('--no-fetch', 'list and store the repositories only; do not fetch mirrors')
    .option('--json', 'print a JSON document (schema cto.sources-sync/v1)')
    .action(async (flags: { fetch: boolean; json?: boolean }, cmd: Command) => {
      process.exitCode = await withWritableStore(globalOptions(cmd), async (store, ws) => {
        const file = readSources(ws.dir);
        if (!file) throw noSources(ws.dir);
        const result = await syncSources(store, file, {
          workspaceDir: ws.dir,
          fetch: flags.fetch,
          onFetch: (f) => {
            if (!flags.json && f.error) printError(`cto: ${f.name}: ${f.error}`);
          },
        });
        const failedSources = result.sources.filter((s) => s.error !== null);
        const failedFetches = result.fetches.filter((f) => f.error !== null);
        if (flags.json) {
          printJson('cto.sources-sync/v1', { ...result });
        } else {
          const listed = result.sources.reduce((n, s) => n + s.listed, 0);
          printLine(
            `${listed} repositories from ${result.sources.length - failedSources.length} of ${result.sources.length} sources: ${result.added} new, ${result.gone} gone, ${result.back} back.`,
          );
          if (flags.fetch) {
            const created = result.fetches.filter((f) => f.created).length;
            const changed = result.fetches.filter((f) => f.changed && !f.created).length;
            printLine(
              `Mirrors: ${result.fetches.length - failedFetches.length} of ${result.fetches.length} fetched (${created} new, ${changed} with new commits); ${failedFetches.length} failed.`,
            );
          }
          if (!flags.fetch && result.adopted.length > 0)
            printLine(`Mirrors: ${result.adopted.length} found on disk and recorded, not fetched.`);
          for (const s of failedSources) printError(`cto: ${s.id}: ${s.error}`);
        }
        return failedSources.length + failedFetches.length > 0 ? 1 : 0;
      });
    });
}

export function sourcesCommand(): Command {
  const command = new Command('sources')
    .description(
      "the repositories sources.yaml lists, whether each is still listed, and its mirror's last fetch",
    )
    .option('--json', 'print a JSON document (schema cto.sources/v1)')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const repos = await listSourceRepositories(store);
        if (flags.json) {
          printJson('cto.sources/v1', { repositories: repos });
          return;
        }
        if (repos.length === 0) {
          printLine('No repositories from sources yet. Write sources.yaml and run `cto sources sync`.');
          return;
        }
        const gone = repos.filter((r) => r.goneAt !== null).length;
        const failing = repos.filter((r) => r.goneAt === null && r.fetchError !== null).length;
        const unfetched = repos.filter(
          (r) => r.goneAt === null && r.kind === 'url' && r.fetchedAt === null,
        ).length;
        printLine(
          `${repos.length - gone} repositories listed, ${gone} gone from their source; ${failing} whose last fetch failed, ${unfetched} never fetched.`,
        );
        printTable(
          ['repository', 'source', 'state', 'last fetch', 'problem'],
          repos.map((r) => [
            r.name,
            r.source,
            r.goneAt !== null
              ? `gone since ${r.goneAt.slice(0, 10)}`
              : r.archived
                ? 'listed (archived)'
                : 'listed',
            r.kind === 'folder'
              ? 'local'
              : r.fetchedAt
                ? r.fetchedAt.slice(0, 16).replace('T', ' ')
                : 'never',
            r.fetchError ?? '',
          ]),
        );
      });
    });
  command.addCommand(syncCommand());
  return command;
}
