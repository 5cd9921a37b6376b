// `cto sources sync`: list every source of sources.yaml, store what was found (what disappeared is
// marked, never dropped), then bring each remote repository's mirror up to date.
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { CtoError, isCtoError } from '../errors.ts';
import { discoverRepositories } from '../scan/discover.ts';
import { listRepositories } from '../store/repositories.ts';
import {
  type FoundSourceRepository,
  listSourceRepositories,
  recordFetch,
  saveDiscovery,
} from '../store/sources.ts';
import type { Store } from '../store/store.ts';
import { type ForgeOptions, listGithub, listGitlab } from './forges.ts';
import {
  type Credentials,
  DEFAULT_MIRROR_BUDGET,
  fetchMirror,
  headResolves,
  type MirrorBudget,
  mirrorPathFor,
  redact,
} from './mirror.ts';
import { passesFilters, type Source, type SourcesFile, sourceId } from './sources-config.ts';

interface SourceOutcome {
  id: string;
  listed: number;
  error: string | null;
}

interface FetchOutcome {
  key: string;
  name: string;
  created: boolean;
  changed: boolean;
  error: string | null;
}

interface SyncResult {
  sources: SourceOutcome[];
  added: number;
  gone: number;
  back: number;
  fetches: FetchOutcome[];
  /** With `fetch: false`: repositories whose mirror was found on disk and recorded (names). */
  adopted: string[];
}

interface SyncOptions {
  workspaceDir: string;
  /** Fetch the mirrors after listing (default true). */
  fetch?: boolean;
  now?: string;
  forge?: ForgeOptions;
  onFetch?: (outcome: FetchOutcome) => void;
}

function folderPath(folder: string, workspaceDir: string): string {
  if (folder === '~' || folder.startsWith('~/')) return join(homedir(), folder.slice(1));
  return isAbsolute(folder) ? folder : resolve(workspaceDir, folder);
}

/** A repository's name from its URL: the last path segment without `.git`. */
function nameOfUrl(url: string): string {
  const last =
    url
      .replace(/[/\\]+$/, '')
      .split(/[/:\\]/)
      .pop() ?? '';
  return last.replace(/\.git$/, '') || url;
}

function credentialsOf(source: Source, env: NodeJS.ProcessEnv): Credentials | undefined {
  if (!('github' in source || 'gitlab' in source) || !source.token) return undefined;
  const token = env[source.token];
  if (!token) return undefined;
  return { user: 'github' in source ? 'x-access-token' : 'oauth2', token };
}

async function list(source: Source, opts: SyncOptions): Promise<FoundSourceRepository[]> {
  const id = sourceId(source);
  if ('url' in source) {
    return [
      {
        key: source.url,
        name: source.name ?? nameOfUrl(source.url),
        source: id,
        kind: 'url',
        archived: false,
        fork: false,
      },
    ];
  }
  if ('folder' in source) {
    const { repositories } = await discoverRepositories([folderPath(source.folder, opts.workspaceDir)], {
      maxDepth: 4,
    });
    return repositories
      .filter((r) => passesFilters(r.name, source))
      .map((r) => ({
        key: r.path,
        name: r.name,
        source: id,
        kind: 'folder' as const,
        archived: false,
        fork: false,
      }));
  }
  const repos =
    'github' in source ? await listGithub(source, opts.forge) : await listGitlab(source, opts.forge);
  return repos.map((r) => ({
    key: r.url,
    name: r.fullName,
    source: id,
    kind: 'url' as const,
    archived: r.archived,
    fork: r.fork,
  }));
}

/** The mirror's folder: filed by the URL's host and path, named after the listed name (what scans show). */
function mirrorFolder(cache: string, url: string, name: string): string {
  const last = (name.split('/').pop() ?? '').replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  const byUrl = mirrorPathFor(cache, url);
  return last ? join(dirname(byUrl), `${last}.git`) : byUrl;
}

function mirrorSettings(file: SourcesFile, workspaceDir: string): { folder: string; budget: MirrorBudget } {
  const m = file.mirrors ?? {};
  return {
    folder: m.folder ? folderPath(m.folder, workspaceDir) : join(workspaceDir, '.cto', 'mirrors'),
    budget: {
      maxBytes: m.maxSizeMiB ? m.maxSizeMiB * 1024 * 1024 : DEFAULT_MIRROR_BUDGET.maxBytes,
      timeoutMs: m.timeoutSeconds ? m.timeoutSeconds * 1000 : DEFAULT_MIRROR_BUDGET.timeoutMs,
    },
  };
}

