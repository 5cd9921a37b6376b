// Reading a workspace YAML file (cto.yaml and every office file) against its zod schema. An error
// names the file, the line and the key path, and suggests the key meant when one is misspelt:
//
//   cto.yaml:4: licenses: unknown key (did you mean "licences"?)
import { existsSync, readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CtoError } from '../errors.ts';

type Key = PropertyKey;

/** Parse and validate YAML text; `source` names it in messages (a path or `cto.yaml`). */
export function parseYamlText<S extends z.ZodType>(text: string, schema: S, source: string): z.output<S> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lines.linePos(syntax.pos[0]).line;
    throw new CtoError('CONFIG_INVALID', `${source}:${line}: ${syntax.message.split('\n')[0]}`);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (e) {
    throw new CtoError('CONFIG_INVALID', `${source}: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A misspelt key also leaves the key meant missing: name the misspelling, it is the mistake.
  const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
  if (!issue) throw new CtoError('CONFIG_INVALID', `${source}: invalid`);
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path: Key[] = unknownKey === undefined ? [...issue.path] : [...issue.path, unknownKey];
  const where = lineOf(doc.contents, path, unknownKey !== undefined, lines);
  const at = `${source}${where === null ? '' : `:${where}`}: ${path.map(String).join('.') || '(root)'}`;
  if (unknownKey === undefined) throw new CtoError('CONFIG_INVALID', `${at}: ${issue.message}`);
  const known = keysAt(schema, issue.path);
  const guess = closest(unknownKey, known);
  const hint = guess
    ? ` (did you mean "${guess}"?)`
    : known.length > 0
      ? ` (known: ${known.join(', ')})`
      : '';
  throw new CtoError('CONFIG_INVALID', `${at}: unknown key${hint}`);
}

/** Read and validate a YAML file; null when the file does not exist. */
export function readYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  source = file,
): z.output<S> | null {
  if (!existsSync(file)) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CtoError('CONFIG_INVALID', `${source}: cannot read: ${(e as Error).message}`);
  }
  return parseYamlText(text, schema, source);
}

/** The line of the node at `path` (of its key when `key`), or of its nearest existing ancestor. */
function lineOf(root: Node | null, path: readonly Key[], key: boolean, lines: LineCounter): number | null {
  let node: unknown = root;
  let best: number | null = rangeLine(root, lines);
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    if (!node || typeof node !== 'object' || !('items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) break;
      const last = i === path.length - 1;
      best = rangeLine((last && key ? pair.key : (pair.value ?? pair.key)) as Node, lines) ?? best;
      node = pair.value;
    } else {
      node = typeof k === 'number' ? items[k] : undefined;
      best = rangeLine(node as Node, lines) ?? best;
    }
  }
  return best;
}

function rangeLine(node: Node | null | undefined, lines: LineCounter): number | null {
  const start = node?.range?.[0];
  return start === undefined ? null : lines.linePos(start).line;
}

/** Keys of the object schema found at `path` (through optional, default, array and nullable wrappers). */
function keysAt(schema: z.ZodType, path: readonly Key[]): string[] {
  let s: unknown = schema;
  for (const k of [...path, null]) {
    s = unwrap(s);
    if (k === null) break;
    const def = (s as { def?: { type?: string; element?: unknown } }).def;
    if (def?.type === 'array') s = def.element;
    else if (def?.type === 'object') s = (s as { shape: Record<string, unknown> }).shape[String(k)];
    else return [];
  }
  const shape = (s as { def?: { type?: string }; shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { type?: string; innerType?: unknown } };
  while (cur?.def && ['optional', 'default', 'nullable', 'prefault'].includes(cur.def.type ?? '')) {
    cur = cur.def.innerType as typeof cur;
  }
  return cur;
}

/** The known key closest to `key`: within two edits, or one starting with the other. */
function closest(key: Key, known: readonly string[]): string | null {
  const word = String(key).toLowerCase();
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    const known = k.toLowerCase();
    const prefix = word.length >= 4 && (known.startsWith(word) || word.startsWith(known));
    const d = prefix ? 1 : distance(word, known);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
