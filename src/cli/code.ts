// `cto code [repo]`: languages with files and code, comment and blank lines, per repository or folder.
import { Command } from 'commander';
import { type CodeSummary, summariseCode } from '../analyses/languages/summary.ts';
import { currentCodeFiles } from '../store/code.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import { choiceOption, globalOptions, parseIntOption, withStore } from './context.ts';
import { type Cell, pathColumn, printJson, printLine, printTable } from './output.ts';

interface CodeFlags {
  by: 'language' | 'folder';
  depth: number;
  json?: boolean;
}

const LINES = ['files', 'code', 'comment', 'blank'];

export function codeCommand(): Command {
  return new Command('code')
    .description(
      'languages with files and code, comment and blank lines (docs/metrics/languages.md); vendored, generated and documentation files shown apart; totals per language and in all across repositories',
    )
    .argument('[repo]', 'one repository (by its name in `cto repos`); all when left out')
    .addOption(
      choiceOption('--by <what>', 'group by language or by folder', ['language', 'folder']).default(
        'language',
      ),
    )
    .option('--depth <n>', 'folder depth with --by folder', parseIntOption('--depth'), 1)
    .option('--json', 'print a JSON document (schema cto.code/v1)')
    .action(async (repo: string | undefined, flags: CodeFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const name = await resolveRepositoryName(store, repo);
        const files = await currentCodeFiles(store, name);
        const folder = flags.by === 'folder';
        const summary = summariseCode(files, folder ? flags.depth : null);
        if (flags.json) {
          printJson('cto.code/v1', { by: flags.by, depth: folder ? flags.depth : null, ...summary });
          return;
        }
        if (files.length === 0) {
          printLine('No code facts yet. Run `cto scan <path>` first (with analyses).');
          return;
        }
        printCode(summary, folder);
      });
    });
}

function printCode(summary: CodeSummary, folder: boolean): void {
  const rows: Cell[][] = summary.languages.map((l) => [
    l.repository,
    ...(folder ? [l.folder] : []),
    l.language,
    l.files,
    l.code,
    l.comment,
    l.blank,
  ]);
  for (const t of summary.totals)
    rows.push([t.repository, ...(folder ? [''] : []), '(total)', t.files, t.code, t.comment, t.blank]);
  printTable(['repository', ...(folder ? [pathColumn('folder')] : []), 'language', ...LINES], rows);
  const p = summary.portfolio;
  if (p.repositories > 1) {
    printLine('');
    printLine(`All ${p.repositories} repositories:`);
    const sums: Cell[][] = p.languages.map((l) => [l.language, l.files, l.code, l.comment, l.blank]);
    sums.push(['SUM', p.total.files, p.total.code, p.total.comment, p.total.blank]);
    printTable(['language', ...LINES], sums);
  }
  printLine('');
  printLine('Not counted in language statistics:');
  printTable(
    ['repository', 'category', ...LINES],
    summary.apart.map((a) => [a.repository, a.category, a.files, a.code, a.comment, a.blank]),
  );
}
