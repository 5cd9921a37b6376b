// Globs on repository paths, as cto.yaml writes them. Node's `path.matchesGlob` lets `*` and `**`
// skip names that start with a dot (a shell's habit); in a repository `.github/`, `.vitepress/` and
// `.storybook/` are folders like any other, so here they are matched too.
import { matchesGlob } from 'node:path';

/** A segment that starts with a dot, made plain for the match (a private-use character stands in for the dot). */
const DOT_SEGMENT = /(^|\/)\./g;
const plainDots = (text: string) => text.replace(DOT_SEGMENT, '$1\uE000');

/** Whether a repository path matches a glob, where `**` and `*` also match names that start with a dot. */
export function matchesPathGlob(path: string, glob: string): boolean {
  return matchesGlob(plainDots(path), plainDots(glob));
}
