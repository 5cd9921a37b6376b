// `cto knowledge [repo]`: truck factor per repository and top-level folder, the people it rests on,
// files with one author; with --leave, the off-boarding simulation. Person-level view (DESIGN rule 8).
import { Command } from 'commander';
import { loadDirectory, resolveLeaving } from '../analyses/knowledge/directory.ts';
import { leaveReport } from '../analyses/knowledge/leave.ts';
import { knowledgeReport, type RepositoryKnowledge, type Share } from '../analyses/knowledge/views.ts';
import { CtoError } from '../errors.ts';
import { pseudonym } from '../people/pseudonym.ts';
import { isoDay, referenceTs } from '../reference-date.ts';
import { currentKnowledgeFiles, currentOwnership, currentTruckFactors } from '../store/people.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, withStore } from './context.ts';
import { pathColumn, printError, printJson, printLine, printTable, textColumn } from './output.ts';
import { dayOf, todayOption, warnStale } from './reference.ts';

interface Flags {
  leave: string[];
  anonymize?: boolean;
  json?: boolean;
  today?: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const who = (people: readonly Share[]) =>
  people.map((p) => `${p.name}${p.departed ? ' [departed]' : ''} (${pct(p.share)})`).join(', ');

/** One line per repository, the most at risk first: the truck factor among active people, then published. */
function printPortfolio(repos: readonly RepositoryKnowledge[], day: string): void {
  const rows = [...repos]
    .sort(
      (a, b) =>
        a.active.truckFactor - b.active.truckFactor ||
        a.truckFactor - b.truckFactor ||
        (a.repository < b.repository ? -1 : 1),
    )
    .map((r) => [
      r.repository,
      r.truckFactor,
      r.active.truckFactor,
      `${r.active.activeKeyPeople}/${r.active.keyPeople}`,
      r.active.departed.length,
      r.active.dormantSince !== null
        ? `dormant: no commit since ${isoDay(r.active.dormantSince)}`
        : r.active.restsOnDeparted
          ? 'knowledge rests on departed people'
          : '',
    ]);
  printLine(`Knowledge at ${day} (departed: no commit in the 365 days before it)`);
  printTable(
    [
      'repository',
      'truck factor',
      'active truck factor',
      'active key people',
      'departed authors',
      textColumn(''),
    ],
    rows,
  );
  printLine('');
}

function printKnowledge(repos: RepositoryKnowledge[]): void {
  for (const r of repos) {
    printLine(
      `${r.repository}: truck factor ${r.truckFactor} (among active people ${r.active.truckFactor}) of ${r.files} files: ${who(r.people) || 'nobody'}`,
    );
    const rows = r.folders.map((f) => [f.folder, f.truckFactor, f.files, who(f.people)]);
    if (rows.length > 0)
      printTable([pathColumn('folder'), 'truck factor', 'files', textColumn('people')], rows);
    printLine(`files with one author: ${r.singleAuthorFiles.length} of ${r.files}`);
    const top = r.singleAuthorFiles.slice(0, 10).map((f) => [f.path, f.commits, f.lines, f.author.name]);
    if (top.length > 0)
      printTable([pathColumn('file (most changed first)'), 'commits', 'lines', 'author'], top);
    printLine('');
  }
}

export function knowledgeCommand(): Command {
  return new Command('knowledge')
    .description(
      'truck factor per repository and top-level folder, the people it rests on, files with one author; --leave simulates people leaving',
    )
    .argument('[repository]', 'one repository (name as in `cto repos`); all by default')
    .option(
      '--leave <person>',
      'a person who leaves, by name or e-mail (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--anonymize', 'replace names by stable pseudonyms (person-1a2b3c4d), in JSON too')
    .addOption(todayOption())
    .option('--json', 'print a JSON document (schema cto.knowledge/v1)')
    .action(async (repository: string | undefined, flags: Flags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const name = await resolveRepositoryName(store, repository);
        const day = dayOf(flags);
        await warnStale(store, ws.config, day, {
          ...(name ? { repository: name } : {}),
          json: flags.json === true,
        });
        const anonymize = flags.anonymize === true;
        if (flags.leave.length > 0) {
          const { directory } = await loadDirectory(store, ws.dir, ws.config, day);
          const files = await currentKnowledgeFiles(store, name);
          const { ids, unknown } = resolveLeaving(directory, flags.leave);
          if (ids.length === 0)
            throw new CtoError(
              'USAGE',
              `--leave: nobody in the store matches ${unknown.map((u) => `"${u}"`).join(', ')}`,
            );
          const report = leaveReport(files, await currentOwnership(store, name), directory, ids);
          const leaving = ids.map((id) => (anonymize ? pseudonym(id) : (directory.byId.get(id)?.name ?? id)));
          if (flags.json) {
            printJson('cto.knowledge/v1', {
              anonymized: anonymize,
              leaving,
              unmatched: unknown,
              offboarding: report,
            });
            return;
          }
          if (unknown.length > 0) printError(`cto: no match for ${unknown.join(', ')}`);
          printLine(`Leaving: ${leaving.join(', ')}`);
          const rows = report.flatMap((r) => [
            [
              r.repository,
              '(all)',
              r.files,
              r.orphanedFiles,
              r.orphanedLines,
              r.blame ? r.blame.linesLost : '',
            ],
            ...r.folders.map((f) => [r.repository, f.folder, f.files, f.orphanedFiles, f.orphanedLines, '']),
          ]);
          printTable(
            ['repository', pathColumn('folder'), 'files', 'without author', 'lines', 'blame lines lost'],
            rows,
          );
          const hot = report.flatMap((r) =>
            r.hotspots.slice(0, 10).map((h) => [r.repository, h.path, h.commits365d, h.commits, h.lines]),
          );
          if (hot.length > 0) {
            printLine('');
            printLine('Most changed files left without an author:');
            printTable(['repository', pathColumn('file'), 'commits 365d', 'commits', 'lines'], hot);
          }
          return;
        }
        const doc = await knowledgeDocument(store, ws, { repository: name, anonymize, today: day });
        if (flags.json) {
          printJson('cto.knowledge/v1', doc);
          return;
        }
        const report = doc.repositories;
        if (report.length === 0) {
          printLine('No knowledge data yet. Run `cto scan <path>` first.');
          return;
        }
        printPortfolio(report, day);
        printKnowledge(report);
      });
    });
}

/** `cto knowledge --json`'s body without `--leave` (schema cto.knowledge/v1). */
export async function knowledgeDocument(
  store: Store,
  ws: Workspace,
  opts: { repository: string | undefined; anonymize: boolean; today: string },
) {
  const name = opts.repository;
  const { directory, stored } = await loadDirectory(store, ws.dir, ws.config, opts.today);
  const sources = {
    tfs: await currentTruckFactors(store, name),
    files: await currentKnowledgeFiles(store, name),
    people: name === undefined ? stored : stored.filter((p) => p.repository === name),
    referenceTs: referenceTs(opts.today),
  };
  const repositories = knowledgeReport(sources, directory, opts.anonymize);
  return { anonymized: opts.anonymize, today: opts.today, repositories };
}
