// `git blame` of one file at the scanned commit, hardened: no textconv, the commit named, and the
// repository's `blame.ignoreRevsFile` cleared (`--no-ignore-revs-file`: pointed at /dev/zero it
// would never end). A time limit kills a blame that still runs too long.

import { CtoError } from '../../errors.ts';
import { spawnGit } from '../../git/invoke.ts';

export interface AuthorLines {
  name: string;
  email: string;
  lines: number;
}

export const BLAME_TIMEOUT_MS = 120_000;

export function blameArgs(commit: string, path: string): string[] {
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
export function blameFile(
  gitDir: string,
  commit: string,
  path: string,
  timeoutMs = BLAME_TIMEOUT_MS,
): Promise<AuthorLines[]> {
  return new Promise((resolve, reject) => {
    const child = spawnGit({ gitDir, args: blameArgs(commit, path) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => {
      if (err.length < 16) err.push(b);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new CtoError('GIT_NOT_FOUND', `cannot run git: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut)
        reject(
          new CtoError('GIT_FAILED', `git blame of ${path} took over ${timeoutMs / 1000} s and was stopped`),
        );
      else if (code !== 0) {
        const line = Buffer.concat(err).toString('utf8').split('\n')[0] ?? '';
        reject(new CtoError('GIT_FAILED', `git blame of ${path} failed: ${line || `exit code ${code}`}`));
      } else resolve(parsePorcelain(Buffer.concat(out)));
    });
  });
}

const HEADER_RE = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ \d+/;

/** Counts the lines of `git blame --porcelain` output per author of the line's commit. */
export function parsePorcelain(out: Buffer): AuthorLines[] {
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
