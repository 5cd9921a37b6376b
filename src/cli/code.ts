// `cto code [repo]`: languages with files and code, comment and blank lines, per repository or folder.
import { Command } from 'commander';
import { type CodeSummary, summariseCode } from '../analyses/languages/summary.ts';
import { currentCodeFiles } from '../store/code.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
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
        const folder = flags.by === 'folder';
        const doc = await codeDocument(store, { repository: repo, by: flags.by, depth: flags.depth });
        if (flags.json) {
          printJson('cto.code/v1', doc);
          return;
        }
        const { by: _, depth: __, ...summary } = doc;
        // Every file is counted in a language or apart: both empty means no code facts.
        if (summary.languages.length === 0 && summary.apart.length === 0) {
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

/** `cto code --json`'s body (schema cto.code/v1). */
export async function codeDocument(
  store: Store,
  opts: { repository?: string | undefined; by: 'language' | 'folder'; depth: number },
) {
  const name = await resolveRepositoryName(store, opts.repository);
  const files = await currentCodeFiles(store, name);
  const folder = opts.by === 'folder';
  const summary = summariseCode(files, folder ? opts.depth : null);
  return { by: opts.by, depth: folder ? opts.depth : null, ...summary };
}
