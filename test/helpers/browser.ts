// What the browser tests share: the dashboard built once for every test file of a run, `cto serve`
// started on a workspace, and a page watched for console errors, failed requests and refused answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CTO_BIN } from './cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'web', 'dist');
/** What the dashboard is built from: its own sources and the report's chart definitions it draws. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/report/charts'];
const STAMP = join(ROOT, 'web', '.dist-sources');
const LOCK = join(ROOT, 'web', '.build-lock');

function sourcesHash(): string {
  const hash = createHash('sha256');
  const add = (rel: string) => {
    const path = join(ROOT, rel);
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(rel, name));
    } else hash.update(rel).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const s of SOURCES) add(s);
  return hash.digest('hex');
}

async function run(args: string[]): Promise<void> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`vite build exited ${code}: ${err}`);
}

/**
 * The dashboard as `npm run build:web` builds it, from this checkout's sources. Built at most once
 * for the same sources (a stamp beside web/dist names them), one test file at a time: a build empties
 * web/dist, which would break a server another test file has running on it.
 */
export async function buildDashboard(): Promise<void> {
  const wanted = sourcesHash();
  const built = () =>
    existsSync(join(DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted;
  if (built()) return;
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than the deadline is from a build that died.
      if (Date.now() > deadline) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (built()) return;
    await run([
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'error',
    ]);
    writeFileSync(STAMP, wanted);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** `cto serve --port 0` on a workspace (its embedded store), and the address it listens on. */
export async function startServe(ws: string): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, [CTO_BIN, '-w', ws, 'serve', '--port', '0'], {
    env: { ...process.env, CTO_DB: '' },
  });
  const base = await new Promise<string>((done, fail) => {
    let out = '';
    server.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) done(m[1] as string);
    });
    server.on('exit', (code) => fail(new Error(`cto serve exited ${code}`)));
  });
  return { server, base };
}

/** Record on `problems` what went wrong in the page: console errors, page errors, failed requests, 4xx and 5xx. */
export function watchPage(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${page.url()})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message} (${page.url()})`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
}
