// `cto hotspots [repo]`: files ranked by change frequency x code lines, with complexity and trend;
// `--coupling`: files that change together (docs/metrics/code.md).
import { Command } from 'commander';
import { DEFAULT_COUPLING } from '../analyses/coupling/coupling.ts';
import { trendsAt } from '../analyses/hotspots/at-date.ts';
import { exclusionsFrom, NO_EXCLUSIONS } from '../analyses/hotspots/exclude.ts';
import { selectCoupling, selectHotspots } from '../analyses/hotspots/select.ts';
import { referenceTs } from '../reference-date.ts';
import { currentCodeFiles } from '../store/code.ts';
import { currentCoupling, currentHotspots } from '../store/hotspots.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, parseIntOption, withStore } from './context.ts';
import { day, pathColumn, printError, printJson, printLine, printTable } from './output.ts';
import { dayOf, todayOption, warnStale } from './reference.ts';

interface HotspotFlags {
  top: number;
  folder?: string;
  all?: boolean;
  coupling?: boolean;
  minDegree: number;
  minRevs: number;
  json?: boolean;
  today?: string;
}

export function hotspotsCommand(): Command {
  return new Command('hotspots')
    .description(
      'files ranked by commits x code lines, with complexity and trend; --coupling: files that change together',
    )
    .argument('[repo]', 'one repository (by its name in `cto repos`); all when left out')
    .option('--top <n>', 'files (or pairs) per repository', parseIntOption('--top'), 20)
    .option('--folder <path>', 'only files under this folder')
    .option(
      '--all',
      'keep tests, lockfiles, vendored, generated, documentation, prose, data and binary files (excluded by default)',
    )
    .option('--coupling', 'list pairs of files that change in the same commits')
    .option(
      '--min-degree <percent>',
      'coupling: minimum degree (stored pairs start at 30)',
      parseIntOption('--min-degree', 1, 100),
      DEFAULT_COUPLING.minDegree,
    )
    .option(
      '--min-revs <n>',
      'coupling: minimum average commits of the two files (stored pairs start at 5)',
      parseIntOption('--min-revs'),
      DEFAULT_COUPLING.minRevs,
    )
    .addOption(
      todayOption(
        "the trend (last 90 days against the year before) counts back from; default: the scan's reference date",
      ),
    )
    .option('--json', 'print a JSON document (schema cto.hotspots/v1)')
    .action(async (repo: string | undefined, flags: HotspotFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const name = await resolveRepositoryName(store, repo);
        const today = dayOf(flags);
        await warnStale(store, ws.config, today, {
          ...(name !== undefined ? { repository: name } : {}),
          json: flags.json === true,
        });
        const doc = await hotspotsDocument(store, ws, { ...flags, repository: name });
        if (flags.json) {
          printJson('cto.hotspots/v1', doc);
          return;
        }
        if (doc.kind === 'coupling') {
          const pairs = doc.pairs;
          const rows = pairs.map((p) => [
            p.repository,
            p.path_a,
            p.path_b,
            p.degree,
            p.shared,
            p.commits_a,
            p.commits_b,
          ]);
          printTable(
            [
              'repository',
              pathColumn('file'),
              pathColumn('changes with'),
              'degree %',
              'shared',
              'commits a',
              'commits b',
            ],
            rows,
          );
          if (pairs.length === 0) printError('(no pairs at these thresholds)');
          return;
        }
        const hotspots = doc.hotspots;
        if (hotspots.length === 0) {
          printLine('No hotspots. Run `cto scan <path>` first (with analyses), or try --all.');
          return;
        }
        const rows = hotspots.map((h) => [
          h.repository,
          h.path,
          h.score,
          h.commits,
          h.code,
          h.complexity,
          h.authors,
          day(h.first_change_at),
          day(h.last_change_at),
          `${h.trend} ${h.recent_commits}/${h.baseline_commits}`,
        ]);
        printTable(
          [
            'repository',
            pathColumn('file'),
            'score',
            'commits',
            'code',
            'complexity',
            'authors',
            'first change',
            'last change',
            'trend 90d/avg',
          ],
          rows,
        );
      });
    });
}

interface HotspotOptions {
  repository: string | undefined;
  top: number;
  folder?: string | undefined;
  all?: boolean | undefined;
  coupling?: boolean | undefined;
  minDegree: number;
  minRevs: number;
  today?: string | undefined;
}

/** `cto hotspots --json`'s body (schema cto.hotspots/v1): hotspots, or coupled pairs with `coupling`. */
export async function hotspotsDocument(store: Store, ws: Workspace, opts: HotspotOptions) {
  const name = opts.repository;
  const exclusions = opts.all ? NO_EXCLUSIONS : exclusionsFrom(ws.config);
  const selection = { top: opts.top, folder: opts.folder ?? null, exclusions };
  if (opts.coupling) {
    const categories = new Map(
      (await currentCodeFiles(store, name)).map((f) => [`${f.repository}\0${f.path}`, f.category]),
    );
    const pairs = selectCoupling(await currentCoupling(store, name), {
      ...selection,
      categories,
      minDegree: opts.minDegree,
      minRevs: opts.minRevs,
    });
    return { kind: 'coupling' as const, exclusions, pairs };
  }
  const selected = selectHotspots(await currentHotspots(store, name), selection);
  const hotspots =
    opts.today === undefined ? selected : await trendsAt(store, selected, referenceTs(opts.today));
  return {
    kind: 'hotspots' as const,
    ...(opts.today !== undefined ? { today: opts.today } : {}),
    exclusions,
    hotspots,
  };
}
