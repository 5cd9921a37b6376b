// One pass over history, parents before children, tracking for every file of every live commit the
// origin commit of each line. Non-merge commits apply their diff; a merge takes each file from the
// first parent whose blob is identical (as blame does), else from its combined diff. Merges are read
// from two more logs of merges only: their raw changes from the first parent, and combined diffs.
// Trees are copied only at branch points and dropped once every child has been replayed. The same
// pass gives the ownership at any commit it goes through (`stops`: the `scan --history` points),
// tallied when that commit is replayed.
import { BlobReader } from '../../git/blob-reader.ts';
import { gitOk } from '../../git/invoke.ts';
import { SAFE_LOG_FLAGS } from '../../git/log.ts';
import { logParts, streamLogParts } from '../../git/log-ranges.ts';
import { followedLog, followParts, PATCH_ARGS, type SharedLogFiles } from '../../git/shared-log.ts';
import { applyCommit } from './blame-step.ts';
import { type CommitRecord, commitRecords, decodePath, RECORD_FORMAT } from './diff-records.ts';
import { countsFinalLine, type FollowContext, pairDiffer, SpansCache } from './follow.ts';
import { Tree } from './tree.ts';

export interface ReplayResult {
  /** Per file of the commit (UTF-8 path): lines per author index; null when the replay is unsure. */
  files: Map<string, Map<number, number> | null>;
  authors: Array<{ name: string; email: string }>;
  commits: number;
}

const DIFF_ARGS = [...PATCH_ARGS, `--format=${RECORD_FORMAT}`];

const RAW_ARGS = [
  '--diff-merges=first-parent',
  '--raw',
  '--no-abbrev',
  '--topo-order',
  '--find-renames',
  ...SAFE_LOG_FLAGS,
  `--format=${RECORD_FORMAT}`,
];

interface ReplayOptions {
  /** Git processes for the log of patches (parts of the walk); by default one per core for a long history. */
  parts?: number;
  /** The log of non-merge patches read from the shared log's files instead of from git. */
  shared?: SharedLogFiles;
}

/** The delta base cache of the log of merges' raw changes (git's default: 96 MiB). */
const RAW_DELTA_BASE_CACHE = 16 * 1024 * 1024;

/** Ownership at commits the pass goes through, each given to `onStop` when that commit is replayed. */
interface ReplayStops {
  commits: ReadonlySet<string>;
  onStop: (commit: string, result: ReplayResult) => void;
}

/** Ownership at `commit` (and at the `stops` among its ancestors) by one pass over its history. */
export async function replayOwnership(
  gitDir: string,
  commit: string,
  stops?: ReplayStops,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const diffs = await pairDiffer(gitDir);
  const blobs = new BlobReader(gitDir);
  try {
    const ctx = { gitDir, blobs, diffs, finalLine: await countsFinalLine(gitDir), spans: new SpansCache() };
    return await replay(ctx, commit, stops, options);
  } finally {
    blobs.close();
    diffs.close();
  }
}

