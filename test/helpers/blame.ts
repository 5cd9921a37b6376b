// Plain `git blame` run by tests as the reference for line ownership.
import { git } from './repo-builder.ts';

/** Lines per author e-mail of each file at `rev` (HEAD), by `git blame --line-porcelain`. */
export function blameByGit(
  dir: string,
  paths: string[],
  rev = 'HEAD',
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const path of paths) {
    const counts: Record<string, number> = {};
    for (const l of git(dir, ['blame', '--line-porcelain', rev, '--', path]).split('\n')) {
      if (l.startsWith('author-mail <')) counts[l.slice(13, -1)] = (counts[l.slice(13, -1)] ?? 0) + 1;
    }
    out[path] = counts;
  }
  return out;
}

/** Every file of HEAD (or of `rev`). */
export function filesAtHead(dir: string, rev = 'HEAD'): string[] {
  return git(dir, ['ls-tree', '-r', '--name-only', '-z', rev])
    .split('\0')
    .filter((p) => p !== '');
}
