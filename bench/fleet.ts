// `node bench/fleet.ts [--repos N] [--db postgres://host/db]`: a fleet of N small generated
// repositories (default 1,000; each 30 commits over 12 files by 4 people, built once with git
// fast-import and cached in .cto/bench/fleet/), listed in a sources.yaml as file:// URLs and
// mirrored by `cto sources sync`, then measured on PostgreSQL, each run in a fresh schema:
//   - cold scan through the queue (`cto scan --all --queue --wait` + `cto worker --jobs 1`) with one
//     worker and with two, peak RSS of each worker; reference: `git log --numstat` over the N
//     repositories back to back;
//   - a no-op rescan of the N (nothing new, nothing written) in one `cto scan --all` process and
//     through the queue with two workers; with `cto sources sync` fetching every mirror first and
//     without; reference: `git rev-parse HEAD` over the N repositories back to back;
//   - checks by SQL, after the cold scans and again after the no-ops: one repository row per
//     generated repository and exactly one snapshot each, `ok` (none duplicated, none lost, none
//     written by a no-op);
//   - the load average of the machine before and after (it may be shared).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { syntheticRepository } from './synthetic.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CTO = join(ROOT, 'bin/cto.js');
const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : (args[i + 1] ?? fallback);
};
const N = Number(flag('--repos', '1000'));
const DB = flag('--db', process.env.CTO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
if (!Number.isInteger(N) || N < 1) throw new Error('--repos takes a whole number');

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((res, rej) => {
    const started = performance.now();
    const p = spawn(cmd, argv, { env, cwd: ws, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('error', rej);
    p.on('close', (code) =>
      code === 0
        ? res((performance.now() - started) / 1000)
        : rej(new Error(`${cmd} ${argv.slice(0, 6).join(' ')} exited ${code}: ${err.slice(-2000)}`)),
    );
  });
}

const loadBefore = loadavg();
const started = performance.now();
const cache = resolve(ROOT, '.cto/bench/fleet');
const repos: string[] = [];
for (let i = 0; i < N; i++)
  repos.push(await syntheticRepository(cache, { commits: 30, files: 12, authors: 4, seed: i + 1 }));
console.log(`${N} repositories ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${cache}`);

const root = join(tmpdir(), `cto-bench-fleet-${process.pid}`);
const ws = join(root, 'ws');
const mirrors = join(root, 'mirrors');
mkdirSync(ws, { recursive: true });
writeFileSync(
  join(ws, 'sources.yaml'),
  `sources:\n${repos.map((r) => `  - url: file://${r}\n`).join('')}mirrors:\n  folder: ${mirrors}\n`,
);
const schema = (label: string) =>
  `${DB}${DB.includes('?') ? '&' : '?'}schema=fleetbench_${process.pid}_${label}`;
const cto = (db: string, ...argv: string[]) => [
  '--import',
  join(ROOT, 'bench/rss-reporter.ts'),
  CTO,
  '-w',
  ws,
  '--db',
  db,
  ...argv,
];
const node = (db: string, argv: string[], rssFile?: string) =>
  run(
    process.execPath,
    cto(db, ...argv),
    rssFile ? { ...process.env, CTO_BENCH_RSS_FILE: rssFile } : process.env,
  );

// References: the git floor of each measure, over the same N repositories, back to back.
const seq = async (argv: (r: string) => string[]) => {
  const t = performance.now();
  for (const r of repos) await run('git', ['--git-dir', r, ...argv(r)], GIT_ENV);
  return (performance.now() - t) / 1000;
};
const revParse = await seq(() => ['rev-parse', 'HEAD']);
const gitLog = await seq(() => ['log', '--numstat', 'HEAD']);

// The mirrors: the first sync clones them (measured, not a target), the next fetches them.
const firstSync = await run(process.execPath, [CTO, '-w', ws, '--db', schema('w1'), 'sources', 'sync']);

interface Workers {
  stop: () => Promise<number[]>;
}
function startWorkers(db: string, count: number, label: string): Workers {
  const children = Array.from({ length: count }, (_, k) => {
    const rssFile = join(root, `rss-${label}-${k}`);
    const p = spawn(process.execPath, cto(db, 'worker', '--jobs', '1'), {
      env: { ...process.env, CTO_BENCH_RSS_FILE: rssFile },
      cwd: ws,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const done = new Promise<void>((res) => p.on('close', () => res()));
    return { p, rssFile, done };
  });
  return {
    stop: async () => {
      for (const c of children) c.p.kill('SIGTERM');
      await Promise.all(children.map((c) => c.done));
      return children.map((c) => Number(readFileSync(c.rssFile, 'utf8')) / 1024 / 1024);
    },
  };
}

async function queued(db: string, workers: number, label: string) {
  const w = startWorkers(db, workers, label);
  try {
    const seconds = await node(db, ['scan', '--all', '--queue', '--wait', '--json']);
    return { seconds, rss: await w.stop() };
  } catch (e) {
    await w.stop().catch(() => []);
    throw e;
  }
}

/**
 * Every generated repository stored once with exactly one snapshot, `ok`: counted by SQL in the
 * schema. Throws (the bench fails) otherwise.
 */
async function exactlyOnce(label: string): Promise<string> {
  const name = `fleetbench_${process.pid}_${label}`;
  const client = new pg.Client({ connectionString: DB, options: `-c search_path=${name}` });
  await client.connect();
  try {
    const one = async (q: string) => Number((await client.query(q)).rows[0]?.n);
    const repositories = await one('select count(*) as n from repositories');
    const snapshots = await one('select count(*) as n from snapshots');
    const notOne = await one(
      'select count(*) as n from (select r.id from repositories r left join snapshots s on s.repository_id = r.id group by r.id having count(s.id) <> 1) x',
    );
    const notOk = await one("select count(*) as n from snapshots where status <> 'ok'");
    const noCurrent = await one('select count(*) as n from repositories where current_snapshot_id is null');
    const text = `${label}: ${repositories} repositories, ${snapshots} snapshots; repositories without exactly one snapshot: ${notOne}; snapshots not ok: ${notOk}; without a current snapshot: ${noCurrent}`;
    if (repositories !== N || snapshots !== N || notOne + notOk + noCurrent > 0)
      throw new Error(`not every snapshot written exactly once: ${text}`);
    return text;
  } finally {
    await client.end();
  }
}

// Each row is printed as soon as it is measured (a long run on a loaded machine still leaves figures),
// with the load average at that moment.
const f = (s: number) => `${s.toFixed(1)} s`;
const per = (s: number) => `${((s / N) * 1000).toFixed(1)} ms/repo`;
const mb = (xs: number[]) => xs.map((x) => `${x.toFixed(0)} MB`).join(', ');
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`fleet of ${N} small repositories (30 commits, 12 files), PostgreSQL ${DB}`);
console.log(
  `first sync (clones every mirror): ${f(firstSync)}; references: git log --numstat ${f(gitLog)}, git rev-parse HEAD ${f(revParse)}`,
);
console.log('measure | wall | per repository | reference | ratio | peak RSS per worker | load average 1 min');
const row = (label: string, s: number, ref: string, refS: number, rss = '') =>
  console.log(
    `${label} | ${f(s)} | ${per(s)} | ${ref} ${f(refS)} | ${(s / refS).toFixed(2)} | ${rss} | ${load(loadavg().slice(0, 1))}`,
  );
const checked = async (label: string) => console.log(`exactly once, by SQL: ${await exactlyOnce(label)}`);

// One worker, then the no-op rescans on what it scanned, then two workers on a schema of their own.
const db = schema('w1');
const cold1 = await queued(db, 1, 'cold1');
row('cold scan, 1 worker (queue)', cold1.seconds, 'git log --numstat', gitLog, mb(cold1.rss));
await checked('w1');
const noopProcess = await node(db, ['scan', '--all', '--json']);
row('no-op rescan, one process (without fetch)', noopProcess, 'git rev-parse HEAD', revParse);
const noopQueue = await queued(db, 2, 'noop');
row('no-op rescan, queue, 2 workers', noopQueue.seconds, 'git rev-parse HEAD', revParse, mb(noopQueue.rss));
const syncFetch = await node(db, ['sources', 'sync']);
row('sources sync (fetch every mirror)', syncFetch, 'git rev-parse HEAD', revParse);
const noopAfterFetch = await node(db, ['scan', '--all', '--json']);
row('no-op rescan after the fetch', noopAfterFetch, 'git rev-parse HEAD', revParse);
row('no-op rescan with fetch (sync + scan)', syncFetch + noopAfterFetch, 'git rev-parse HEAD', revParse);
const syncNoFetch = await node(db, ['sources', 'sync', '--no-fetch']);
row('sources sync --no-fetch', syncNoFetch, 'git rev-parse HEAD', revParse);
await checked('w1'); // the no-ops wrote nothing
await node(schema('w2'), ['sources', 'sync']); // the mirrors are there: a fetch
const cold2 = await queued(schema('w2'), 2, 'cold2');
row('cold scan, 2 workers (queue)', cold2.seconds, 'git log --numstat', gitLog, mb(cold2.rss));
await checked('w2');
console.log(
  `throughput: ${(N / cold1.seconds).toFixed(2)} and ${(N / cold2.seconds).toFixed(2)} repos/s; 2 workers / 1 worker ${(cold1.seconds / cold2.seconds).toFixed(2)}x; target: no-op rescan of 1,000 < 10 s without fetch`,
);
console.log(
  `load average (1, 5, 15 min): ${load(loadBefore)} before, ${load(loadavg())} after; total ${f((performance.now() - started) / 1000)}`,
);
console.log(
  `schemas kept for sizing: fleetbench_${process.pid}_w1, fleetbench_${process.pid}_w2 (and _queue)`,
);
rmSync(root, { recursive: true, force: true });
