// Builds git repositories for tests with git fast-import: fixed authors and dates, so
// every test knows its answer by construction. Uses plain git on purpose: these are the
// test's own repositories, not scanned input.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Person {
  name: string;
  email: string;
}

export type FileContent = string | Buffer | { symlink: string } | { executable: string | Buffer } | null;

export interface CommitSpec {
  /** Defaults to Ada <ada@example.com>. */
  author?: Person;
  committer?: Person;
  /** ISO 8601 with offset, e.g. '2024-01-02T10:00:00+02:00'. Defaults to 2024-01-01 + one hour per commit. */
  date?: string;
  message?: string;
  /** Path -> new content; null deletes the file. */
  files?: Record<string, FileContent>;
  /** [from, to]: a rename as git sees it (same content under a new path). */
  renames?: Array<[string, string]>;
  /** Branch this commit goes on (default 'main'); a new branch starts from `from`. */
  branch?: string;
  /** Index of the commit a new branch starts from. */
  from?: number;
  /** Indexes of commits merged into this one (extra parents). The merge's tree is the first parent's plus `files`. */
  merge?: number[];
}

export interface TagSpec {
  name: string;
  /** Index of the tagged commit. */
  at: number;
  /** Annotated when a message is given. */
  message?: string;
  tagger?: Person;
  date?: string;
}

interface BuildOptions {
  bare?: boolean;
  tags?: TagSpec[];
  /** Branch HEAD points at (default 'main'). */
  head?: string;
}

export const ADA: Person = { name: 'Ada Lovelace', email: 'ada@example.com' };
export const BOB: Person = { name: 'Bob Builder', email: 'bob@example.com' };
export const CY: Person = { name: 'Cy Young', email: 'cy@example.com' };

const created: string[] = [];

/** A fresh temporary folder, removed by `cleanupTemp()`. */
export function tempDir(prefix = 'cto-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function cleanupTemp(): void {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
}

function gitTime(iso: string): string {
  const m = /([+-])(\d\d):?(\d\d)$|Z$/.exec(iso);
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!m || m[0] === 'Z') return `${seconds} +0000`;
  return `${seconds} ${m[1]}${m[2]}${m[3]}`;
}

function dataBlock(content: string | Buffer): Buffer {
  const body = typeof content === 'string' ? Buffer.from(content) : content;
  return Buffer.concat([Buffer.from(`data ${body.length}\n`), body, Buffer.from('\n')]);
}

function quotePath(p: string): string {
  // fast-import accepts C-style quoted paths; quote always so spaces and newlines are safe.
  return `"${p.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The fast-import stream for a list of commits. */
function fastImportStream(commits: CommitSpec[], tags: TagSpec[] = [], firstParent?: string): Buffer {
  const parts: Buffer[] = [];
  const push = (s: string | Buffer) => parts.push(typeof s === 'string' ? Buffer.from(s) : s);
  const branchHead = new Map<string, number>();
  commits.forEach((c, i) => {
    const branch = c.branch ?? 'main';
    const author = c.author ?? ADA;
    const committer = c.committer ?? author;
    const date = c.date ?? new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace('.000Z', 'Z');
    push(`commit refs/heads/${branch}\nmark :${i + 1}\n`);
    push(`author ${author.name} <${author.email}> ${gitTime(date)}\n`);
    push(`committer ${committer.name} <${committer.email}> ${gitTime(date)}\n`);
    push(dataBlock(c.message ?? `commit ${i}`));
    const previous = branchHead.get(branch);
    if (i === 0 && firstParent) push(`from ${firstParent}\n`);
    else if (previous === undefined && c.from !== undefined) push(`from :${c.from + 1}\n`);
    else if (previous !== undefined) push(`from :${previous + 1}\n`);
    for (const m of c.merge ?? []) push(`merge :${m + 1}\n`);
    for (const [from, to] of c.renames ?? []) push(`R ${quotePath(from)} ${quotePath(to)}\n`);
    for (const [path, content] of Object.entries(c.files ?? {})) {
      if (content === null) {
        push(`D ${quotePath(path)}\n`);
      } else if (typeof content === 'string' || Buffer.isBuffer(content)) {
        push(`M 100644 inline ${quotePath(path)}\n`);
        push(dataBlock(content));
      } else if ('symlink' in content) {
        push(`M 120000 inline ${quotePath(path)}\n`);
        push(dataBlock(content.symlink));
      } else {
        push(`M 100755 inline ${quotePath(path)}\n`);
        push(dataBlock(content.executable));
      }
    }
    push('\n');
    branchHead.set(branch, i);
  });
  for (const t of tags) {
    if (t.message === undefined) {
      push(`reset refs/tags/${t.name}\nfrom :${t.at + 1}\n\n`);
    } else {
      const tagger = t.tagger ?? ADA;
      push(`tag ${t.name}\nfrom :${t.at + 1}\n`);
      push(`tagger ${tagger.name} <${tagger.email}> ${gitTime(t.date ?? '2024-06-01T00:00:00Z')}\n`);
      push(dataBlock(t.message));
    }
  }
  return Buffer.concat(parts);
}

/** Plain git for test set-up (never used on scanned input by the product). */
export function git(dir: string, args: string[], input?: Buffer | string): string {
  return execFileSync('git', args, {
    cwd: dir,
    input,
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: ADA.name,
      GIT_AUTHOR_EMAIL: ADA.email,
      GIT_COMMITTER_NAME: ADA.name,
      GIT_COMMITTER_EMAIL: ADA.email,
    },
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'pipe'],
  }).toString('utf8');
}

/** Create a repository at `dir` (created if missing) holding `commits`. Returns `dir`. */
export function buildRepo(dir: string, commits: CommitSpec[], options: BuildOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', ...(options.bare ? ['--bare'] : []), '-b', options.head ?? 'main']);
  if (commits.length > 0) {
    git(
      dir,
      ['fast-import', '--quiet', '--done'],
      Buffer.concat([fastImportStream(commits, options.tags), Buffer.from('done\n')]),
    );
  }
  return dir;
}

/** Append commits to an existing repository's branch (continues from its tip). */
export function addCommits(dir: string, commits: CommitSpec[], branch = 'main'): void {
  const tip = git(dir, ['rev-parse', `refs/heads/${branch}`]).trim();
  const stream = fastImportStream(
    commits.map((c) => ({ ...c, branch })),
    [],
    tip,
  );
  git(dir, ['fast-import', '--quiet', '--force'], stream);
}
