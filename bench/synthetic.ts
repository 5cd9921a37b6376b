// A deterministic synthetic repository for benchmarks: N commits over about F files, built
// once with git fast-import and cached. Same parameters, same repository, same commit ids.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SyntheticSpec {
  commits: number;
  files: number;
  authors: number;
  /** Seed of the generator (default 42): another seed, another repository of the same shape. */
  seed?: number;
}

/** mulberry32: a small, fast, seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'return',
  'const',
  'value',
  'count',
  'index',
  'result',
  'if',
  'else',
];

function pathFor(i: number): string {
  return `src/m${i % 37}/d${i % 11}/file_${i}.${['ts', 'py', 'go', 'rb', 'c'][i % 5]}`;
}

function* stream(spec: SyntheticSpec): Generator<Buffer> {
  const r = rng(spec.seed ?? 42);
  const files: string[][] = [];
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)] as T;
  const line = () =>
    `${'  '.repeat(Math.floor(r() * 4))}${pick(WORDS)} ${pick(WORDS)} ${Math.floor(r() * 1000)}`;
  let ts = 1_500_000_000;
  for (let c = 0; c < spec.commits; c++) {
    ts += 60 + Math.floor(r() * 7200);
    const a = Math.floor(r() * r() * spec.authors); // a few authors do most of the work
    const who = `Dev ${a} <dev${a}@example.com> ${ts} +0000`;
    const parts: string[] = [`commit refs/heads/main\nmark :${c + 1}\nauthor ${who}\ncommitter ${who}\n`];
    const msg = `change ${c}: ${pick(WORDS)} ${pick(WORDS)}`;
    parts.push(`data ${Buffer.byteLength(msg)}\n${msg}\n`);
    const touched = files.length < spec.files && (c < 50 || r() < 0.06) ? 1 : 1 + Math.floor(r() * 3);
    for (let k = 0; k < touched; k++) {
      let i: number;
      if (files.length < spec.files && (c < 50 || r() < 0.06)) {
        i = files.length;
        files.push(Array.from({ length: 5 + Math.floor(r() * 40) }, line));
      } else {
        i = Math.floor(r() ** 2 * files.length); // older files change more often: hotspots
        const f = files[i] as string[];
        const at = Math.floor(r() * f.length);
        const op = r();
        if (op < 0.5) f.splice(at, 0, line(), line());
        else if (op < 0.8 && f.length > 3) f.splice(at, 1, line());
        else f[at] = line();
      }
      const body = `${(files[i] as string[]).join('\n')}\n`;
      parts.push(`M 100644 inline ${pathFor(i)}\ndata ${Buffer.byteLength(body)}\n${body}\n`);
    }
    yield Buffer.from(parts.join(''));
  }
}

/** Path of the bare repository for `spec` under `cacheDir`, built on first use. */
export function syntheticRepository(cacheDir: string, spec: SyntheticSpec): Promise<string> {
  const seed = spec.seed === undefined ? '' : `-s${spec.seed}`;
  const dir = join(cacheDir, `synthetic-${spec.commits}c-${spec.files}f-${spec.authors}a${seed}.git`);
  return cachedFastImport(dir, stream(spec));
}

/**
 * The bare repository at `dir`, built once by `git fast-import` from `chunks` (a fast-import stream):
 * built beside it, marked complete, then moved into place, so an interrupted build is never reused.
 */
export async function cachedFastImport(dir: string, chunks: Iterable<string | Uint8Array>): Promise<string> {
  if (existsSync(join(dir, 'cto-complete'))) return dir;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  await run('git', ['init', '-q', '--bare', '-b', 'main', tmp], env);
  const child = spawn('git', ['--git-dir', tmp, 'fast-import', '--quiet'], {
    env,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
  for (const chunk of chunks) {
    if (!child.stdin.write(chunk)) await new Promise((res) => child.stdin.once('drain', res));
  }
  child.stdin.end();
  if ((await done) !== 0) throw new Error('git fast-import failed');
  writeFileSync(join(tmp, 'cto-complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { env, stdio: 'inherit' });
    p.on('close', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}
