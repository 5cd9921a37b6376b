// A "git bomb": a repository of a few KB whose one commit names width^depth paths. One blob, a
// tree of `width` entries pointing at it, then `depth - 1` trees of `width` entries each pointing at
// the tree below. Made with plain `git mktree` (test set-up, not scanned input), then packed as a
// clone would have it: read loose, every tree git lists is a file opened, mapped and inflated again
// (`git ls-tree -r` then takes half a minute to reach a million paths instead of a second or two).
import { mkdirSync } from 'node:fs';
import { git } from './repo-builder.ts';

export interface GitBomb {
  dir: string;
  commit: string;
  /** width^depth */
  paths: number;
}

export function buildGitBomb(dir: string, depth = 10, width = 10): GitBomb {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const blob = git(dir, ['hash-object', '-w', '--stdin'], 'boom\n').trim();
  let tree = git(
    dir,
    ['mktree'],
    entries(width, (i) => `100644 blob ${blob}\tf${i}`),
  ).trim();
  for (let level = 1; level < depth; level++) {
    const below = tree;
    tree = git(
      dir,
      ['mktree'],
      entries(width, (i) => `040000 tree ${below}\td${i}`),
    ).trim();
  }
  const commit = git(dir, ['commit-tree', tree, '-m', 'bomb']).trim();
  git(dir, ['update-ref', 'refs/heads/main', commit]);
  git(dir, ['repack', '-a', '-d', '-q']);
  return { dir, commit, paths: width ** depth };
}

function entries(width: number, line: (i: number) => string): string {
  return `${Array.from({ length: width }, (_, i) => line(i)).join('\n')}\n`;
}
