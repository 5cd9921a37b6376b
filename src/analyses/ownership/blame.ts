// `git blame` of one file at the scanned commit, hardened: no textconv, the commit named, and the
// repository's `blame.ignoreRevsFile` cleared (`--no-ignore-revs-file`: pointed at /dev/zero it
// would never end). A blame runs under the scan's git budget, with a shorter time limit.

import { CtoError, isCtoError } from '../../errors.ts';
import { currentGitBudget } from '../../git/budget.ts';
import { runGit } from '../../git/invoke.ts';

export interface AuthorLines {
  name: string;
  email: string;
  lines: number;
}

const BLAME_TIMEOUT_MS = 120_000;

function blameArgs(commit: string, path: string): string[] {
  return [
    'blame',
    '--porcelain',
    '--no-textconv',
    '--no-ignore-revs-file',
    '--diff-algorithm=myers',
    commit,
    '--',
    path,
  ];
}

/** Lines per author (raw name and e-mail as recorded) of one file, by `git blame`. */
export async function blameFile(
  gitDir: string,
  commit: string,
  path: string,
  timeoutMs = BLAME_TIMEOUT_MS,
): Promise<AuthorLines[]> {
  const budget = currentGitBudget();
  const r = await runGit({
    gitDir,
    args: blameArgs(commit, path),
    budget: { ...budget, timeMs: Math.min(budget.timeMs, timeoutMs) },
  }).catch((e: unknown) => {
    throw isCtoError(e) ? new CtoError(e.code, `git blame of ${path}: ${e.message}`) : e;
  });
  if (r.code !== 0) {
    const line = r.stderr.split('\n')[0] ?? '';
    throw new CtoError('GIT_FAILED', `git blame of ${path} failed: ${line || `exit code ${r.code}`}`);
  }
  return parsePorcelain(r.stdout);
}

const HEADER_RE = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ \d+/;

/** Counts the lines of `git blame --porcelain` output per author of the line's commit. */
function parsePorcelain(out: Buffer): AuthorLines[] {
  const who = new Map<string, { name: string; email: string }>();
  const counts = new Map<string, number>();
  let sha = '';
  let name = '';
  for (const line of out.toString('utf8').split('\n')) {
    if (line.startsWith('\t')) {
      counts.set(sha, (counts.get(sha) ?? 0) + 1);
      continue;
    }
    const m = HEADER_RE.exec(line);
    if (m) sha = m[1] as string;
    else if (line.startsWith('author ')) name = line.slice(7);
    else if (line.startsWith('author-mail ')) {
      const mail = line.slice(12);
      who.set(sha, { name, email: mail.startsWith('<') && mail.endsWith('>') ? mail.slice(1, -1) : mail });
    }
  }
  const byAuthor = new Map<string, AuthorLines>();
  for (const [commit, lines] of counts) {
    const a = who.get(commit) ?? { name: '', email: '' };
    const key = `${a.name}\x00${a.email}`;
    const row = byAuthor.get(key) ?? { ...a, lines: 0 };
    row.lines += lines;
    byAuthor.set(key, row);
  }
  return [...byAuthor.values()];
}

/** Blame many files, `jobs` at a time; a file whose blame fails is reported, not thrown. */
export async function blameFiles(
  gitDir: string,
  commit: string,
  paths: string[],
  jobs = 2,
): Promise<{ results: Map<string, AuthorLines[]>; failures: Map<string, string> }> {
  const results = new Map<string, AuthorLines[]>();
  const failures = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++] as string;
      try {
        results.set(path, await blameFile(gitDir, commit, path));
      } catch (e) {
        failures.set(path, (e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return { results, failures };
}
