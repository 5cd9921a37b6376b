// Reading history for the truck factor: `git log --name-status --find-renames` over the
// ancestors of one commit, as plain data. The parse is pure; `readHistory` runs the hardened git.
import { gitOk } from '../../../git/invoke.ts';

type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface HistoryChange {
  status: ChangeStatus;
  path: string;
  /** The path before a rename or copy. */
  oldPath?: string;
}

export interface HistoryCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  changes: HistoryChange[];
}

const FORMAT = '%x1e%H%x00%P%x00%an%x00%ae%x00';

/** Arguments for `git log` over the ancestors of `commit` (merges show no changes). */
function historyArgs(commit: string): string[] {
  return [
    'log',
    '-z',
    '--name-status',
    '--find-renames',
    '-l0',
    '--diff-merges=off',
    '--no-textconv',
    '--no-ext-diff',
    '--no-color',
    '--no-use-mailmap',
    '--no-show-signature',
    '--no-notes',
    `--format=${FORMAT}`,
    commit,
    '--',
  ];
}

function parseChanges(tokens: string[]): HistoryChange[] {
  const changes: HistoryChange[] = [];
  let i = 0;
  while (i < tokens.length) {
    const code = tokens[i]!.trim();
    const status = code[0] as ChangeStatus | undefined;
    if (status === 'R' || status === 'C') {
      changes.push({ status, oldPath: tokens[i + 1]!, path: tokens[i + 2]! });
      i += 3;
    } else if (status && 'AMDT'.includes(status)) {
      changes.push({ status, path: tokens[i + 1]! });
      i += 2;
    } else {
      i += status ? 2 : 1;
    }
  }
  return changes;
}

/** Parse the output of `git log` run with `historyArgs`. */
function parseHistory(out: Buffer | string): HistoryCommit[] {
  const text = typeof out === 'string' ? out : out.toString('utf8');
  const commits: HistoryCommit[] = [];
  for (const record of text.split('\x1e')) {
    if (record === '') continue;
    const tokens = record.split('\0');
    const [sha, parents, authorName, authorEmail, ...rest] = tokens;
    if (!sha || authorEmail === undefined) continue;
    if (rest[0] !== undefined) rest[0] = rest[0].replace(/^\n/, '');
    const changeTokens = rest.filter((t) => t !== '');
    commits.push({
      sha,
      parents: parents ? parents.split(' ') : [],
      authorName: authorName ?? '',
      authorEmail,
      changes: parseChanges(changeTokens),
    });
  }
  return commits;
}

/** History of the ancestors of `commit` in the repository at `gitDir`, newest first. */
export async function readHistory(gitDir: string, commit: string): Promise<HistoryCommit[]> {
  return parseHistory(await gitOk({ gitDir, args: historyArgs(commit) }));
}

/** Paths of the files at `commit` (blobs and links, not submodules). */
export async function readFiles(gitDir: string, commit: string): Promise<string[]> {
  const out = await gitOk({ gitDir, args: ['ls-tree', '-r', '-z', '--full-tree', commit] });
  return out
    .toString('utf8')
    .split('\0')
    .filter((line) => line !== '' && !line.startsWith('160000 '))
    .map((line) => line.slice(line.indexOf('\t') + 1));
}
