// `cto feed import|update|list`: load OSV advisories and endoflife.date data into the store.
import { Command } from 'commander';
import {
  DEFAULT_EOL_URL,
  DEFAULT_OSV_URL,
  feedUrls,
  OSV_ECOSYSTEMS,
  updateFeeds,
} from '../feeds/download.ts';
import type { ImportSummary } from '../feeds/import.ts';
import { importFeedPath } from '../feeds/import-path.ts';
import { currentEcosystems } from '../store/feed-reads.ts';
import { listFeedImports } from '../store/feeds.ts';
import type { Store } from '../store/store.ts';
import { globalOptions, withStore } from './context.ts';
import { err, formatNumber, jsonDocument, renderTable } from './output.ts';

function importedLine(s: ImportSummary): string {
  const what = s.feed === 'osv' ? `${s.ecosystem} advisories` : 'endoflife.date products';
  const skipped = s.problems > 0 ? `, ${s.problems} unreadable skipped` : '';
  return `${err.green('loaded')} ${formatNumber(s.records)} ${what} from ${s.source}${skipped}\n`;
}

function printImported(json: boolean, done: ImportSummary[]): void {
  if (json) process.stdout.write(jsonDocument('cto.feed-import/v1', { imports: done }));
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function ttyProgress() {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (label: string, received: number, total: number | null) => {
    const now = Date.now();
    if (now - last < 100 && received !== total) return;
    last = now;
    const of = total ? ` of ${mb(total)}` : '';
    process.stderr.write(`\r\x1b[2K${err.cyan('downloading')} ${label}: ${mb(received)}${of}`);
  };
}

async function ecosystemsToUpdate(store: Store, asked: string | undefined): Promise<string[]> {
  if (asked)
    return asked
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
  const loaded = (await listFeedImports(store)).filter((f) => f.feed === 'osv').map((f) => f.ecosystem);
  const used = await currentEcosystems(store);
  const wanted = [...new Set([...loaded, ...used])];
  return wanted.length > 0 ? wanted.sort() : OSV_ECOSYSTEMS;
}

function importCommand(): Command {
  return new Command('import')
    .description(
      'load feed data from disk, offline: an OSV all.zip, a folder of OSV JSON (or of <Ecosystem>/all.zip), endoflife.date products.json or API JSON',
    )
    .argument('<path>', 'file or folder to load')
    .option('--ecosystem <name>', 'OSV ecosystem of the records, when the folder name does not say it')
    .option('--json', 'print a JSON document (schema cto.feed-import/v1)')
    .action(async (path: string, flags: { ecosystem?: string; json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const onImported = (s: ImportSummary) => process.stderr.write(importedLine(s));
        printImported(
          !!flags.json,
          await importFeedPath(store, path, { ecosystem: flags.ecosystem, onImported }),
        );
      });
    });
}

function updateCommand(): Command {
  return new Command('update')
    .description(
      `download OSV all.zip per ecosystem (${DEFAULT_OSV_URL}, env CTO_OSV_URL) and endoflife.date data (${DEFAULT_EOL_URL}, env CTO_EOL_URL), then import them`,
    )
    .option(
      '--ecosystem <list>',
      'OSV ecosystems, comma-separated (default: those in use or loaded, else all)',
    )
    .option('--no-osv', 'skip OSV advisories')
    .option('--no-eol', 'skip endoflife.date data')
    .option('--json', 'print a JSON document (schema cto.feed-import/v1)')
    .action(
      async (flags: { ecosystem?: string; osv: boolean; eol: boolean; json?: boolean }, cmd: Command) => {
        await withStore(globalOptions(cmd), async (store) => {
          const progress = ttyProgress();
          const onImported = (s: ImportSummary) =>
            process.stderr.write(`${progress ? '\r\x1b[2K' : ''}${importedLine(s)}`);
          const ecosystems = await ecosystemsToUpdate(store, flags.ecosystem);
          try {
            const done = await updateFeeds(store, {
              ecosystems,
              osv: flags.osv,
              eol: flags.eol,
              urls: feedUrls(),
              progress,
              onImported,
            });
            printImported(!!flags.json, done);
          } finally {
            if (progress) process.stderr.write('\r\x1b[2K');
          }
        });
      },
    );
}

function listCommand(): Command {
  return new Command('list')
    .description('show the loaded feeds: feed, ecosystem, records, when and from where')
    .option('--all', 'also show replaced and failed imports')
    .option('--json', 'print a JSON document (schema cto.feed-list/v1)')
    .action(async (flags: { all?: boolean; json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const feeds = await listFeedImports(store, !!flags.all);
        if (flags.json) {
          process.stdout.write(jsonDocument('cto.feed-list/v1', { feeds }));
          return;
        }
        if (feeds.length === 0) {
          process.stdout.write(
            'No feeds loaded. Run `cto feed update`, or `cto feed import <path>` offline.\n',
          );
          return;
        }
        const rows = feeds.map((f) => [
          f.feed,
          f.ecosystem,
          f.records,
          f.importedAt.slice(0, 16).replace('T', ' '),
          f.status,
          f.source,
          f.message,
        ]);
        const headers = ['feed', 'ecosystem', 'records', 'imported (UTC)', 'status', 'source'];
        if (flags.all) headers.push('message');
        process.stdout.write(`${renderTable(headers, flags.all ? rows : rows.map((r) => r.slice(0, 6)))}\n`);
      });
    });
}

export function feedCommand(): Command {
  const feed = new Command('feed').description(
    'load external data: OSV advisories, endoflife.date lifecycles',
  );
  for (const sub of [importCommand(), updateCommand(), listCommand()])
    feed.addCommand(sub.exitOverride().showHelpAfterError());
  return feed;
}
