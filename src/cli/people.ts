// `cto people`: contributors across all repositories (person-level view; DESIGN rule 8).
import { Command } from 'commander';
import { loadDirectory } from '../analyses/knowledge/directory.ts';
import { peopleReport } from '../analyses/knowledge/views.ts';
import { countAuthors } from '../people/identities/email.ts';
import { currentAuthorEmails } from '../store/people.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import { globalOptions, parseIntOption, withStore } from './context.ts';
import { day, printJson, printLine, printTable, textColumn } from './output.ts';
import { dayOf, todayOption, warnStale } from './reference.ts';

export function peopleCommand(): Command {
  return new Command('people')
    .description(
      'contributors across all repositories: commits, lines, first and last commit, commits in the 90 and 365 days before the reference date, repositories touched (bots counted in totals only)',
    )
    .argument('[repository]', 'one repository (name as in `cto repos`); all by default')
    .option('--anonymize', 'replace names by stable pseudonyms (Person 7f3a), in JSON too')
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
          const { directory, stored: all } = await loadDirectory(store, ws.dir, ws.config, refDay);
          const stored = name === undefined ? all : all.filter((p) => p.repository === name);
          const authors = countAuthors(await currentAuthorEmails(store, name));
          const report = peopleReport(stored, directory, flags.anonymize === true, authors);
          if (flags.json) {
            printJson('cto.people/v1', { anonymized: flags.anonymize === true, today: refDay, ...report });
            return;
          }
          if (stored.length === 0) {
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
