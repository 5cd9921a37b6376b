// Reading YAML from a scanned repository safely: size budget, few aliases, bounded depth,
// and every problem returned as a diagnostic. Shared by the YAML collectors (compose,
// kubernetes, helm-values, github-actions).
import { type Document, isMap, isNode, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import { bracketDepth, valueDepth } from './read-input.ts';
import { type Budget, DEFAULT_BUDGET, type Diagnostic, type FileInput } from './types.ts';

export { bracketDepth };

/** Aliases allowed per document; an alias bomb needs many more. */
const MAX_ALIASES = 20;

export interface YamlDocument {
  /** Plain JavaScript value of the document. */
  value: unknown;
  /** 1-based line of the node at a path of keys/indexes, when it exists. */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

interface YamlRead {
  documents: YamlDocument[];
  diagnostics: Diagnostic[];
}

export function diagnostic(
  path: string,
  collector: string,
  code: string,
  message: string,
  severity: Diagnostic['severity'] = 'warning',
): Diagnostic {
  return { path, collector, code, message, severity };
}

function keyNode(doc: Document, path: ReadonlyArray<string | number>): unknown {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = String(path[path.length - 1]);
  return parent.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === last)?.key;
}

function toDocument(doc: Document, counter: LineCounter): YamlDocument {
  const value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  return {
    value,
    lineOf(path) {
      const node = keyNode(doc, path) ?? doc.getIn(path, true);
      if (!isNode(node) || !node.range) return undefined;
      return counter.linePos(node.range[0]).line;
    },
  };
}

/** Parse every document of a YAML file; never throws. */
export function readYaml(file: FileInput, collector: string, budget: Budget = DEFAULT_BUDGET): YamlRead {
  const fail = (code: string, message: string): YamlRead => ({
    documents: [],
    diagnostics: [
      diagnostic(file.path, collector, code, message, code === 'too-large' ? 'warning' : 'error'),
    ],
  });
  if (file.content.length > budget.maxBytes) {
    return fail('too-large', `${file.content.length} bytes, more than the ${budget.maxBytes} byte budget`);
  }
  const text = file.content.toString('utf8');
  if (bracketDepth(text) > budget.maxDepth) return fail('too-deep', `nesting deeper than ${budget.maxDepth}`);
  try {
    const counter = new LineCounter();
    const docs = parseAllDocuments(text, {
      lineCounter: counter,
      uniqueKeys: false,
      merge: true,
      logLevel: 'error',
    });
    if (!Array.isArray(docs)) return { documents: [], diagnostics: [] };
    const documents: YamlDocument[] = [];
    for (const doc of docs) {
      const error = doc.errors[0];
      if (error) return fail('parse-error', error.message.split('\n')[0] ?? 'invalid YAML');
      const read = toDocument(doc, counter);
      if (valueDepth(read.value, budget.maxDepth) > budget.maxDepth) {
        return fail('too-deep', `nesting deeper than ${budget.maxDepth}`);
      }
      documents.push(read);
    }
    return { documents, diagnostics: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = /alias/i.test(message) ? 'too-many-aliases' : 'parse-error';
    return fail(code, message.split('\n')[0] ?? 'invalid YAML');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
