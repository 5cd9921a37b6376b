// The git commands the scanner runs on a repository, run here through the hardened layer exactly
// as the scanner does (runGit / streamGit, the repository's git dir, nothing else).
import { runGit, streamGit } from '../../src/git/invoke.ts';
import { LOG_ARGS, LOG_ARGS_WITHOUT_LINES } from '../../src/git/log.ts';

const DISCOVER = [
  'rev-parse',
  '--absolute-git-dir',
  '--git-common-dir',
  '--is-bare-repository',
  '--is-shallow-repository',
];
const HEAD_COMMIT = ['rev-parse', '--verify', '--end-of-options', 'HEAD^{commit}'];
const HEAD_REF = ['symbolic-ref', '-q', 'HEAD'];
// Two more the scanner's code runs (src/git/refs.ts): is there any ref, is an id a commit.
const ANY_REF = ['for-each-ref', '--count=1', '--format=%(objectname)'];
const IS_COMMIT = ['cat-file', '-e'];
// The history reads exactly as the scanner runs them, with and without line counts.
export const HISTORY = [...LOG_ARGS];
const HISTORY_WITHOUT_LINES = [...LOG_ARGS_WITHOUT_LINES];
export const TREE = ['ls-tree', '-r', '-l', '-z', '--full-tree'];
export const BLOBS = ['cat-file', '--batch'];
const TAGS_MERGED = (commit: string) => [
  'for-each-ref',
  `--merged=${commit}`,
  '--format=%(refname)%00%(objectname)%00%(*objectname)',
  'refs/tags',
];
const IS_ANCESTOR = ['merge-base', '--is-ancestor'];
const COUNT = ['rev-list', '--count'];
export const BLAME = (commit: string, path: string) => [
  'blame',
  '--porcelain',
  '--no-textconv',
  commit,
  '--',
  path,
];
export const OWNERSHIP_LOG = [
  'log',
  '-z',
  '--name-status',
  '--find-renames',
  '--no-textconv',
  '--no-ext-diff',
  '--format=%x1e%H%x00%an%x00%ae',
];

interface Step {
  args: readonly string[];
  code: number;
  stdout: Buffer;
  stderr: string;
}

interface ScanRun {
  gitDir: string;
  head: string | null;
  parent: string | null;
  /** Blob entries of the head tree: [path, oid]. */
  blobs: Array<[string, string]>;
  steps: Step[];
}

async function streamed(gitDir: string, args: readonly string[], input?: string): Promise<Step> {
  const out: Buffer[] = [];
  try {
    for await (const chunk of streamGit({ gitDir, args, input })) out.push(chunk);
    return { args, code: 0, stdout: Buffer.concat(out), stderr: '' };
  } catch (e) {
    return { args, code: 1, stdout: Buffer.concat(out), stderr: String(e) };
  }
}

async function ran(gitDir: string, args: readonly string[]): Promise<Step> {
  const r = await runGit({ gitDir, args });
  return { args, ...r };
}

function treeBlobs(listing: Buffer): Array<[string, string]> {
  const blobs: Array<[string, string]> = [];
  for (const entry of listing.toString('utf8').split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+) +\S+\t(.*)$/s.exec(entry);
    if (m) blobs.push([m[2]!, m[1]!]);
  }
  return blobs;
}

/** Runs every scanner command against `userGitDir` (a `.git` folder or a bare repository). */
export async function runScannerCommands(userGitDir: string): Promise<ScanRun> {
  const steps: Step[] = [];
  const record = (s: Step) => {
    steps.push(s);
    return s;
  };
  const discover = record(await ran(userGitDir, DISCOVER));
  const gitDir = discover.code === 0 ? discover.stdout.toString('utf8').split('\n')[0]! : userGitDir;
  const headStep = record(await ran(gitDir, HEAD_COMMIT));
  record(await ran(gitDir, HEAD_REF));
  record(await ran(gitDir, ANY_REF));
  const head = headStep.code === 0 ? headStep.stdout.toString('utf8').trim() : null;
  if (head === null) return { gitDir, head, parent: null, blobs: [], steps };
  const log = record(await streamed(gitDir, [...HISTORY, head]));
  record(await streamed(gitDir, [...HISTORY_WITHOUT_LINES, head]));
  const first = log.stdout.toString('utf8').split('\x1e')[1]?.split('\0') ?? [];
  const parent = first[1]?.split(' ')[0] || null;
  if (parent) {
    record(await streamed(gitDir, [...HISTORY, `${parent}..${head}`]));
    record(await ran(gitDir, [...IS_ANCESTOR, parent, head]));
  }
  const blobs = treeBlobs(record(await ran(gitDir, [...TREE, head])).stdout);
  record(await streamed(gitDir, BLOBS, blobs.map(([, oid]) => `${oid}\n`).join('')));
  record(await ran(gitDir, TAGS_MERGED(head)));
  record(await ran(gitDir, [...COUNT, head]));
  record(await ran(gitDir, [...IS_COMMIT, `${head}^{commit}`]));
  for (const [path] of blobs.slice(0, 20)) record(await ran(gitDir, BLAME(head, path)));
  record(await streamed(gitDir, [...OWNERSHIP_LOG, head]));
  return { gitDir, head, parent, blobs, steps };
}

/** The steps that failed, as `git <args>: <stderr>` lines (for readable assertions). */
export function failures(run: ScanRun): string[] {
  return run.steps
    .filter((s) => s.code !== 0 && s.args[0] !== 'symbolic-ref')
    .map((s) => `git ${s.args.join(' ')}: ${s.stderr}`);
}
