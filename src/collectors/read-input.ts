// Reading one scanned file safely, shared by the collectors: size budget, bounded
// nesting, few YAML aliases, and every problem turned into a diagnostic. `collectEach` is the
// loop every collector runs: one bad file never stops the others, and nothing escapes as a throw.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { ZodError } from 'zod';
import {
  type CollectorResult,
  DEFAULT_BUDGET,
  type Dependency,
  type Diagnostic,
  type DiagnosticSeverity,
  type FileInput,
  type Runtime,
} from './types.ts';

/** A problem with the input, raised by readers and turned into a diagnostic by `collectEach`. */
export class InputProblem extends Error {
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  constructor(code: string, message: string, severity: DiagnosticSeverity = 'error') {
    super(message);
    this.code = code;
    this.severity = severity;
  }
}

export interface FileFacts {
  dependencies?: Dependency[];
  runtimes?: Runtime[];
  diagnostics?: Diagnostic[];
}

/** Runs `extract` on every file; size, parse and unexpected failures become diagnostics. */
export function collectEach(
  collector: string,
  files: FileInput[],
  extract: (path: string, text: string) => FileFacts,
): CollectorResult {
  const out = {
    dependencies: [] as Dependency[],
    runtimes: [] as Runtime[],
    diagnostics: [] as Diagnostic[],
  };
  for (const { path, content } of files) {
    try {
      if (content.length > DEFAULT_BUDGET.maxBytes) {
        throw new InputProblem(
          'too-large',
          `file has ${content.length} bytes, over ${DEFAULT_BUDGET.maxBytes}`,
          'warning',
        );
      }
      const facts = extract(path, content.toString('utf8'));
      // A lockfile may list more packages than a call takes arguments: appended one by one.
      for (const d of facts.dependencies ?? []) out.dependencies.push(d);
      for (const r of facts.runtimes ?? []) out.runtimes.push(r);
      for (const d of facts.diagnostics ?? []) out.diagnostics.push(d);
    } catch (error) {
      out.diagnostics.push(toDiagnostic(path, collector, error));
    }
  }
  return out;
}

/**
 * A parser's complaint or a schema mismatch (the file is not of the expected shape) is a `parse-error`;
 * a TypeError means our own code met a shape it did not guard against: `internal-error`.
 */
function toDiagnostic(path: string, collector: string, error: unknown): Diagnostic {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
  if (error instanceof InputProblem)
    return { path, collector, code: error.code, message, severity: error.severity };
  const internal =
    !(error instanceof ZodError) && (error instanceof TypeError || error instanceof ReferenceError);
  return { path, collector, code: internal ? 'internal-error' : 'parse-error', message, severity: 'error' };
}

/** Deepest `[`/`{` nesting in a text, ignoring quoted strings: checked before parsing. */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/** Deepest nesting of a parsed value, without recursion; stops once past `limit`. */
export function valueDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, d);
    if (max > limit) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function checkDepth(depth: number): void {
  if (depth > DEFAULT_BUDGET.maxDepth) {
    throw new InputProblem(
      'too-deep',
      `nesting depth ${depth} is over the limit of ${DEFAULT_BUDGET.maxDepth}`,
    );
  }
}

/** Runs a third-party parser; whatever it throws is the input's fault: a `parse-error`. */
export function parsing<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputProblem) throw error;
    throw new InputProblem('parse-error', error instanceof Error ? error.message : String(error));
  }
}

export function readJson(text: string): unknown {
  checkDepth(bracketDepth(text));
  return parsing(() => JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
}

/** YAML with aliases capped (an alias bomb fails instead of expanding). */
export function readYaml(text: string): unknown {
  checkDepth(bracketDepth(text));
  const value = parsing(() =>
    parseYaml(text, { maxAliasCount: 20, uniqueKeys: false, prettyErrors: false, logLevel: 'error' }),
  );
  checkDepth(valueDepth(value, DEFAULT_BUDGET.maxDepth));
  return value;
}

export function readToml(text: string): unknown {
  checkDepth(bracketDepth(text));
  const value = parsing(() => parseToml(text));
  checkDepth(valueDepth(value, DEFAULT_BUDGET.maxDepth));
  return value;
}

/** The object at the top of a parsed file, or a `not-an-object` problem. */
export function asObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputProblem('not-an-object', `${what} is not an object at the top level`);
  }
  return value as Record<string, unknown>;
}

/** A lockfile of a format version the collector does not know, read as the nearest it knows. */
export function unsupportedVersion(path: string, collector: string, message: string): Diagnostic {
  return { path, collector, code: 'unsupported-version', message, severity: 'warning' };
}

/** Folder of a repository path, '' for the root. */
export function dirOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/** Whether the file at a repository path is called `name`, in any folder. */
export const isFileNamed = (path: string, name: string): boolean =>
  path === name || path.endsWith(`/${name}`);

/** The files whose path `pick` accepts, by folder: the manifest beside each lockfile. */
export function byFolder(files: FileInput[], pick: (path: string) => boolean): Map<string, FileInput> {
  return new Map(files.filter((f) => pick(f.path)).map((f) => [dirOf(f.path), f]));
}

/** A scalar as text (string, number, boolean); null for objects, arrays and null. */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
