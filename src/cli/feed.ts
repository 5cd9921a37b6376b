// `cto feed import|update|list|export`: load OSV advisories, endoflife.date data and package
// licences from registries into the store; export the licence cache as a file.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { CtoError } from '../errors.ts';
import {
  DEFAULT_EOL_URL,
  DEFAULT_OSV_URL,
  feedUrls,
  OSV_ECOSYSTEMS,
  updateFeeds,
} from '../feeds/download.ts';
import type { ImportSummary } from '../feeds/import.ts';
import { importFeedPath } from '../feeds/import-path.ts';
import { licenceLines } from '../feeds/licences/file.ts';
import { type LicenceUpdateSummary, updateLicences } from '../feeds/licences/update.ts';
import { currentEcosystems } from '../store/feed-reads.ts';
import { listFeedImports } from '../store/feeds.ts';
import { allCachedLicences } from '../store/licence-cache.ts';
import type { Store } from '../store/store.ts';
import { globalOptions, withStore } from './context.ts';
import { err, formatNumber, jsonDocument, renderTable } from './output.ts';

function importedLine(s: ImportSummary): string {
  const what =
    s.feed === 'osv'
      ? `${s.ecosystem} advisories`
      : s.feed === 'licences'
        ? `${s.ecosystem} package licences`
        : 'endoflife.date products';
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
      'load feed data from disk, offline: an OSV all.zip, a folder of OSV JSON (or of <Ecosystem>/all.zip), endoflife.date products.json or API JSON, or a licence cache file (JSON lines, from `cto feed export --licences`)',
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

interface UpdateFlags {
  ecosystem?: string;
  osv: boolean;
  eol: boolean;
  licences?: boolean;
  refresh?: boolean;
  concurrency?: string;
  timeout?: string;
  json?: boolean;
}

function updateCommand(): Command {
  return new Command('update')
    .description(
      `download OSV all.zip per ecosystem (${DEFAULT_OSV_URL}, env CTO_OSV_URL) and endoflife.date data (${DEFAULT_EOL_URL}, env CTO_EOL_URL), then import them; with --licences, look up package licences in the registries instead`,
    )
    .option('--ecosystem <list>', 'ecosystems, comma-separated (default: those in use or loaded, else all)')
    .option('--no-osv', 'skip OSV advisories')
    .option('--no-eol', 'skip endoflife.date data')
    .option(
      '--licences',
      'look up the licences of the packages in use in their registries (docs/licences.md)',
    )
    .option('--refresh', 'with --licences: ask again for versions already cached')
    .option('--concurrency <n>', 'with --licences: requests at once (default 8)')
    .option('--timeout <seconds>', 'with --licences: time for one request (default 30)')
    .option('--json', 'print a JSON document (schema cto.feed-import/v1, or cto.feed-licences/v1)')
    .action(async (flags: UpdateFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        if (flags.licences) return updateLicenceFeed(store, flags);
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
    });
}

function positive(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new CtoError('USAGE', `${what} must be a positive number, not "${text}"`);
  return n;
}

function licenceLine(s: LicenceUpdateSummary): string {
  const asked = s.found + s.none + s.notFound + s.failed;
  const parts = [
    `${formatNumber(s.packages)} package versions without a licence in their files`,
    `${formatNumber(s.cached)} already cached`,
    `${formatNumber(asked)} asked: ${formatNumber(s.found)} found, ${formatNumber(s.none)} state none, ${formatNumber(s.notFound)} not in the registry`,
  ];
  if (s.failed > 0) parts.push(err.yellow(`${formatNumber(s.failed)} failed (${s.failures.join('; ')})`));
  return `${err.green('licences')} ${s.ecosystem} from ${s.registry}: ${parts.join(', ')}\n`;
}

async function updateLicenceFeed(store: Store, flags: UpdateFlags): Promise<void> {
  const ecosystems = flags.ecosystem
    ?.split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const tty = process.stderr.isTTY;
  const done = await updateLicences(store, {
    ecosystems,
    refresh: !!flags.refresh,
    limits: {
      ...(flags.concurrency ? { concurrency: positive(flags.concurrency, '--concurrency') } : {}),
      ...(flags.timeout ? { timeoutMs: (positive(flags.timeout, '--timeout') ?? 30) * 1000 } : {}),
    },
    progress: tty
      ? (n, total) => {
          if (n % 20 === 0 || n === total)
            process.stderr.write(`\r\x1b[2K${err.cyan('looking up')} licences: ${n} of ${total}`);
        }
      : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[2K');
  for (const s of done) process.stderr.write(licenceLine(s));
  if (done.length === 0)
    process.stderr.write('No package versions to look up: scan repositories with lockfiles first.\n');
  if (flags.json) process.stdout.write(jsonDocument('cto.feed-licences/v1', { ecosystems: done }));
  const asked = done.reduce((n, s) => n + s.found + s.none + s.notFound + s.failed, 0);
  const failed = done.reduce((n, s) => n + s.failed, 0);
  if (asked > 0 && failed === asked)
    throw new CtoError(
      'FEED_DOWNLOAD',
      `no registry answered (${[...new Set(done.flatMap((s) => s.failures))].slice(0, 3).join('; ')}); the cached licences stay as they were`,
    );
}

function exportCommand(): Command {
  return new Command('export')
    .description('write the licence cache as JSON lines of {ecosystem,name,version,licence,source,status}')
    .requiredOption('--licences', 'the licence cache (the only feed exported)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (flags: { output?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const rows = await allCachedLicences(store);
        const text = licenceLines(rows);
        if (flags.output) {
          writeFileSync(resolve(flags.output), text);
          process.stderr.write(`${formatNumber(rows.length)} licence records written to ${flags.output}\n`);
        } else process.stdout.write(text);
      });
    });
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
    'load external data: OSV advisories, endoflife.date lifecycles, package licences',
  );
  for (const sub of [importCommand(), updateCommand(), listCommand(), exportCommand()])
    feed.addCommand(sub.exitOverride().showHelpAfterError());
  return feed;
}
