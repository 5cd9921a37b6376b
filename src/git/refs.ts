// Repository identity, revisions and tags, all read through the hardened invocation.
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CtoError } from '../errors.ts';
import { gitOk, runGit } from './invoke.ts';
import { decodeGitBytes } from './paths.ts';
import { plainRepoInfo } from './ref-files.ts';

export interface RepoInfo {
  /** Absolute git directory of the given path (for a linked worktree, its own git dir). */
  gitDir: string;
  /** Canonical path of the common git directory: the identity of the repository. */
  commonDir: string;
  bare: boolean;
  shallow: boolean;
}

/**
 * What `path` is: read from its files for a plain repository (src/git/ref-files.ts), else asked of git.
 * Throws NOT_A_REPOSITORY when it is none.
 */
export async function repoInfo(path: string): Promise<RepoInfo> {
  return (await plainRepoInfo(path)) ?? gitRepoInfo(path);
}

/** Ask git what `path` is (what `repoInfo` reads from the files of a plain repository). */
export async function gitRepoInfo(path: string): Promise<RepoInfo> {
  const r = await runGit({
    gitDir: path,
    args: [
      'rev-parse',
      '--absolute-git-dir',
      '--git-common-dir',
      '--is-bare-repository',
      '--is-shallow-repository',
    ],
  });
  if (r.code !== 0) throw new CtoError('NOT_A_REPOSITORY', `${path} is not a git repository`);
  const [gitDir = '', common = '', bare, shallow] = r.stdout.toString('utf8').trim().split('\n');
  const commonDir = await realpath(resolve(gitDir, common));
  return { gitDir, commonDir, bare: bare === 'true', shallow: shallow === 'true' };
}

/** What one `git count-objects -v` says of a repository. */
export interface ObjectCount {
  /** Bytes the objects take on disk (loose, packed, garbage). */
  bytes: number;
  /**
   * Object directories the repository borrows through `objects/info/alternates` (followed as git
   * follows them, recursively), as git itself lists them: absolute paths, in git's order.
   */
  alternates: string[];
}

/** The size of the objects and the borrowed object directories, from one git process. */
export async function countObjects(gitDir: string): Promise<ObjectCount> {
  const text = decodeGitBytes(await gitOk({ gitDir, args: ['count-objects', '-v'] }));
  const alternates: string[] = [];
  let kib = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('alternate: ')) alternates.push(unquoteC(line.slice('alternate: '.length)));
    const size = /^(?:size|size-pack|size-garbage): (\d+)$/.exec(line);
    if (size) kib += Number(size[1]);
  }
  return { bytes: kib * 1024, alternates };
}

const C_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r' };

/** Undo git's C-style quoting of a path (`"a\tb\303\251"`); an unquoted path is returned as is. */
export function unquoteC(text: string): string {
  if (!(text.startsWith('"') && text.endsWith('"') && text.length >= 2)) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(C_ESCAPES[next] ?? next, 'utf8'));
      i += 1;
    }
  }
  return decodeGitBytes(Buffer.from(bytes));
}

/** The commit a revision names, or null when the repository has no such revision (e.g. empty). */
export async function resolveCommit(gitDir: string, rev: string): Promise<string | null> {
  const r = await runGit({
    gitDir,
    args: ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
  });
  if (r.code !== 0) return null;
  return r.stdout.toString('latin1').trim();
}

/** The branch HEAD points at (`refs/heads/main`), or null when detached or unborn. */
export async function headRef(gitDir: string): Promise<string | null> {
  const r = await runGit({ gitDir, args: ['symbolic-ref', '-q', 'HEAD'] });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** True when a branch or tag exists at all (distinguishes an empty repository from a bad --rev). */
export async function hasAnyRef(gitDir: string): Promise<boolean> {
  const r = await runGit({ gitDir, args: ['for-each-ref', '--count=1', '--format=%(objectname)'] });
  return r.code === 0 && r.stdout.length > 0;
}

export async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const r = await runGit({ gitDir, args: ['merge-base', '--is-ancestor', ancestor, descendant] });
  if (r.code > 1) throw new CtoError('GIT_FAILED', `git merge-base failed: ${r.stderr.split('\n')[0]}`);
  return r.code === 0;
}

