// What a request to `cto serve` costs (not a test): the routes that build the report model or read
// every dependency, each requested several times on a workspace of several scanned repositories,
// against the same document built in-process the way `cto report --json` builds it, in the same run.
// The npm advisories of OSV are imported first when /work/shared/data/osv/npm/all.zip is there (or
// CTO_BENCH_OSV names such an archive), so that the report has vulnerabilities to rank.
//   node bench/server-routes.ts [repositories] [--db postgres://...]   (default 6 repositories, SQLite)
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorkspaceReport } from '../src/report/workspace.ts';
import { renderJson } from '../src/report/write.ts';
import { addUser, createToken } from '../src/server/accounts.ts';
import { buildServer } from '../src/server/server.ts';
import { openStore } from '../src/store/store.ts';
import { loadWorkspace } from '../src/workspace.ts';
import { cto } from '../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../test/helpers/repo-builder.ts';

const args = process.argv.slice(2);
const dbAt = args.indexOf('--db');
const db = dbAt >= 0 ? args[dbAt + 1] : undefined;
const REPOS = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--db') ?? 6);
const REPEAT = 5;
const PEOPLE = Array.from({ length: 12 }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@example.com` }));
const NPM = ['react', 'zod', 'fastify', 'express', 'lodash', 'axios', 'vite', 'pg', 'kysely', 'yaml'];

/** A repository of 120 commits by 4 people over 40 files, with an npm manifest and a Dockerfile. */
function repository(dir: string, n: number): void {
  const deps = Object.fromEntries(NPM.filter((_, i) => (i + n) % 3 !== 0).map((p) => [p, `^${1 + n}.0.0`]));
  const lock = {
    name: `app${n}`,
    lockfileVersion: 3,
    packages: {
      '': { name: `app${n}`, dependencies: deps },
      ...Object.fromEntries(
        Object.keys(deps).map((p) => [`node_modules/${p}`, { version: `${1 + n}.0.0`, license: 'MIT' }]),
      ),
    },
  };
  buildRepo(
    dir,
    Array.from({ length: 120 }, (_, c) => ({
      author: PEOPLE[(n + c) % 4 === 0 ? n % PEOPLE.length : (n + c) % PEOPLE.length],
      date: new Date(Date.UTC(2026, 0, 1) + c * 86_400_000).toISOString(),
      message: `change ${c}`,
      files: {
        [`src/m${c % 40}.ts`]: `${Array.from({ length: 10 + c }, (_, l) => `export const v${l} = ${l};`).join('\n')}\n`,
        ...(c === 0
          ? {
              'package.json': `${JSON.stringify({ name: `app${n}`, version: '1.0.0', dependencies: deps }, null, 2)}\n`,
              'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
              Dockerfile: 'FROM node:18-alpine\nCMD ["node", "index.js"]\n',
            }
          : {}),
      },
    })),
  );
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const root = tempDir('cto-bench-routes-');
  for (let n = 0; n < REPOS; n++) repository(join(root, `repo${n}`), n);
  const wsDir = tempDir('cto-bench-ws-');
  writeFileSync(
    join(wsDir, 'teams.yaml'),
    `teams:\n  - name: A\n    members: [${PEOPLE.slice(0, 6)
      .map((p) => p.email)
      .join(', ')}]\n    owns: [repo0, repo1, repo2]\n  - name: B\n    members: [${PEOPLE.slice(6)
      .map((p) => p.email)
      .join(', ')}]\n`,
  );
  const target = db ?? join(wsDir, '.cto', 'cto.db');
  const osv = process.env.CTO_BENCH_OSV ?? '/work/shared/data/osv/npm/all.zip';
  if (existsSync(osv)) {
    const feeds = join(wsDir, 'feeds');
    mkdirSync(join(feeds, 'npm'), { recursive: true });
    symlinkSync(osv, join(feeds, 'npm', 'all.zip'));
    const imported = cto(['feed', 'import', feeds, '--workspace', wsDir, '--db', target]);
    if (imported.code !== 0) throw new Error(`feed import failed: ${imported.stderr}`);
  }
  const scan = cto(['scan', root, '--workspace', wsDir, '--db', target]);
  if (scan.code !== 0) throw new Error(`scan failed: ${scan.stderr}`);
  const store = await openStore(target);
  const ws = loadWorkspace(wsDir);
  const day = new Date().toISOString().slice(0, 10);

  // The reference: the report document as `cto report --json` builds and prints it, in-process.
  const reference: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = process.hrtime.bigint();
    renderJson(await buildWorkspaceReport(store, ws, { day, anonymize: false }));
    reference.push(ms(t));
  }
  const ref = median(reference);

  await addUser(store, { email: 'member@example.com', role: 'member', password: 'a long password here' });
  const { token } = await createToken(store, { email: 'member@example.com', name: 'b', expiresAt: null });
  const app = await buildServer({ store, ws, rateLimit: 100_000 });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const routes = [
    '/api/v1/report',
    '/api/v1/report/summary',
    '/api/v1/findings',
    '/api/v1/repositories/repo1',
    '/api/v1/search?q=re',
    '/api/v1/dependencies',
    '/api/v1/vulnerabilities',
  ];
  console.log(
    `${REPOS} repositories on ${store.engine}${existsSync(osv) ? ', npm advisories of OSV' : ''}; reference (report model + JSON in-process, median of ${REPEAT}): ${ref.toFixed(0)} ms`,
  );
  console.log('| route | first request (ms) | repeated, median (ms) | repeated / reference |');
  console.log('| --- | --- | --- | --- |');
  for (const route of routes) {
    const times: number[] = [];
    for (let i = 0; i <= REPEAT; i++) {
      const t = process.hrtime.bigint();
      const res = await fetch(`${base}${route}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${route}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      times.push(ms(t));
    }
    const [first, ...rest] = times as [number, ...number[]];
    const m = median(rest);
    console.log(`| ${route} | ${first.toFixed(0)} | ${m.toFixed(0)} | ${(m / ref).toFixed(2)} |`);
  }
  await app.close();
  await store.close();
  cleanupTemp();
}

await main();
