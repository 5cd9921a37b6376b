// Where a scanned repository's objects really come from. A `.git` file or symbolic link, a linked
// worktree, a `commondir` file or `objects/info/alternates` can make a folder read another
// repository's objects; the scan records the real git directories and says so in diagnostics.
import { lstat, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Diagnostic } from '../collectors/types.ts';
import { countObjects, type ObjectCount } from '../git/refs.ts';
import type { FoundRepository } from './discover.ts';

export interface GitLocation {
  /** Real path of the folder that was scanned (a work tree, or a bare repository). */
  path: string;
  /** Real path of the git directory used (for a linked worktree, its own directory). */
  gitDir: string;
  /** Real path of the common git directory: objects, refs, config. The repository's identity. */
  commonDir: string;
  /** What `<path>/.git` is; null for a bare repository scanned as itself. */
  dotGit: 'directory' | 'file' | 'symlink' | null;
  /** Real paths of the object directories borrowed through `objects/info/alternates`. */
  alternates: string[];
}

/** `counted`: the repository's `git count-objects -v` when already read (else read here). */
export async function locateGit(found: FoundRepository, counted?: ObjectCount | null): Promise<GitLocation> {
  const path = await realOrSame(found.path);
  const gitDir = await realOrSame(found.info.gitDir);
  const alternates: string[] = [];
  for (const dir of (counted ?? (await countObjects(found.info.gitDir))).alternates) {
    const real = await realOrSame(dir);
    if (!alternates.includes(real)) alternates.push(real);
  }
  return { path, gitDir, commonDir: found.info.commonDir, dotGit: await dotGitKind(found.path), alternates };
}

/** True when `child` is `parent` or inside it (both real paths). */
function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/** One diagnostic per way the objects come from outside the scanned folder. */
export function locationDiagnostics(loc: GitLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const outside = [loc.gitDir, loc.commonDir].filter((d) => !isInside(d, loc.path));
  if (loc.dotGit === 'symlink') {
    const where = outside.length > 0 ? ', outside the scanned folder' : '';
    out.push(
      diag(
        'git-dir-symlink',
        `.git is a symbolic link to ${loc.gitDir}${where}: objects are read from there`,
      ),
    );
  } else if (outside.length > 0) {
    out.push(diag('git-dir-outside', outsideMessage(loc)));
  }
  const borrowed = loc.alternates.filter((d) => !isInside(d, loc.path));
  if (borrowed.length > 0) {
    out.push(
      diag(
        'alternates-outside',
        `objects are also read from ${borrowed.join(', ')} (objects/info/alternates), outside the scanned folder`,
      ),
    );
  }
  return out;
}

function outsideMessage(loc: GitLocation): string {
  if (loc.gitDir !== loc.commonDir && !isInside(loc.gitDir, loc.path)) {
    return `a linked worktree (or a .git file) whose git directory is ${loc.gitDir}: objects and refs are those of ${loc.commonDir}, outside the scanned folder`;
  }
  if (!isInside(loc.gitDir, loc.path)) {
    return `.git is a file pointing to ${loc.gitDir}, outside the scanned folder: objects are read from there`;
  }
  return `the git directory names a common directory ${loc.commonDir} (commondir file), outside the scanned folder: objects and refs are read from there`;
}

/**
 * The same git repository reached by other paths in this scan, or scanned before from another
 * folder: stored once, under one name, and said so.
 */
export function sameRepositoryDiagnostics(
  loc: GitLocation,
  aliases: readonly string[],
  stored: { name: string; realPath: string },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (aliases.length > 0) {
    out.push({
      ...diag(
        'same-repository',
        `also reached at ${aliases.join(', ')}: the same git repository (${loc.commonDir}), scanned once`,
      ),
      severity: 'info',
    });
  }
  if (stored.realPath !== loc.path) {
    out.push(
      diag(
        'same-repository',
        `${loc.path} is the same git repository (${loc.commonDir}) as ${stored.realPath}, scanned before: stored as "${stored.name}"`,
      ),
    );
  }
  return out;
}

function diag(code: string, message: string): Diagnostic {
  return { path: '', collector: 'discover', code, message, severity: 'warning' };
}

async function dotGitKind(path: string): Promise<GitLocation['dotGit']> {
  try {
    const st = await lstat(join(path, '.git'));
    if (st.isSymbolicLink()) return 'symlink';
    return st.isDirectory() ? 'directory' : 'file';
  } catch {
    return null;
  }
}

export async function realOrSame(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}