/**
 * The last commit on the first-parent line of `commit` whose committer date is at or before `instant`
 * (an ISO 8601 time), as `git rev-list -1 --first-parent --before` finds it; null when there is none.
 */
export async function commitAtOrBefore(
  gitDir: string,
  commit: string,
  instant: string,
): Promise<string | null> {
  const r = await runGit({
    gitDir,
    args: ['rev-list', '-1', '--first-parent', `--before=${instant}`, '--end-of-options', commit],
  });
  if (r.code !== 0) throw new CtoError('GIT_FAILED', `git rev-list failed: ${r.stderr.split('\n')[0]}`);
  const sha = r.stdout.toString('utf8').trim();
  return sha === '' ? null : sha;
}

/** True when the object exists in the repository. */
export async function hasObject(gitDir: string, oid: string): Promise<boolean> {
  const r = await runGit({ gitDir, args: ['cat-file', '-e', `${oid}^{commit}`] });
  return r.code === 0;
}

interface TagRecord {
  name: string;
  /** The commit the tag points at (peeled). */
  commit: string;
  /** The tag object for annotated tags; null for lightweight tags. */
  tagObject: string | null;
  taggerName: string | null;
  taggerEmail: string | null;
  /** ISO 8601 with offset, annotated tags only. */
  taggerDate: string | null;
  taggerTs: number | null;
  subject: string | null;
}

const TAG_FORMAT = [
  '%(refname)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objectname)',
  '%(taggername)',
  '%(taggeremail:trim)',
  '%(taggerdate:iso-strict)',
  '%(contents:subject)',
].join('%00');

/** Tags whose commit is reachable from `commit`. Tags on trees or blobs are left out. */
export async function listTags(gitDir: string, commit: string): Promise<TagRecord[]> {
  const out = await gitOk({
    gitDir,
    args: ['for-each-ref', `--merged=${commit}`, `--format=${TAG_FORMAT}%00%01%00`, 'refs/tags'],
  });
  const tags: TagRecord[] = [];
  for (const rec of splitRecords(out)) {
    const f = rec.map((b) => decodeGitBytes(b));
    const [ref = '', type, oid = '', peeled = '', tn = '', te = '', td = '', subject = ''] = f;
    const name = ref.replace(/^refs\/tags\//, '');
    if (type === 'commit') {
      tags.push({
        name,
        commit: oid,
        tagObject: null,
        taggerName: null,
        taggerEmail: null,
        taggerDate: null,
        taggerTs: null,
        subject: null,
      });
    } else if (type === 'tag' && peeled) {
      const ms = Date.parse(td);
      tags.push({
        name,
        commit: peeled,
        tagObject: oid,
        taggerName: tn || null,
        taggerEmail: te || null,
        taggerDate: td || null,
        taggerTs: Number.isFinite(ms) ? Math.floor(ms / 1000) : null,
        subject: subject || null,
      });
    }
  }
  return tags;
}

/** Records of 8 NUL-terminated fields followed by a `\x01` token; positional, so field bytes cannot confuse it. */
function splitRecords(out: Buffer): Buffer[][] {
  const records: Buffer[][] = [];
  let fields: Buffer[] = [];
  let pos = 0;
  while (pos < out.length) {
    const nul = out.indexOf(0, pos);
    if (nul < 0) break;
    const start = fields.length === 0 && out[pos] === 0x0a ? pos + 1 : pos;
    if (fields.length === 8) {
      if (nul === start + 1 && out[start] === 0x01) records.push(fields);
      fields = [];
    } else {
      fields.push(out.subarray(start, nul));
    }
    pos = nul + 1;
  }
  return records;
}
