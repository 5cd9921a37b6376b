// `global.json`: `{ "sdk": { "version": "8.0.100" } }`. The .NET SDK accepts comments and
// trailing commas in this file, so they are removed (outside strings) before JSON.parse.

import { type Budget, type CollectorResult, DEFAULT_BUDGET, type FileInput } from '../types.ts';
import { bracketDepth, diagnostic } from '../yaml-input.ts';
import { GlobalJson } from './schema.ts';

export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

export function extractGlobalJson(
  file: FileInput,
  collector: string,
  budget: Budget = DEFAULT_BUDGET,
): CollectorResult {
  const fail = (code: string, message: string): CollectorResult => ({
    diagnostics: [diagnostic(file.path, collector, code, message, 'error')],
  });
  if (file.content.length > budget.maxBytes) return fail('too-large', `${file.content.length} bytes`);
  const text = stripJsonComments(file.content.toString('utf8').replace(/^\uFEFF/, ''));
  if (bracketDepth(text) > budget.maxDepth) return fail('too-deep', `nesting deeper than ${budget.maxDepth}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('parse-error', error instanceof Error ? error.message : 'invalid JSON');
  }
  const parsed = GlobalJson.safeParse(json);
  if (!parsed.success) return fail('invalid', 'global.json is not an object with an optional sdk object');
  const version = parsed.data.sdk?.version;
  if (!version) return { diagnostics: [] };
  return {
    runtimes: [{ kind: 'dotnet', version, path: file.path, source: 'sdk.version', role: 'pin' }],
    diagnostics: [],
  };
}
