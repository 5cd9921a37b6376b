// Bare mirrors of remote repositories, kept in a cache folder and fetched with git hardened as for
// scanning, plus: only the https, ssh and file transports; credentials in the environment of the one
// fetching process (never in the mirror's config, the URL or the store); every object checked
// (`transfer.fsckObjects`); no submodules, no LFS; a size and a time budget per fetch. A fetch that
// fails or is stopped never replaces a good mirror: a new mirror is built in a temporary folder and
// renamed into place when complete, and an existing one takes its new refs in one atomic update.
import { randomBytes } from 'node:crypto';
import { type Dirent, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CtoError } from '../errors.ts';
import { GiB, type GitBudget, MiB } from '../git/budget.ts';
import { gitFailure, type NetworkAccess, runGit, spawnGit } from '../git/invoke.ts';

export interface MirrorBudget {
  /** Largest the mirror's objects may grow to during one fetch, in bytes. */
  maxBytes: number;
  /** Longest one fetch may take, in milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_MIRROR_BUDGET: MirrorBudget = { maxBytes: 2 * GiB, timeoutMs: 10 * 60_000 };

export interface Credentials {
  /** The user name the forge expects with a token (`x-access-token` for GitHub, `oauth2` for GitLab). */
  user: string;
  token: string;
}

interface MirrorResult {
  path: string;
  /** True when the mirror did not exist before this fetch. */
  created: boolean;
  /** True when any branch or tag moved, appeared or went. */
  changed: boolean;
}

const PROTOCOLS = ['https', 'ssh', 'file'] as const;

/**
 * The transport a URL uses, or an error naming why it is refused: anything but https, ssh (also
 * `user@host:path`) and file (also a local path); credentials written in the URL; a leading dash.
 */
export function fetchTransport(url: string): (typeof PROTOCOLS)[number] {
  if (url.startsWith('-')) throw refused(url, 'a URL may not start with "-"');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (/^[a-z][a-z0-9+.-]*::/i.test(url)) throw refused(url, 'remote helpers are not allowed');
    if (/^[^/:]+@[^/:]+:/.test(url) || /^[a-z0-9.-]+\.[a-z]{2,}:[^/]/i.test(url)) return 'ssh';
    return 'file';
  }
  if (scheme === 'https') {
    if (new URL(url).username || new URL(url).password) {
      throw refused(url, 'credentials in the URL: name a token variable in sources.yaml instead');
    }
    return 'https';
  }
  if (scheme === 'ssh' || scheme === 'file') return scheme;
  throw refused(url, `the ${scheme} transport is not allowed (https, ssh and file are)`);
}

function refused(url: string, why: string): CtoError {
  return new CtoError('MIRROR_FAILED', `${redact(url)}: ${why}`);
}

/** A URL for messages: any user and password removed. */
export function redact(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** Where a URL's mirror lives in the cache: `<host>/<path>.git`, or `local/<path>.git` for local ones. */
export function mirrorPathFor(cacheDir: string, url: string): string {
  let host = 'local';
  let path = url;
  const parsed = /^[a-z][a-z0-9+.-]*:\/\/([^/]*)(\/.*)?$/i.exec(url);
  const scp = /^(?:[^@/]+@)?([^/:]+):(.+)$/.exec(url);
  if (parsed) {
    host = parsed[1]!.replace(/^[^@]*@/, '') || 'local';
    path = parsed[2] ?? '';
  } else if (fetchTransport(url) === 'ssh' && scp) {
    host = scp[1]!;
    path = scp[2]!;
  }
  const segments = path
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => s.replace(/[^A-Za-z0-9._-]/g, '_'));
  const name = (segments.pop() ?? 'repository').replace(/\.git$/, '');
  return join(cacheDir, host.replace(/[^A-Za-z0-9._-]/g, '_'), ...segments, `${name}.git`);
}

/** Bytes under a folder (the mirror's objects as they grow). */
function folderBytes(dir: string): number {
  let total = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else
        try {
          total += statSync(p).size;
        } catch {}
    }
  }
  return total;
}

