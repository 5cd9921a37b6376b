// go.mod: require (with `// indirect`), replace, exclude, and the go and toolchain directives.
// Versions, pseudo-versions and `+incompatible` are kept as written.
import { redactUrl } from '../redact-url.ts';
import type { Dependency, Diagnostic, Runtime } from '../types.ts';

export const COLLECTOR_ID = 'go-mod';

export interface GoModLine {
  verb: string;
  args: string[];
  comment: string;
}

export interface GoRequire {
  path: string;
  version: string;
  indirect: boolean;
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

export function goRequires(lines: GoModLine[]): GoRequire[] {
  return lines
    .filter((l) => l.verb === 'require' && l.args.length >= 2)
    .map((l) => ({ path: l.args[0]!, version: l.args[1]!, indirect: /(^|;)\s*indirect\b/.test(l.comment) }));
}

interface Replacement {
  from: string;
  fromVersion: string | null;
  to: string;
}

function replacements(lines: GoModLine[]): Replacement[] {
  const found: Replacement[] = [];
  for (const { verb, args } of lines) {
    const arrow = args.indexOf('=>');
    if (verb !== 'replace' || arrow < 1 || arrow + 1 >= args.length) continue;
    const target = args.slice(arrow + 1);
    const to = target.length > 1 ? `${target[0]}@${target[1]}` : target[0]!;
    found.push({ from: args[0]!, fromVersion: arrow > 1 ? args[1]! : null, to: redactUrl(to) });
  }
  return found;
}

const VERBS = new Set([
  'module',
  'go',
  'toolchain',
  'require',
  'replace',
  'exclude',
  'retract',
  'godebug',
  'tool',
  'ignore',
]);

export function extractGoMod(path: string, text: string) {
  const lines = goModLines(text);
  const diagnostics: Diagnostic[] = [];
  const unknown = lines.filter((l) => !VERBS.has(l.verb));
  if (unknown.length > 0 || !lines.some((l) => l.verb === 'module')) {
    const what =
      unknown.length > 0
        ? `${unknown.length} line(s) with an unknown directive, first \`${unknown[0]!.verb.slice(0, 40)}\``
        : 'no module directive';
    diagnostics.push({
      path,
      collector: COLLECTOR_ID,
      code: 'parse-error',
      message: `not a well-formed go.mod: ${what}`,
      severity: 'warning',
    });
  }
  const replaced = replacements(lines);
  const excluded = new Set(lines.filter((l) => l.verb === 'exclude').map((l) => `${l.args[0]}@${l.args[1]}`));
  const dependencies: Dependency[] = goRequires(lines)
    .filter((r) => !excluded.has(`${r.path}@${r.version}`))
    .map((r) => {
      const replace = replaced.find((x) => x.from === r.path && (x.fromVersion ?? r.version) === r.version);
      return {
        ecosystem: 'Go',
        name: r.path,
        version: r.version,
        requirement: r.version,
        direct: !r.indirect,
        scope: 'prod',
        manifestPath: path,
        source: replace ? replace.to : null,
      };
    });
  const runtimes: Runtime[] = [];
  for (const { verb, args } of lines) {
    if ((verb === 'go' || verb === 'toolchain') && args[0]) {
      runtimes.push({ kind: 'go', version: args[0], path, source: `${verb} directive` });
    }
  }
  return { dependencies, runtimes, diagnostics };
}
