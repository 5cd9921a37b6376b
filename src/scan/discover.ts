// Stage 1, discover: turn the paths a user gave into distinct repositories.
import { type Dirent, existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { CtoError, isCtoError } from '../errors.ts';
import { type RepoInfo, repoInfo } from '../git/refs.ts';

export interface FoundRepository {
  /** Display name: the work tree's folder name, or the bare repository's without `.git`. */
  name: string;
  /** The path the repository was found at (work tree or bare repository). */
  path: string;
  info: RepoInfo;
  /** Other paths given or found in this scan that are the same git repository (scanned once). */
  aliases: string[];
}

export interface DiscoveryProblem {
  path: string;
  error: CtoError;
}

interface DiscoverOptions {
  /** How many folder levels below a given path are searched (default 4). */
  maxDepth: number;
}

const SKIP_DIRS = new Set(['node_modules', 'vendor', 'bower_components', '__pycache__', 'target', 'dist']);

/** Where git keeps objects for a candidate folder, or null when it is not a repository root. */
function gitDirCandidate(dir: string): string | null {
  if (existsSync(join(dir, '.git'))) return join(dir, '.git');
  if (existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects')) && existsSync(join(dir, 'refs')))
    return dir;
  return null;
}

function displayName(path: string, bare: boolean): string {
  const name = basename(path);
  return bare && name.endsWith('.git') && name !== '.git' ? name.slice(0, -4) : name;
}

async function probe(dir: string): Promise<FoundRepository | null> {
  const candidate = gitDirCandidate(dir);
  if (!candidate) return null;
  try {
    const info = await repoInfo(candidate);
    return { name: displayName(dir, info.bare), path: dir, info, aliases: [] };
  } catch (e) {
    if (isCtoError(e) && e.code === 'NOT_A_REPOSITORY') return null;
    throw e;
  }
}

/**
 * Find repositories under the given paths. A path that is itself a repository is taken as is;
 * a folder is searched (hidden folders, node_modules and vendored folders skipped; repositories
 * are not entered, so submodules and nested clones are not scanned twice). The same repository
 * reached by several paths is returned once.
 */
export async function discoverRepositories(
  paths: readonly string[],
  options: DiscoverOptions,
): Promise<{ repositories: FoundRepository[]; problems: DiscoveryProblem[] }> {
  const found = new Map<string, FoundRepository>();
  const reached = new Map<string, Set<string>>(); // common dir -> real paths that reached it
  const problems: DiscoveryProblem[] = [];
  /** `real` is the real path `r.path` names; a work tree and its own `.git` are one place. */
  const add = (r: FoundRepository, real: string) => {
    const place = basename(real) === '.git' ? dirname(real) : real;
    const first = found.get(r.info.commonDir);
    const seen = reached.get(r.info.commonDir) ?? new Set<string>();
    reached.set(r.info.commonDir, seen);
    if (!first) found.set(r.info.commonDir, r);
    else if (!seen.has(place)) first.aliases.push(r.path);
    seen.add(place);
  };
  for (const given of paths) {
    const abs = resolve(given);
    let real: string;
    try {
      real = await realpath(abs);
      if (!(await stat(real)).isDirectory()) throw new Error('not a folder');
    } catch (e) {
      problems.push({ path: given, error: new CtoError('PATH_NOT_FOUND', `${given}: ${reason(e)}`) });
      continue;
    }
    const direct = await probe(real);
    if (direct) {
      add({ ...direct, name: displayName(abs, direct.info.bare), path: abs }, real);
      continue;
    }
    const before = found.size;
    const problemsBefore = problems.length;
    await walk(real, options.maxDepth, add, problems);
    if (found.size === before && problems.length === problemsBefore) {
      problems.push({
        path: given,
        error: new CtoError(
          'NOT_A_REPOSITORY',
          `${given} is not a git repository and holds none (searched ${options.maxDepth} levels deep)`,
        ),
      });
    }
  }
  return { repositories: uniqueNames([...found.values()]), problems };
}

/** Repositories that share a folder name get their parent folders added until the names differ. */
function uniqueNames(repos: FoundRepository[]): FoundRepository[] {
  for (let depth = 1; depth < 8; depth++) {
    const counts = new Map<string, number>();
    for (const r of repos) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
    const clashing = repos.filter((r) => (counts.get(r.name) ?? 0) > 1);
    if (clashing.length === 0) break;
    for (const r of clashing) {
      const parts = r.path.split(sep).filter(Boolean);
      const last = displayName(parts.at(-1) ?? r.name, r.info.bare);
      r.name = [...parts.slice(-1 - depth, -1), last].join('/');
    }
  }
  return repos;
}

async function walk(
  dir: string,
  depth: number,
  add: (r: FoundRepository, real: string) => void,
  problems: DiscoveryProblem[],
): Promise<void> {
  if (depth <= 0) return;
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ path: dir, error: new CtoError('PATH_NOT_FOUND', `${dir}: ${reason(e)}`) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.isSymbolicLink()) continue;
    if (SKIP_DIRS.has(entry.name)) continue;
    const child = join(dir, entry.name);
    // Hidden folders are skipped, but a hidden bare repository (`.something.git`) still counts.
    if (entry.name.startsWith('.') && !entry.name.endsWith('.git')) continue;
    const repo = await probe(child);
    if (repo) add(repo, child);
    else await walk(child, depth - 1, add, problems);
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  return (e as Error).message;
}
