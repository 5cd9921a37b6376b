// Which CODEOWNERS rule decides a path (the last one matching), without testing every rule: rules
// without wildcards are looked up by the path's folders and segments, and rules with wildcards are
// tested only when their literal first folder is the path's (or when they have none). A file of many
// rules (one per file or folder, as generated files have) then costs per path about its depth, not its
// number of rules. Same answers as testing each pattern's matcher from the last rule up.
import { lazyPattern, type PathMatcher } from './pattern.ts';

interface Wildcard {
  index: number;
  matches: PathMatcher;
}

export interface RuleIndex {
  /** Index of the last rule matching `path`, or -1 when none does. */
  lastMatch(path: string): number;
}

/** A pattern's parts as `compilePattern` reads them. */
function shape(pattern: string) {
  let glob = pattern;
  const dirOnly = glob.endsWith('/');
  if (dirOnly) glob = glob.replace(/\/+$/, '');
  const anchored = glob.includes('/');
  glob = glob.replace(/^\/+/, '');
  return { glob, dirOnly, anchored, literal: !/[*?]/.test(glob) };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The highest index among `list` (ascending) that matches, above `floor`; else `floor`. */
function lastWildcard(list: readonly Wildcard[] | undefined, path: string, floor: number): number {
  if (!list) return floor;
  for (let i = list.length - 1; i >= 0 && list[i]!.index > floor; i--) {
    if (list[i]!.matches(path)) return list[i]!.index;
  }
  return floor;
}

export function indexRules(patterns: readonly string[]): RuleIndex {
  // Anchored literal `a/b`: the path itself, or a folder of it (`dirOnly`: a folder only).
  const anchoredFile = new Map<string, number[]>();
  const anchoredFolder = new Map<string, number[]>();
  // Literal without a slash, `name`: any segment (`dirOnly`: any segment but the last).
  const segmentAny = new Map<string, number[]>();
  const segmentFolder = new Map<string, number[]>();
  const byFirstFolder = new Map<string, Wildcard[]>();
  const general: Wildcard[] = [];
  // Rules without wildcards are looked up, not tested: their matchers are compiled only if needed.
  const all = patterns.map(lazyPattern);
  patterns.forEach((pattern, index) => {
    const s = shape(pattern);
    if (s.literal) {
      if (s.anchored) {
        push(anchoredFolder, s.glob, index);
        if (!s.dirOnly) push(anchoredFile, s.glob, index);
      } else {
        push(segmentFolder, s.glob, index);
        if (!s.dirOnly) push(segmentAny, s.glob, index);
      }
      return;
    }
    const slash = s.glob.indexOf('/');
    const first = slash > 0 ? s.glob.slice(0, slash) : '';
    const entry = { index, matches: all[index]! };
    if (s.anchored && first !== '' && !/[*?]/.test(first)) push(byFirstFolder, first, entry);
    else general.push(entry);
  });
  const best = (list: readonly number[] | undefined, floor: number) =>
    list ? Math.max(floor, list[list.length - 1]!) : floor;
  return {
    lastMatch(path: string): number {
      // `.` in the compiled patterns stops at line terminators: such paths are tested rule by rule.
      if (/[\n\r\u2028\u2029]/.test(path)) return all.findLastIndex((m) => m(path));
      let found = best(anchoredFile.get(path), -1);
      let start = 0;
      for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
        found = best(anchoredFolder.get(path.slice(0, slash)), found);
        found = best(segmentFolder.get(path.slice(start, slash)), found);
        start = slash + 1;
      }
      found = best(segmentAny.get(path.slice(start)), found);
      const slash = path.indexOf('/');
      if (slash > 0) found = lastWildcard(byFirstFolder.get(path.slice(0, slash)), path, found);
      return lastWildcard(general, path, found);
    },
  };
}
