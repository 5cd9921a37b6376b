// The ordinary repository every hostile case starts from: three commits (one a rename), a tag,
// checked out into a work tree with an index, as a developer's clone looks.
import { join } from 'node:path';
import { addCommits, buildRepo, type FileContent, git } from '../helpers/repo-builder.ts';

interface BaseRepo {
  /** The work tree. */
  dir: string;
  /** `<dir>/.git`, the path a user hands to the scanner. */
  gitDir: string;
  config: string;
}

/** Builds the base repository at `dir`; `extra` files are added in the second commit. */
export function baseRepo(dir: string, extra: Record<string, FileContent> = {}): BaseRepo {
  buildRepo(
    dir,
    [
      { message: 'start', files: { 'README.md': '# demo\n', 'src/app.js': 'console.log(1);\n' } },
      { message: 'add data', files: { 'data/report.bin': 'line one\nline two\n', ...extra } },
    ],
    { tags: [{ name: 'v1.0.0', at: 1, message: 'first release' }] },
  );
  addCommits(dir, [{ message: 'move app', renames: [['src/app.js', 'src/main.js']] }]);
  git(dir, ['reset', '-q', '--hard']);
  const gitDir = join(dir, '.git');
  return { dir, gitDir, config: join(gitDir, 'config') };
}
