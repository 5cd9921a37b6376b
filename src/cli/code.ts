// `cto code [repo]`: languages with files and code, comment and blank lines, per repository or folder.
import { Command } from 'commander';
import { summariseCode } from '../analyses/languages/summary.ts';
import { CtoError } from '../errors.ts';
import { currentCodeFiles, repositoryNames } from '../store/code.ts';
import { globalOptions, parseIntOption, withStore } from './context.ts';
import { jsonDocument, renderTable } from './output.ts';

interface CodeFlags {
  by?: string;
  depth: number;
  json?: boolean;
}

export function codeCommand(): Command {
  return new Command('code')
    .description(
      'languages with files and code, comment and blank lines (docs/metrics/languages.md); vendored, generated and documentation files shown apart',
    )
    .argument('[repo]', 'one repository (by its name in `cto repos`); all when left out')
    .option('--by <what>', 'group by `language` (default) or `folder`', 'language')
    .option('--depth <n>', 'folder depth with --by folder', parseIntOption('--depth'), 1)
    .option('--json', 'print a JSON document (schema cto.code/v1)')
    .action(async (repo: string | undefined, flags: CodeFlags, cmd: Command) => {
      if (flags.by !== 'language' && flags.by !== 'folder')
        throw new CtoError('USAGE', `--by takes language or folder, not "${flags.by}"`);
      await withStore(globalOptions(cmd), async (store) => {
        await requireRepository(store, repo);
        const files = await currentCodeFiles(store, repo);
        const summary = summariseCode(files, flags.by === 'folder' ? flags.depth : null);
        if (flags.json) {
          process.stdout.write(
            jsonDocument('cto.code/v1', {
              by: flags.by,
              depth: flags.by === 'folder' ? flags.depth : null,
              ...summary,
            }),
          );
          return;
        }
        if (files.length === 0) {
          process.stdout.write('No code facts yet. Run `cto scan <path>` first (with analyses).\n');
          return;
        }
        const folder = flags.by === 'folder';
        const head = [
          'repository',
          ...(folder ? ['folder'] : []),
          'language',
          'files',
          'code',
          'comment',
          'blank',
        ];
        const rows = summary.languages.map((l) => [
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
        process.stdout.write(`${renderTable(head, rows)}\n\nNot counted in language statistics:\n`);
        const apart = summary.apart.map((a) => [
          a.repository,
          a.category,
          a.files,
          a.code,
          a.comment,
          a.blank,
        ]);
        process.stdout.write(
          `${renderTable(['repository', 'category', 'files', 'code', 'comment', 'blank'], apart)}\n`,
        );
      });
    });
}

/** A named repository must be in the store; the message lists the names that are. */
export async function requireRepository(
  store: Parameters<typeof repositoryNames>[0],
  repo: string | undefined,
): Promise<void> {
  if (repo === undefined) return;
  const names = await repositoryNames(store);
  if (!names.includes(repo))
    throw new CtoError(
      'USAGE',
      `no repository named "${repo}" in the store${names.length > 0 ? ` (known: ${names.slice(0, 10).join(', ')})` : ''}`,
    );
}
