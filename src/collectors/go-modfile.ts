// go.mod parsing shared by the go-mod and go-sum collectors: directives, requires, and the module
// versions go.mod puts in the build (requires with `replace` and `exclude` applied).
// From go 1.17 on, go.mod lists every module that provides a package to the build (module graph
// pruning, https://go.dev/ref/mod#graph-pruning), `// indirect` ones included.
import { redactUrl } from './redact-url.ts';

interface GoModLine {
  verb: string;
  args: string[];
  comment: string;
}

interface GoRequire {
  path: string;
  version: string;
  indirect: boolean;
}

export interface GoReplacement {
  from: string;
  /** Null when every version of `from` is replaced. */
  fromVersion: string | null;
  /** A module path, or a folder (credentials removed) when `toVersion` is null. */
  to: string;
  toVersion: string | null;
}

/** One module of the build list as go.mod states it. */
export interface GoBuildModule extends GoRequire {
  /** The replace directive that applies to this require, if any. */
  replacement: GoReplacement | null;
}

/** Splits a go.mod into directives; lines inside `verb ( ... )` blocks carry the block's verb. */
export function goModLines(text: string): GoModLine[] {
  const lines: GoModLine[] = [];
  let block: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const at = raw.indexOf('//');
    const code = (at >= 0 ? raw.slice(0, at) : raw).trim();
    const comment = at >= 0 ? raw.slice(at + 2).trim() : '';
    if (code === '') continue;
    if (block !== null) {
      if (code === ')') block = null;
      else lines.push({ verb: block, args: words(code), comment });
      continue;
    }
    const [verb = '', ...args] = words(code);
    if (args.length === 1 && args[0] === '(') block = verb;
    else lines.push({ verb, args, comment });
  }
  return lines;
}

function words(code: string): string[] {
  return (code.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? []).map((w) => w.replace(/^["`]|["`]$/g, ''));
}

function goRequires(lines: readonly GoModLine[]): GoRequire[] {
  return lines
    .filter((l) => l.verb === 'require' && l.args.length >= 2)
    .map((l) => ({ path: l.args[0]!, version: l.args[1]!, indirect: /(^|;)\s*indirect\b/.test(l.comment) }));
}

function goReplacements(lines: readonly GoModLine[]): GoReplacement[] {
  const found: GoReplacement[] = [];
  for (const { verb, args } of lines) {
    const arrow = args.indexOf('=>');
    if (verb !== 'replace' || arrow < 1 || arrow + 1 >= args.length) continue;
    const target = args.slice(arrow + 1);
    found.push({
      from: args[0]!,
      fromVersion: arrow > 1 ? args[1]! : null,
      to: redactUrl(target[0]!),
      toVersion: target[1] ?? null,
    });
  }
  return found;
}

/** True when go.mod's `go` directive is 1.17 or later: its requires are then the whole build list. */
export function listsWholeBuild(lines: readonly GoModLine[]): boolean {
  const go = lines.find((l) => l.verb === 'go')?.args[0];
  const m = go ? /^(\d+)\.(\d+)/.exec(go) : null;
  if (!m) return false;
  const major = Number(m[1]);
  return major > 1 || (major === 1 && Number(m[2]) >= 17);
}

/**
 * The requires go.mod puts in the build: excluded versions left out (go would build a later one,
 * which only the module proxy knows), each with the replacement that applies to it. A replacement
 * of the required version wins over one of every version, as in go.
 */
export function goBuildList(lines: readonly GoModLine[]): {
  modules: GoBuildModule[];
  excluded: GoRequire[];
} {
  const replacements = goReplacements(lines);
  const excludedIds = new Set(
    lines.filter((l) => l.verb === 'exclude').map((l) => `${l.args[0]}@${l.args[1]}`),
  );
  const modules: GoBuildModule[] = [];
  const excluded: GoRequire[] = [];
  for (const r of goRequires(lines)) {
    if (excludedIds.has(`${r.path}@${r.version}`)) {
      excluded.push(r);
      continue;
    }
    const exact = replacements.find((x) => x.from === r.path && x.fromVersion === r.version);
    const every = replacements.find((x) => x.from === r.path && x.fromVersion === null);
    modules.push({ ...r, replacement: exact ?? every ?? null });
  }
  return { modules, excluded };
}

/** Module paths go.mod decides about: required or replaced. */
export function goModPaths(lines: readonly GoModLine[]): Set<string> {
  return new Set([...goRequires(lines).map((r) => r.path), ...goReplacements(lines).map((r) => r.from)]);
}