export async function syncSources(store: Store, file: SourcesFile, opts: SyncOptions): Promise<SyncResult> {
  const now = opts.now ?? new Date().toISOString();
  const env = opts.forge?.env ?? process.env;
  const outcomes: SourceOutcome[] = [];
  const found: FoundSourceRepository[] = [];
  const synced: string[] = [];
  const sourceOfKey = new Map<string, Source>();
  for (const source of file.sources) {
    const id = sourceId(source);
    try {
      const repos = await list(source, opts);
      for (const r of repos) sourceOfKey.set(r.key, source);
      found.push(...repos);
      synced.push(id);
      outcomes.push({ id, listed: repos.length, error: null });
    } catch (e) {
      if (!isCtoError(e)) throw e;
      outcomes.push({ id, listed: 0, error: `${e.message} [${e.code}]` });
    }
  }
  const counts = await saveDiscovery(store, synced, found, now);
  const fetches: FetchOutcome[] = [];
  const adopted: string[] = [];
  const { folder, budget } = mirrorSettings(file, opts.workspaceDir);
  const remotes = (await listSourceRepositories(store)).filter((r) => r.kind === 'url' && r.goneAt === null);
  if (opts.fetch === false) {
    // No fetch: a mirror already on disk (a fresh store over an old mirror folder, say) is recorded
    // as it stands, with the time its refs last changed, so `cto scan --all` can scan it.
    for (const r of remotes) {
      if (r.mirror !== null) continue;
      const dest = mirrorFolder(folder, r.key, r.name);
      if (!existsSync(join(dest, 'HEAD')) || !(await headResolves(dest))) continue;
      await recordFetch(store, r.key, { mirror: dest, error: null, at: refsChangedAt(dest) });
      adopted.push(r.name);
    }
  } else {
    for (const r of remotes) {
      const source = sourceOfKey.get(r.key);
      if (!source) continue; // its source failed to list this time: its mirror stays as it is
      const dest = mirrorFolder(folder, r.key, r.name);
      let outcome: FetchOutcome;
      try {
        const m = await fetchMirror(r.key, dest, { budget, credentials: credentialsOf(source, env) });
        outcome = { key: r.key, name: r.name, created: m.created, changed: m.changed, error: null };
        await recordFetch(store, r.key, { mirror: m.path, error: null, at: new Date().toISOString() });
      } catch (e) {
        if (!isCtoError(e)) throw e;
        const error = `${e.message} [${e.code}]`;
        outcome = { key: r.key, name: r.name, created: false, changed: false, error };
        await recordFetch(store, r.key, { mirror: null, error, at: new Date().toISOString() });
      }
      fetches.push(outcome);
      opts.onFetch?.(outcome);
    }
  }
  return { sources: outcomes, ...counts, fetches, adopted };
}

/** When a mirror's refs last changed: the newest of its HEAD, packed-refs and branch folder. */
function refsChangedAt(gitDir: string): string {
  let newest = 0;
  for (const f of ['HEAD', 'packed-refs', join('refs', 'heads'), join('refs', 'tags')]) {
    try {
      newest = Math.max(newest, statSync(join(gitDir, f)).mtimeMs);
    } catch {}
  }
  return new Date(newest).toISOString();
}

/** What `cto scan --all` scans: each listed repository's mirror (once fetched) or local path. */
export async function scannablePaths(store: Store): Promise<{ paths: string[]; notFetched: string[] }> {
  const paths: string[] = [];
  const notFetched: string[] = [];
  for (const r of await listSourceRepositories(store)) {
    if (r.goneAt !== null) continue;
    if (r.kind === 'folder') paths.push(r.key);
    else if (r.mirror) paths.push(r.mirror);
    else notFetched.push(redact(r.key));
  }
  return { paths, notFetched };
}

/** A repository that cannot be scanned as asked: recorded as failed with its reason. */
export interface Unavailable {
  name: string;
  path: string;
  code: string;
  message: string;
}

/**
 * What to scan: every repository sources.yaml lists (as `cto scan --all`), or the named ones, each
 * looked up among the listed repositories, then the store's. A listed repository without a mirror yet
 * cannot be scanned: it is a failure with its reason. An unknown name refuses the request.
 */
export async function resolveTargets(
  store: Store,
  names: readonly string[] | null,
): Promise<{ paths: string[]; unavailable: Unavailable[] }> {
  const listed = (await listSourceRepositories(store)).filter((r) => r.goneAt === null);
  const noMirror = (name: string, key: string): Unavailable => ({
    name,
    path: redact(key),
    code: 'MIRROR_FAILED',
    message: 'no mirror yet: run `cto sources sync`',
  });
  if (names === null) {
    const { paths } = await scannablePaths(store);
    const unavailable = listed
      .filter((r) => r.kind === 'url' && !r.mirror)
      .map((r) => noMirror(r.name, r.key));
    if (paths.length === 0 && unavailable.length === 0)
      throw new CtoError(
        'NO_REPOSITORIES',
        'no repository is known from sources.yaml: run `cto sources sync` first, or name repositories (docs/fleet.md)',
      );
    return { paths, unavailable };
  }
  const stored = await listRepositories(store);
  const paths: string[] = [];
  const unavailable: Unavailable[] = [];
  const unknown: string[] = [];
  for (const name of new Set(names)) {
    const source = listed.find((r) => r.name === name);
    const path = source ? (source.kind === 'folder' ? source.key : source.mirror) : null;
    if (source && !path) unavailable.push(noMirror(name, source.key));
    else if (path) paths.push(path);
    else {
      const repo = stored.find((r) => r.name === name);
      if (repo) paths.push(repo.path);
      else unknown.push(name);
    }
  }
  if (unknown.length > 0)
    throw new CtoError(
      'REPOSITORY_NOT_FOUND',
      `no repository listed by sources.yaml or in the store is named ${unknown.map((n) => `"${n}"`).join(', ')} (GET /api/v1/repositories lists the store's)`,
    );
  return { paths, unavailable };
}
