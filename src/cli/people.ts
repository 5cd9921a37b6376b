// `cto people`: contributors across all repositories (person-level view; DESIGN rule 8).
import { Command } from 'commander';
import { loadDirectory } from '../analyses/knowledge/directory.ts';
import { peopleReport } from '../analyses/knowledge/views.ts';
import { countAuthors } from '../people/identities/email.ts';
import { currentAuthorEmails } from '../store/people.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, parseIntOption, withStore } from './context.ts';
import { day, printJson, printLine, printTable, textColumn } from './output.ts';
import { dayOf, todayOption, warnStale } from './reference.ts';

export function peopleCommand(): Command {
  return new Command('people')
    .description(
      'contributors across all repositories: commits, lines, first and last commit, commits in the 90 and 365 days before the reference date, repositories touched (bots counted in totals only)',
    )
    .argument('[repository]', 'one repository (name as in `cto repos`); all by default')
    .option('--anonymize', 'replace names by stable pseudonyms (person-1a2b3c4d), in JSON too')
    .option('--limit <n>', 'show at most n people (table only)', parseIntOption('--limit'), 50)
    .addOption(todayOption())
    .option('--json', 'print a JSON document (schema cto.people/v1)')
    .action(
      async (
        repository: string | undefined,
        flags: { anonymize?: boolean; limit: number; json?: boolean; today?: string },
        cmd: Command,
      ) => {
        await withStore(globalOptions(cmd), async (store, ws) => {
          const name = await resolveRepositoryName(store, repository);
          const refDay = dayOf(flags);
          const json = flags.json === true;
          await warnStale(store, ws.config, refDay, { ...(name ? { repository: name } : {}), json });
          const doc = await peopleDocument(store, ws, {
            repository: name,
            anonymize: flags.anonymize === true,
            today: refDay,
          });
          if (flags.json) {
            printJson('cto.people/v1', doc);
            return;
          }
          const report = doc;
          if (doc.totals.people + doc.totals.bots === 0) {
            printLine('No contributors in the store yet. Run `cto scan <path>` first.');
            return;
          }
          const rows = report.people
            .slice(0, flags.limit)
            .map((p) => [
              p.name,
              p.commits,
              p.linesAdded,
              p.linesDeleted,
              day(p.firstCommitAt),
              day(p.lastCommitAt),
              p.commits90d,
              p.commits365d,
              p.repositories.join(' '),
            ]);
          printTable(
            [
              'person',
              'commits',
              'added',
              'deleted',
              'first',
              'last',
              '90 days',
              '365 days',
              textColumn('repositories'),
            ],
            rows,
          );
          const t = report.totals;
          printLine(
            `${t.people} people, ${t.commits} commits (${t.botCommits} by ${t.bots} bots, left out above); ` +
              `${t.authors} ${t.authors === 1 ? 'author' : 'authors'} (distinct e-mails, any case)`,
          );
        });
      },
    );
}

/**
 * `cto people --json`'s body (schema cto.people/v1). `only` keeps the people it accepts (by their
 * names and e-mails; a lead's own teams on the server); the totals stay those of everyone.
 */
export async function peopleDocument(
  store: Store,
  ws: Workspace,
  opts: {
    repository: string | undefined;
    anonymize: boolean;
    today: string;
    only?: (keys: readonly string[]) => boolean;
  },
) {
  const { directory, stored: all } = await loadDirectory(store, ws.dir, ws.config, opts.today);
  const stored = opts.repository === undefined ? all : all.filter((p) => p.repository === opts.repository);
  const authors = countAuthors(await currentAuthorEmails(store, opts.repository));
  const report = peopleReport(stored, directory, opts.anonymize, authors);
  const only = opts.only;
  const people = only
    ? report.people.filter((p) =>
        only([p.name, ...(directory.byId.get(p.person)?.names ?? []), ...(p.emails ?? [])]),
      )
    : report.people;
  return { anonymized: opts.anonymize, today: opts.today, ...report, people };
}