function networkFor(credentials: Credentials | undefined): NetworkAccess {
  const config: [string, string][] = [
    ['transfer.fsckObjects', 'true'],
    ['fetch.fsckObjects', 'true'],
    ['fetch.recurseSubmodules', 'false'],
    ['submodule.recurse', 'false'],
    ['core.sshCommand', 'ssh -o BatchMode=yes -o StrictHostKeyChecking=yes'],
    ['http.followRedirects', 'initial'],
  ];
  if (credentials) {
    const basic = Buffer.from(`${credentials.user}:${credentials.token}`).toString('base64');
    config.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
  }
  return { protocols: PROTOCOLS, config };
}

async function refs(gitDir: string): Promise<string> {
  const r = await runGit({ gitDir, args: ['for-each-ref', '--format=%(objectname) %(refname)'] });
  return r.stdout.toString('utf8');
}

/** Run the fetch under the time budget, stopped when the objects outgrow the size budget. */
async function fetchInto(
  gitDir: string,
  url: string,
  budget: MirrorBudget,
  network: NetworkAccess,
  into = 'refs',
): Promise<void> {
  const gitBudget: GitBudget = {
    memoryBytes: 2 * GiB,
    timeMs: budget.timeoutMs,
    outputBytes: 16 * MiB,
    treeEntries: 0,
  };
  const args = [
    'fetch',
    '--quiet',
    '--atomic',
    '--prune',
    '--no-tags',
    '--no-write-fetch-head',
    '--no-recurse-submodules',
    '--end-of-options',
    url,
    `+refs/heads/*:${into}/heads/*`,
    `+refs/tags/*:${into}/tags/*`,
  ];
  const git = spawnGit({ gitDir, args, budget: gitBudget, network });
  git.stdout.resume();
  let tooLarge = false;
  const objects = join(gitDir, 'objects');
  const watch = setInterval(() => {
    if (folderBytes(objects) > budget.maxBytes) {
      tooLarge = true;
      git.kill();
    }
  }, 200);
  let exit: Awaited<typeof git.exited>;
  try {
    exit = await git.exited;
  } finally {
    clearInterval(watch);
  }
  if (tooLarge || (exit.code === 0 && folderBytes(objects) > budget.maxBytes)) {
    throw new CtoError(
      'MIRROR_FAILED',
      `${redact(url)}: larger than the size budget (${Math.round(budget.maxBytes / MiB)} MiB); the previous mirror is kept`,
    );
  }
  if (exit.exceeded) {
    throw new CtoError(
      'MIRROR_FAILED',
      `${redact(url)}: stopped by the ${exit.exceeded} budget (${Math.round(budget.timeoutMs / 1000)} s); the previous mirror is kept`,
    );
  }
  if (exit.code !== 0) {
    const line = gitFailure({ gitDir, args }, { code: exit.code ?? 128, stderr: exit.stderr }).message;
    throw new CtoError('MIRROR_FAILED', `${redact(url)}: ${line.replace(url, redact(url))}`);
  }
}

