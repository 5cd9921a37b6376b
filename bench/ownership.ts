// Benchmark: full line ownership of a real repository (all text files) by the replay with blame
// fallback, against `git log --numstat --find-renames` and sequential `git blame` timed in the same
// run (blame on sampled files, scaled to all files; or, with --all, on every text file); accuracy on
// those files; and the rescan after one changed file. The sample is every k-th text file in path
// order (deterministic), 100 files unless --sample N.
// Usage: node bench/ownership.ts [git dir] [--all] [--sample N] [--truth FILE]
// (default /work/.mirror/git+git/repo)

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeOwnership } from '../src/analyses/ownership/analysis.ts';
import { type AuthorLines, blameFile, blameFiles } from '../src/analyses/ownership/blame.ts';
import { ownershipPass } from '../src/analyses/ownership/pass.ts';
import { budgetFor, DEFAULT_BUDGET_SETTINGS, withGitBudget } from '../src/git/budget.ts';
import { gitOk } from '../src/git/invoke.ts';
import { countObjects } from '../src/git/refs.ts';
import { referenceDay, referenceTs } from '../src/reference-date.ts';
import { openStore } from '../src/store/store.ts';
import { timed } from './history.ts';

const args = process.argv.slice(2);
const whole = args.includes('--all');
const sampleAt = args.indexOf('--sample');
const sampleSize = sampleAt >= 0 ? Number(args[sampleAt + 1]) : 100;
const truthAt = args.indexOf('--truth');
if (!Number.isInteger(sampleSize) || sampleSize < 1) throw new Error('--sample takes a count of files');
const gitDir =
  args.find((a, i) => !a.startsWith('--') && !['--sample', '--truth'].includes(args[i - 1] ?? '')) ??
  '/work/.mirror/git+git/repo';
const commit = (await gitOk({ gitDir, args: ['rev-parse', 'HEAD^{commit}'] })).toString().trim();
const grep = await gitOk({ gitDir, args: ['grep', '-I', '--name-only', '-z', '-e', '', commit, '--'] });
const text = grep
  .toString('utf8')
  .split('\0')
  .filter((p) => p !== '')
  .map((p) => p.slice(commit.length + 1))
  .sort();
console.log(`${gitDir} at ${commit.slice(0, 12)}: ${text.length} text files`);

// The reference, measured just before the replay in the same run (as bench/full-scan.ts does).
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
await timed('git', ['--git-dir', gitDir, 'rev-list', '--count', commit], env); // warm the page cache
const reference = await timed(
  'git',
  ['--git-dir', gitDir, 'log', '--numstat', '--find-renames', commit],
  env,
);
console.log(`reference: git log --numstat --find-renames ${(reference.ms / 1000).toFixed(1)} s`);

