// Line ownership as `git blame` defines it: surviving lines per author (raw identity) per text file
// of the scanned commit. Files whose (path, blob) is unchanged since the previous snapshot keep
// their rows; a few changed files are blamed; many are computed by one replay of history (in a
// worker thread, startable from git alone before the facts are stored: `fromGit`), with blame for the
// files the replay is unsure of. See docs/metrics/ownership.md.
import type { Diagnostic } from '../../collectors/types.ts';
import { gitOk } from '../../git/invoke.ts';
import { type OwnershipRow, ownershipByPath, ownershipRows, textFiles } from '../../store/ownership.ts';
import type { Analysis, AnalysisContext, AnalysisResult, GitSource } from '../types.ts';
import { type AuthorLines, blameFiles } from './blame.ts';
import { ownershipPass, startPass, takePass } from './pass.ts';

const ID = 'ownership';

/** Up to this many changed files are blamed directly; more take one replay of history. */
export const BLAME_DIRECTLY_UP_TO = 100;

interface OwnershipOptions {
  engine?: 'auto' | 'blame' | 'replay';
  jobs?: number;
}

interface OwnershipComputed {
  rows: OwnershipRow[];
  reused: number;
  blamed: number;
  replayed: number;
  diagnostics: Diagnostic[];
}

export async function computeOwnership(
  ctx: AnalysisContext,
  options: OwnershipOptions = {},
): Promise<OwnershipComputed> {
  const files = await textFiles(ctx.store, ctx.snapshotId);
  const rows: OwnershipRow[] = [];
  const todo: string[] = [];
  let reused = 0;
  if (ctx.previousSnapshotId !== null) {
    const before = await textFiles(ctx.store, ctx.previousSnapshotId);
    const kept = await ownershipByPath(ctx.store, ctx.previousSnapshotId);
    for (const [path, blob] of files) {
      const old = kept.get(path);
      if (before.get(path) === blob && old) {
        for (const row of old) rows.push(row);
        reused++;
      } else todo.push(path);
    }
  } else for (const path of files.keys()) todo.push(path);
  todo.sort();
  const engine = options.engine ?? 'auto';
  let toBlame = todo;
  let replayed = 0;
  // A pass started from git alone (or by an earlier snapshot of this scan) is used whatever the count.
  const started = engine === 'blame' ? undefined : takePass(ctx.gitDir, ctx.commit);
  if (started || engine === 'replay' || (engine === 'auto' && todo.length > BLAME_DIRECTLY_UP_TO)) {
    const replay = await (started ??
      ownershipPass({ gitDir: ctx.gitDir, commit: ctx.commit, later: ctx.later ?? [] }));
    toBlame = [];
    for (const path of todo) {
      const counts = replay.files.get(path);
      if (!counts) {
        toBlame.push(path);
        continue;
      }
      replayed++;
      for (const [author, lines] of counts) {
        const a = replay.authors[author] ?? { name: '', email: '' };
        rows.push({ path, author_name: a.name, author_email: a.email, lines });
      }
    }
  }
  const blamed = await blameFiles(ctx.gitDir, ctx.commit, toBlame, options.jobs ?? 2);
  for (const [path, authors] of blamed.results) for (const row of authorRows(path, authors)) rows.push(row);
  const diagnostics: Diagnostic[] = [...blamed.failures].map(([path, message]) => ({
    path,
    collector: ID,
    code: 'blame-failed',
    message,
    severity: 'warning',
  }));
  return { rows, reused, blamed: blamed.results.size, replayed, diagnostics };
}

/** Whether the snapshot's ownership takes a replay: a first scan, or more changed files than are blamed. */
async function startFromGit(source: GitSource): Promise<void> {
  if (source.previousCommit !== null) {
    const changed = await gitOk({
      gitDir: source.gitDir,
      args: ['diff', '--name-only', '-z', '--no-renames', source.previousCommit, source.commit, '--'],
    });
    let n = 0;
    for (const byte of changed) if (byte === 0) n++;
    if (n <= BLAME_DIRECTLY_UP_TO) return;
  }
  startPass(source);
}

function authorRows(path: string, authors: AuthorLines[]): OwnershipRow[] {
  return authors.map((a) => ({ path, author_name: a.name, author_email: a.email, lines: a.lines }));
}

export const ownershipAnalysis: Analysis = {
  id: ID,
  // 2: the replay follows files and merges as blame does; earlier rows are not reused.
  version: 2,
  area: 'team-knowledge',
  writes: ['ownership'],
  metrics: ['owned-lines'],
  rules: [],
  reads: [],
  needs: ['tree'],
  fromGit: startFromGit,
  async run(ctx): Promise<AnalysisResult> {
    const done = await computeOwnership(ctx);
    const rows = ownershipRows(ctx.snapshotId, done.rows);
    const total = done.rows.reduce((n, r) => n + r.lines, 0);
    const sql = `select path, author_name, author_email, lines from ownership where snapshot_id = ${ctx.snapshotId}`;
    return {
      metrics: [
        {
          metric: 'owned-lines',
          scope: 'repository',
          subject: '',
          value: total,
          unit: 'lines',
          evidence: { sql },
        },
      ],
      findings: [],
      diagnostics: done.diagnostics,
      tables: { ownership: rows },
    };
  },
};