/** Whether the mirror's HEAD names a branch it has. */
export async function headResolves(gitDir: string): Promise<boolean> {
  const r = await runGit({ gitDir, args: ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'] });
  return r.code === 0;
}

/** Point the mirror's HEAD at the remote's default branch (kept as it is when the remote names none). */
async function setHead(gitDir: string, url: string, network: NetworkAccess): Promise<void> {
  const r = await runGit({
    gitDir,
    args: ['ls-remote', '--symref', '--end-of-options', url, 'HEAD'],
    network,
  });
  const m = /^ref: (refs\/heads\/\S+)\tHEAD$/m.exec(r.stdout.toString('utf8'));
  if (r.code === 0 && m) await runGit({ gitDir, args: ['symbolic-ref', 'HEAD', m[1]!] });
}

const INCOMING = 'refs/cto-incoming';

async function refMap(gitDir: string, prefix: string): Promise<Map<string, string>> {
  const r = await runGit({ gitDir, args: ['for-each-ref', '--format=%(objectname) %(refname)', prefix] });
  const out = new Map<string, string>();
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const [sha, ref] = line.split(' ');
    if (sha && ref) out.set(ref, sha);
  }
  return out;
}

/** Make the mirror's branches and tags exactly the fetched ones, in one all-or-nothing update. */
async function adoptIncoming(gitDir: string): Promise<void> {
  const incoming = await refMap(gitDir, INCOMING);
  const current = new Map([...(await refMap(gitDir, 'refs/heads')), ...(await refMap(gitDir, 'refs/tags'))]);
  const wanted = new Map([...incoming].map(([ref, sha]) => [`refs${ref.slice(INCOMING.length)}`, sha]));
  const lines: string[] = [];
  for (const [ref, sha] of wanted) if (current.get(ref) !== sha) lines.push(`update ${ref} ${sha}`);
  for (const ref of current.keys()) if (!wanted.has(ref)) lines.push(`delete ${ref}`);
  if (lines.length === 0) return;
  const r = await runGit({ gitDir, args: ['update-ref', '--stdin'], input: `${lines.join('\n')}\n` });
  if (r.code !== 0)
    throw new CtoError('MIRROR_FAILED', `${gitDir}: cannot update the mirror's refs: ${r.stderr.trim()}`);
}

async function dropIncoming(gitDir: string): Promise<void> {
  const refsToDrop = [...(await refMap(gitDir, INCOMING)).keys()];
  if (refsToDrop.length === 0) return;
  await runGit({
    gitDir,
    args: ['update-ref', '--stdin'],
    input: refsToDrop.map((r) => `delete ${r}\n`).join(''),
  });
}

/**
 * Pack files a stopped fetch left behind (`tmp_pack_*`), and after a failed fetch the packs it wrote
 * (`kept` lists the ones from before): no ref points into them, so the mirror stays its old size.
 */
async function removeLeftovers(gitDir: string, kept: ReadonlySet<string> | null): Promise<void> {
  const pack = join(gitDir, 'objects', 'pack');
  for (const name of await readdir(pack).catch(() => [] as string[])) {
    if (name.startsWith('tmp_') || (kept !== null && !kept.has(name)))
      await rm(join(pack, name), { force: true });
  }
}

/** Fetch `url` into its mirror at `dest` (created when missing). */
export async function fetchMirror(
  url: string,
  dest: string,
  opts: { budget?: MirrorBudget; credentials?: Credentials } = {},
): Promise<MirrorResult> {
  fetchTransport(url);
  const budget = opts.budget ?? DEFAULT_MIRROR_BUDGET;
  const network = networkFor(opts.credentials);
  if (existsSync(join(dest, 'HEAD'))) {
    const before = await refs(dest);
    const packs = new Set(await readdir(join(dest, 'objects', 'pack')).catch(() => [] as string[]));
    let done = false;
    try {
      // Into a side namespace first: the mirror's own refs move only once the whole fetch is in and
      // within budget, in one transaction.
      await fetchInto(dest, url, budget, network, INCOMING);
      await adoptIncoming(dest);
      done = true;
      // The default branch rarely changes: ask the remote again only when HEAD's branch is gone.
      if (!(await headResolves(dest))) await setHead(dest, url, network);
    } finally {
      await dropIncoming(dest);
      await removeLeftovers(dest, done ? null : packs);
    }
    return { path: dest, created: false, changed: (await refs(dest)) !== before };
  }
  await mkdir(dirname(dest), { recursive: true });
  const tmp = join(dirname(dest), `.${basename(dest)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const init = await runGit({ gitDir: tmp, args: ['init', '--quiet', '--bare'] });
    if (init.code !== 0)
      throw new CtoError('MIRROR_FAILED', `${redact(url)}: cannot create ${tmp}: ${init.stderr.trim()}`);
    await fetchInto(tmp, url, budget, network);
    await setHead(tmp, url, network);
    if ((await refs(tmp)).trim() === '')
      throw new CtoError('MIRROR_FAILED', `${redact(url)}: the remote has no branch or tag`);
    await rename(tmp, dest);
  } finally {
    if (existsSync(tmp)) await rm(tmp, { recursive: true, force: true });
  }
  return { path: dest, created: true, changed: true };
}