async function replay(
  ctx: FollowContext,
  commit: string,
  stops: ReplayStops | undefined,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const { gitDir } = ctx;
  const { children, commits } = await childCounts(gitDir, commit);
  // The log of patches, the replay's largest, is printed oldest first by one git process per core
  // over parts of the walk (the later parts spooled to files while the first is replayed): the same
  // bytes as one process, in order. Shared with the history stage when it reads the same history.
  const patches = options.shared
    ? commitRecords(followParts(options.shared), { raw: false })
    : commitRecords(
        streamLogParts(
          gitDir,
          ['log', '--diff-merges=off', ...DIFF_ARGS],
          commit,
          commits,
          options.parts ?? logParts(commits),
          true,
        ),
      );
  const main = readAhead(patches, READ_AHEAD);
  // The two logs of merges are each one git process, reading beside the log of patches: with
  // `--topo-order` every part of a log walks the whole history and keeps its commits, so a second
  // part costs that walk and another delta base cache (on git/git and symfony/symfony about 150 MB
  // each log), while one process is done well before the replay needs its last merge (symfony/symfony:
  // 4 s of git's CPU for the raw changes, 17 s for the combined diffs, in a replay of 50 s). Each is
  // written to a file and followed: through a pipe, git waited whenever the replay was busy with
  // other commits, and the replay then waited for git at the next merge (symfony/symfony's whole
  // scan: 56.4 and 62.2 s followed, 62.6 and 63.4 s piped).
  const mergeLog = (args: string[], deltaBaseCacheBytes?: number) => {
    const log = followedLog(
      gitDir,
      ['log', '--merges', ...args, '--reverse', commit, '--'],
      deltaBaseCacheBytes === undefined ? {} : { deltaBaseCacheBytes },
    );
    const lookup = mergeLookup(commitRecords(log.bytes));
    return {
      find: lookup.find,
      close: async () => {
        await lookup.close();
        await log.close();
      },
    };
  };
  // A merge's changes from its first parent are needed file by file, not line by line (the lines
  // come from the combined diff): its raw changes, without patches that repeat the branch's commits.
  // They inflate trees, and blobs only to score renames: a 16 MiB delta base cache instead of git's
  // 96 takes about 80 MB less at the same speed on git/git and symfony/symfony.
  const mergeFiles = mergeLog(RAW_ARGS, RAW_DELTA_BASE_CACHE);
  // One line of context: at -U0 a combined diff hides lines common to all parents that carry
  // deleted lines before them, so the lines after them could not be placed. No rename detection:
  // with it git diffs the merge against each parent over the whole tree and searches renames in
  // each (on git/git five times the work of the combined diffs themselves); without it each path
  // is compared with the same path in every parent, and a file blame follows to another path in a
  // parent is diffed from that path's blob instead (`parentPaths` tells which columns apply).
  const merges = mergeLog([
    '-c',
    ...DIFF_ARGS.map((a) => (a === '-U0' ? '-U1' : a === '--find-renames' ? '--no-renames' : a)),
    '--combined-all-paths',
  ]);
  const live = new Map<string, Tree>();
  const authorIds = new Map<string, number>();
  const authors: ReplayResult['authors'] = [];
  const authorOf: number[] = [];
  let final: Tree | undefined;
  try {
    for await (const c of main) {
      const key = `${c.authorName}\x00${c.authorEmail}`;
      let id = authorIds.get(key);
      if (id === undefined) {
        id = authors.length;
        authorIds.set(key, id);
        authors.push({ name: decodePath(c.authorName), email: decodePath(c.authorEmail) });
      }
      const index = authorOf.length;
      authorOf.push(id);
      const parents = c.parents.map((p) => live.get(p) ?? new Tree());
      const merge = c.parents.length > 1;
      const files = merge ? ((await mergeFiles.find(c.sha))?.files ?? []) : c.files;
      const combined = merge ? await merges.find(c.sha) : undefined;
      const tree = takeBase(live, children, c.parents);
      await applyCommit(ctx, tree, parents, files, combined?.files ?? [], index);
      if (c.sha === commit) final = tree;
      else if (stops?.commits.has(c.sha))
        stops.onStop(c.sha, {
          files: tally(tree, authorOf),
          authors: [...authors],
          commits: authorOf.length,
        });
      if ((children.get(c.sha) ?? 0) > 0) live.set(c.sha, tree);
    }
  } finally {
    // Both, whatever the other's close does: each stops its git and removes its file.
    await Promise.allSettled([merges.close(), mergeFiles.close()]);
  }
  return { files: tally(final ?? new Tree(), authorOf), authors, commits: authorOf.length };
}

/** Commits parsed ahead of the one being replayed, so git keeps writing while a commit waits on git. */
const READ_AHEAD = 64;

export async function* readAhead<T>(source: AsyncGenerator<T>, ahead: number): AsyncGenerator<T> {
  // An async generator queues calls to next(): the pending ones run it on while this one waits.
  const queue: Array<Promise<IteratorResult<T>>> = [];
  try {
    for (;;) {
      while (queue.length < ahead) {
        const next = source.next();
        next.catch(() => {}); // handled where it is awaited, in order
        queue.push(next);
      }
      const r = await (queue.shift() as Promise<IteratorResult<T>>);
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await Promise.allSettled(queue);
    await source.return(undefined);
  }
}

/** The merges' combined diffs, read ahead as far as the one asked for. */
function mergeLookup(records: AsyncGenerator<CommitRecord>) {
  const pending = new Map<string, CommitRecord>();
  return {
    async find(sha: string): Promise<CommitRecord | undefined> {
      while (!pending.has(sha)) {
        const r = await records.next();
        if (r.done) break;
        pending.set(r.value.sha, r.value);
      }
      const found = pending.get(sha);
      pending.delete(sha);
      return found;
    },
    async close(): Promise<void> {
      await records.return(undefined);
    },
  };
}

/** The first parent's tree to build on: taken over by its last child, copied for the others. */
function takeBase(live: Map<string, Tree>, children: Map<string, number>, parents: string[]): Tree {
  const [p1] = parents;
  const base = (p1 === undefined ? undefined : live.get(p1)) ?? new Tree();
  let tree = base;
  for (const [i, p] of parents.entries()) {
    const left = (children.get(p) ?? 1) - 1;
    children.set(p, left);
    if (left <= 0) live.delete(p);
    else if (i === 0) tree = base.fork();
  }
  return tree;
}

function tally(tree: Tree, authorOf: number[]): ReplayResult['files'] {
  const out: ReplayResult['files'] = new Map();
  for (const [path, state] of tree.entries()) {
    if (state.origins === null) {
      out.set(decodePath(path), null);
      continue;
    }
    const counts = new Map<number, number>();
    for (const o of state.origins) {
      const a = authorOf[o] ?? -1;
      counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    out.set(decodePath(path), counts);
  }
  return out;
}

/** How many children each commit of the history has; how many commits it holds. */
async function childCounts(
  gitDir: string,
  commit: string,
): Promise<{ children: Map<string, number>; commits: number }> {
  const out = await gitOk({ gitDir, args: ['rev-list', '--parents', commit, '--'] });
  const children = new Map<string, number>();
  let commits = 0;
  for (const line of out.toString('latin1').split('\n')) {
    if (line === '') continue;
    const [, ...parents] = line.split(' ');
    commits++;
    for (const p of parents) children.set(p, (children.get(p) ?? 0) + 1);
  }
  return { children, commits };
}
