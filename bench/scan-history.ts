// `node bench/scan-history.ts [--history 8q] [--today YYYY-MM-DD] <repo>...`: a cold `cto scan
// --history` of the repositories against a cold plain scan of the same repositories, measured in the
// same run (fresh SQLite workspaces, every collector and analysis): wall time, git processes started
// and blobs read, with their ratios; then a rescan with the same --history, which writes nothing.
// Git processes are counted by a `git` first on PATH that notes each start and runs the real git.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseHistorySpec } from '../src/scan/periods.ts';
import { registryPlugins } from '../src/scan/plugins.ts';
import { runScan } from '../src/scan/run.ts';
import { openStore } from '../src/store/store.ts';

interface Run {
  label: string;
  seconds: number;
  gitProcesses: number;
  blobsRead: number;
  snapshots: number;
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value ?? fallback;
};
const history = parseHistorySpec(flag('--history', '8q'));
const today = flag('--today', new Date().toISOString().slice(0, 10));
const repos = args.map((a) => resolve(a));
if (repos.length === 0)
  throw new Error('usage: scan-history.ts [--history 8q] [--today YYYY-MM-DD] <repo>...');

const root = mkdtempSync(join(tmpdir(), 'cto-bench-history-'));
const counter = join(root, 'git-starts');
const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
writeFileSync(join(root, 'git'), `#!/bin/sh\necho >> '${counter}'\nexec '${realGit}' "$@"\n`);
chmodSync(join(root, 'git'), 0o755);
process.env.PATH = `${root}:${process.env.PATH ?? '/usr/bin:/bin'}`;
const gitStarts = () => {
  try {
    return readFileSync(counter, 'utf8').length;
  } catch {
    return 0;
  }
};

async function measure(label: string, workspace: string, withHistory: boolean): Promise<Run> {
  const store = await openStore(join(workspace, 'cto.db'));
  let blobsRead = 0;
  const gitBefore = gitStarts();
  const started = performance.now();
  try {
    const result = await runScan(store, {
      paths: repos,
      depth: 1,
      jobs: 1,
      maxFileSize: 10 * 1024 * 1024,
      plugins: registryPlugins(),
      workspace: { dir: workspace, config: {} },
      history: withHistory ? history : undefined,
      today,
      // Each tree stage starts with the count of blobs it must read.
      onStage: (_repo, e) => {
        if (e.stage === 'tree' && e.read === 0) blobsRead += e.total;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const failed = result.repositories.filter((r) => r.status === 'failed');
    if (failed.length > 0) throw new Error(`failed: ${failed.map((f) => f.name).join(', ')}`);
    const snapshots = result.repositories.reduce(
      (n, r) =>
        n + r.history.filter((p) => p.status === 'written').length + (r.status === 'unchanged' ? 0 : 1),
      0,
    );
    return { label, seconds, gitProcesses: gitStarts() - gitBefore, blobsRead, snapshots };
  } finally {
    await store.close();
  }
}

const plainWs = join(root, 'plain');
const historyWs = join(root, 'history');
execFileSync('mkdir', ['-p', plainWs, historyWs]);
const plain = await measure('plain scan', plainWs, false);
const withHistory = await measure(`scan --history ${history.count}${history.unit}`, historyWs, true);
const rescan = await measure(`rescan --history ${history.count}${history.unit}`, historyWs, true);
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
console.log(`${repos.length} repositories, reference date ${today}`);
console.log('run | wall s | git processes | blobs read | snapshots written');
for (const r of [plain, withHistory, rescan])
  console.log(`${r.label} | ${r.seconds.toFixed(1)} | ${r.gitProcesses} | ${r.blobsRead} | ${r.snapshots}`);
const perSnapshot = withHistory.snapshots / Math.max(1, plain.snapshots);
console.log(
  `ratio --history / plain: wall ${ratio(withHistory.seconds, plain.seconds)}, git processes ${ratio(withHistory.gitProcesses, plain.gitProcesses)}, blobs ${ratio(withHistory.blobsRead, plain.blobsRead)}; ${perSnapshot.toFixed(0)}x the snapshots (${perSnapshot.toFixed(0)} plain scans would be ratio ${perSnapshot.toFixed(2)})`,
);
rmSync(root, { recursive: true, force: true });
