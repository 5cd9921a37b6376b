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
import { nowIso, type Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import {
  choiceOption,
  globalOptions,
  parseChoiceList,
  parseIntOption,
  parseNumberOption,
  withStore,
  withWritableStore,
} from './context.ts';
import {
  clearStatus,
  drawStatus,
  formatNumber,
  type Header,
  type Part,
  pathColumn,
  printError,
  printJson,
  printJsonText,
  printLine,
  printTable,
  styled,
  textColumn,
} from './output.ts';

function importedLine(s: ImportSummary): Part[] {
  const what =
    s.feed === 'osv'
      ? `${s.ecosystem} advisories`
      : s.feed === 'licences'
        ? `${s.ecosystem} package licences`
        : 'endoflife.date products';
  const skipped = s.problems > 0 ? `, ${s.problems} unreadable skipped` : '';
  return [styled('green', 'loaded'), ` ${formatNumber(s.records)} ${what} from ${s.source}${skipped}`];
}

/** Advisories and end-of-life dates changed: the risk register follows (docs/risk.md#risk-register). */
async function refreshRegister(store: Store, ws: Workspace, done: readonly ImportSummary[]): Promise<void> {
  if (done.length === 0) return;
  const { updateRegister } = await import('../risk/register-update.ts');
  await updateRegister(store, ws, { at: nowIso() });
}

function printImported(json: boolean, done: ImportSummary[]): void {
  if (json) printJson('cto.feed-import/v1', { imports: done });
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
    drawStatus(styled('cyan', 'downloading'), ` ${label}: ${mb(received)}${of}`);
  };
}

async function ecosystemsToUpdate(store: Store, asked: string[] | undefined): Promise<string[]> {
  if (asked) return asked;
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
    .addOption(
      choiceOption(
        '--ecosystem <name>',
        'OSV ecosystem of the records, when the folder name does not say it',
        OSV_ECOSYSTEMS,
      ),
    )
    .option('--json', 'print a JSON document (schema cto.feed-import/v1)')
    .action(async (path: string, flags: { ecosystem?: string; json?: boolean }, cmd: Command) => {
      await withWritableStore(globalOptions(cmd), async (store, ws) => {
        const onImported = (s: ImportSummary) => printError(...importedLine(s));
        const done = await importFeedPath(store, path, { ecosystem: flags.ecosystem, onImported });
        await refreshRegister(store, ws, done);
        printImported(!!flags.json, done);
      });
    });
}

interface UpdateFlags {
  ecosystem?: string[];
  osv: boolean;
  eol: boolean;
  licences?: boolean;
  refresh?: boolean;
  concurrency?: number;
  timeout?: number;
  json?: boolean;
}

function updateCommand(): Command {
  return new Command('update')
    .description(
      `download OSV all.zip per ecosystem (${DEFAULT_OSV_URL}, env CTO_OSV_URL) and endoflife.date data (${DEFAULT_EOL_URL}, env CTO_EOL_URL), then import them; with --licences, look up package licences in the registries instead`,
    )
    .option(
      '--ecosystem <list>',
      `ecosystems, comma-separated: ${OSV_ECOSYSTEMS.join(', ')} (default: those in use or loaded, else all)`,
      parseChoiceList('--ecosystem', OSV_ECOSYSTEMS),
    )
    .option('--no-osv', 'skip OSV advisories')
    .option('--no-eol', 'skip endoflife.date data')
    .option(
      '--licences',
      'look up the licences of the packages in use in their registries (docs/licences.md)',
    )
    .option('--refresh', 'with --licences: ask again for versions already cached')
    .option(
      '--concurrency <n>',
      'with --licences: requests at once, 1 to 64 (default 8)',
      parseIntOption('--concurrency', 1, 64),
    )
    .option(
      '--timeout <seconds>',
      'with --licences: time for one request, 1 to 600 seconds (default 30)',
      parseNumberOption('--timeout', 1, 600),
    )
    .option('--json', 'print a JSON document (schema cto.feed-import/v1, or cto.feed-licences/v1)')
    .action(async (flags: UpdateFlags, cmd: Command) => {
      await withWritableStore(globalOptions(cmd), async (store, ws) => {
        if (flags.licences) return updateLicenceFeed(store, flags);
        const progress = ttyProgress();
        const onImported = (s: ImportSummary) => {
          if (progress) clearStatus();
          printError(...importedLine(s));
        };
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
          await refreshRegister(store, ws, done);
          printImported(!!flags.json, done);
        } finally {
          if (progress) clearStatus();
        }
      });
    });
}

function licenceLine(s: LicenceUpdateSummary): Part[] {
  const asked = s.found + s.none + s.notFound + s.failed;
  const parts = [
    `${formatNumber(s.packages)} package versions without a licence in their files`,
    `${formatNumber(s.cached)} already cached`,
    `${formatNumber(asked)} asked: ${formatNumber(s.found)} found, ${formatNumber(s.none)} state none, ${formatNumber(s.notFound)} not in the registry`,
  ];
  const failed =
    s.failed > 0
      ? [', ', styled('yellow', `${formatNumber(s.failed)} failed (${s.failures.join('; ')})`)]
      : [];
  return [styled('green', 'licences'), ` ${s.ecosystem} from ${s.registry}: ${parts.join(', ')}`, ...failed];
}

async function updateLicenceFeed(store: Store, flags: UpdateFlags): Promise<void> {
  const ecosystems = flags.ecosystem;
  const tty = process.stderr.isTTY;
  const done = await updateLicences(store, {
    ecosystems,
    refresh: !!flags.refresh,
    limits: {
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      ...(flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {}),
    },
    progress: tty
      ? (n, total) => {
          if (n % 20 === 0 || n === total)
            drawStatus(styled('cyan', 'looking up'), ` licences: ${n} of ${total}`);
        }
      : undefined,
  });
  if (tty) clearStatus();
  for (const s of done) printError(...licenceLine(s));
  if (done.length === 0)
    printError('No package versions to look up: scan repositories with lockfiles first.');
  if (flags.json) printJson('cto.feed-licences/v1', { ecosystems: done });
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
          printError(`${formatNumber(rows.length)} licence records written to ${flags.output}`);
        } else printJsonText(text);
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
          printJson('cto.feed-list/v1', { feeds });
          return;
        }
        if (feeds.length === 0) {
          printLine('No feeds loaded. Run `cto feed update`, or `cto feed import <path>` offline.');
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
        const headers: Header[] = [
          'feed',
          'ecosystem',
          'records',
          'imported (UTC)',
          'status',
          pathColumn('source'),
        ];
        if (flags.all) headers.push(textColumn('message'));
        printTable(headers, flags.all ? rows : rows.map((r) => r.slice(0, 6)));
      });
    });
}

export function feedCommand(): Command {
  const feed = new Command('feed').description(
    'load external data: OSV advisories, endoflife.date lifecycles, package licences',
  );
  for (const sub of [importCommand(), updateCommand(), listCommand(), exportCommand()]) feed.addCommand(sub);
  return feed;
}