// Git runs under the budget a scan of this repository would give it.
const budget = budgetFor(DEFAULT_BUDGET_SETTINGS, (await countObjects(gitDir)).bytes);
let t = Date.now();
const replay = await withGitBudget(budget, () => ownershipPass({ gitDir, commit, later: [] }));
const unsure = text.filter((p) => !replay.files.get(p));
const replayMs = Date.now() - t;
const fallback = await blameFiles(gitDir, commit, unsure, 2);
const fullMs = Date.now() - t;
const owners = new Map<string, AuthorLines[]>(fallback.results);
for (const p of text) {
  const counts = replay.files.get(p);
  if (counts)
    owners.set(
      p,
      [...counts].map(([a, lines]) => ({ ...(replay.authors[a] ?? { name: '', email: '' }), lines })),
    );
}
console.log(
  `replay: ${(replayMs / 1000).toFixed(1)} s over ${replay.commits} commits; ${unsure.length} files blamed as fallback`,
);
for (const p of unsure.slice(0, 10)) console.log(`  blamed: ${p}`);
console.log(
  `full ownership: ${(fullMs / 1000).toFixed(1)} s (${(fullMs / reference.ms).toFixed(2)}x the reference), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);

const step = Math.max(1, Math.floor(text.length / sampleSize));
const sample = whole ? text : text.filter((_, i) => i % step === 0).slice(0, sampleSize);
// --truth FILE keeps blame's answers for this commit and sample, so a later run compares with them
// without blaming again (and prints no speed-up).
const truthFile = truthAt >= 0 ? args[truthAt + 1] : undefined;
const truthKey = `${commit} ${sample.length} ${sample[0] ?? ''}`;
const stored =
  truthFile && existsSync(truthFile)
    ? (JSON.parse(readFileSync(truthFile, 'utf8')) as { key: string; files: Array<[string, AuthorLines[]]> })
    : undefined;
const truth = new Map<string, AuthorLines[]>(stored?.key === truthKey ? stored.files : []);
if (truth.size > 0) console.log(`blame of ${truth.size} files read from ${truthFile}`);
else {
  t = Date.now();
  for (const p of sample) truth.set(p, await blameFile(gitDir, commit, p));
  const seqMs = Date.now() - t;
  const scaled = (seqMs * text.length) / sample.length;
  console.log(
    `sequential blame: ${(seqMs / 1000).toFixed(1)} s for ${sample.length} files${whole ? '' : `, scaled to all: ${(scaled / 1000).toFixed(0)} s`}`,
  );
  console.log(`speed-up: ${(scaled / fullMs).toFixed(1)}x (target >= 10x)`);
  if (truthFile) writeFileSync(truthFile, JSON.stringify({ key: truthKey, files: [...truth] }));
}

const shares = (rows: AuthorLines[] = []) => {
  const total = rows.reduce((n, r) => n + r.lines, 0) || 1;
  return new Map(rows.map((r) => [`${r.name} <${r.email}>`, (100 * r.lines) / total]));
};
const top = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0];
let topEqual = 0;
let withinShare = 0;
let exact = 0;
let linesOff = 0;
const worst: Array<[string, number]> = [];
for (const p of sample) {
  const a = shares(truth.get(p));
  const b = shares(owners.get(p));
  if (top(a) === top(b)) topEqual++;
  const keys = new Set([...a.keys(), ...b.keys()]);
  if ([...keys].every((k) => Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0)) <= 3)) withinShare++;
  const count = (rows: AuthorLines[] = []) => new Map(rows.map((r) => [`${r.name} <${r.email}>`, r.lines]));
  const [x, y] = [count(truth.get(p)), count(owners.get(p))];
  let off = 0;
  for (const k of keys) off += Math.abs((x.get(k) ?? 0) - (y.get(k) ?? 0));
  if (off === 0) exact++;
  else worst.push([p, off / 2]);
  linesOff += off / 2;
}
const pct = (n: number) => ((100 * n) / Math.max(1, sample.length)).toFixed(1);
console.log(
  `accuracy on ${sample.length} files: top owner equal ${topEqual} (${pct(topEqual)}%), every share within 3 points ${withinShare} (${pct(withinShare)}%), all counts equal ${exact}; ${linesOff} lines with another owner`,
);
for (const [p, n] of worst.sort((u, v) => v[1] - u[1]).slice(0, 10)) console.log(`  ${n} lines differ: ${p}`);

// Rescan after one changed file: snapshot 2 differs from snapshot 1 in one blob.
const store = await openStore(join(mkdtempSync(join(tmpdir(), 'cto-bench-')), 'cto.db'));
const fileRow = (snapshot: number, path: string, blob: string) => ({
  snapshot_id: snapshot,
  path,
  blob_id: blob,
  mode: '100644',
  kind: 'file',
  size: 1,
  is_binary: 0,
  lines: 1,
});
const rows1 = text.map((p) => fileRow(1, p, 'x'));
const rows2 = text.map((p, i) => fileRow(2, p, i === 0 ? 'y' : 'x'));
for (let i = 0; i < rows1.length; i += 5000) {
  await store.insertMany('files', rows1.slice(i, i + 5000));
  await store.insertMany('files', rows2.slice(i, i + 5000));
}
const own = [...owners].flatMap(([path, list]) =>
  list.map((r) => ({ snapshot_id: 1, path, author_name: r.name, author_email: r.email, lines: r.lines })),
);
for (let i = 0; i < own.length; i += 5000) await store.insertMany('ownership', own.slice(i, i + 5000));
t = Date.now();
const ctx = {
  store,
  snapshotId: 2,
  repositoryId: 1,
  repositoryName: 'bench',
  gitDir,
  commit,
  segments: [2],
  previousSnapshotId: 1,
  config: {},
  workspaceDir: '.',
  referenceDay: referenceDay(),
  referenceTs: referenceTs(referenceDay()),
  shared: <T>(_key: string, load: () => Promise<T>) => load(),
};
const again = await computeOwnership(ctx);
for (let i = 0; i < again.rows.length; i += 5000)
  await store.insertMany(
    'ownership',
    again.rows.slice(i, i + 5000).map((r) => ({ snapshot_id: 2, ...r })),
  );
console.log(
  `rescan after one changed file: ${((Date.now() - t) / 1000).toFixed(2)} s (${again.reused} reused, ${again.blamed} blamed, ${own.length} rows)`,
);
await store.close();
