// gitignore-style path patterns with GitHub's CODEOWNERS differences:
// - no `!` negation, no `[...]` character classes, no `\` escapes (rejected by `checkPattern`);
// - a pattern whose last segment is exactly `*` (`docs/*`) matches direct children only;
// - paths are case-sensitive.
// Otherwise as gitignore: a pattern with a slash before its end is anchored to the root, one
// without matches at any depth; a trailing slash matches directories only; a match on a
// directory covers everything beneath it; `*` and `?` stay within one segment; `**` spans them.

export type PathMatcher = (path: string) => boolean;

/** Why GitHub would reject the pattern, or null when it is accepted. */
export function checkPattern(pattern: string): string | null {
  if (pattern.startsWith('!')) return 'negation (!) is not supported';
  if (pattern.includes('[') || pattern.includes(']')) return 'character ranges ([ ]) are not supported';
  if (pattern.includes('\\')) return 'escapes (\\) are not supported';
  if (pattern === '/' || pattern === '') return 'empty pattern';
  return null;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

function globBody(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 3;
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      out += '/.*';
      i += 3;
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      i += 2;
    } else if (glob[i] === '*') {
      out += '[^/]*';
      i += 1;
    } else if (glob[i] === '?') {
      out += '[^/]';
      i += 1;
    } else {
      out += escapeRegex(glob[i]!);
      i += 1;
    }
  }
  return out;
}

/** Compile an accepted pattern to a matcher over repository paths (posix, no leading slash). */
export function compilePattern(pattern: string): PathMatcher {
  let glob = pattern;
  const dirOnly = glob.endsWith('/');
  if (dirOnly) glob = glob.replace(/\/+$/, '');
  const anchored = glob.includes('/');
  glob = glob.replace(/^\/+/, '');
  const childrenOnly = glob === '*' ? false : glob.endsWith('/*');
  const prefix = anchored ? '' : '(?:.*/)?';
  const suffix = dirOnly ? '/.*' : childrenOnly || glob.endsWith('/**') ? '' : '(?:/.*)?';
  const re = new RegExp(`^${prefix}${globBody(glob)}${suffix}$`);
  return (path) => re.test(path);
}

/** A matcher compiled on its first use: a file of many rules compiles only those it tests. */
export function lazyPattern(pattern: string): PathMatcher {
  let compiled: PathMatcher | undefined;
  return (path) => {
    compiled ??= compilePattern(pattern);
    return compiled(path);
  };
}
