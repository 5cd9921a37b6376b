// Markdown office files (radar items, decision records, experiments): YAML front matter between
// `---` lines, then a body. The front matter is validated with its zod schema and an error names the
// file's own line (the YAML is parsed with the lines before it kept blank, so line numbers match).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { CtoError } from '../errors.ts';
import { parseYamlText } from './yaml-file.ts';

interface FrontMatterText {
  /** The YAML between the fences, with blank lines for the lines before it (line numbers match the file). */
  yaml: string;
  body: string;
}

const FENCE = /^---[ \t]*$/;

/** Split a Markdown file into front matter and body; null when it does not open with `---`. */
function splitFrontMatter(text: string): FrontMatterText | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return null;
  const end = lines.findIndex((l, i) => i > 0 && (FENCE.test(l) || l === '...'));
  if (end < 0) return null;
  return {
    yaml: ['', ...lines.slice(1, end)].join('\n'),
    body: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
  };
}

/** Parse and validate the front matter of a Markdown file; `source` names it in messages. */
export function parseFrontMatter<S extends z.ZodType>(
  text: string,
  schema: S,
  source: string,
): { data: z.output<S>; body: string } {
  const split = splitFrontMatter(text);
  if (!split)
    throw new CtoError('CONFIG_INVALID', `${source}:1: no front matter (the file must open with a --- line)`);
  return { data: parseYamlText(split.yaml, schema, source), body: split.body };
}

/** A problem in an office file: data, shown with the results, never a stop. */
export interface OfficeDiagnostic {
  file: string;
  line: number | null;
  message: string;
}

/**
 * Each file of an office folder that `pick` takes (by name, giving its key), in name order, parsed by
 * `parse`; a file that cannot be read or parsed is a diagnostic and the others still count. An absent
 * folder gives nothing.
 */
export function readRecordFolder<R, K>(
  workspaceDir: string,
  folder: string,
  pick: (name: string) => K | null,
  parse: (text: string, file: string, key: K) => R | OfficeDiagnostic,
): { records: R[]; diagnostics: OfficeDiagnostic[] } {
  const dir = join(workspaceDir, folder);
  const records: R[] = [];
  const diagnostics: OfficeDiagnostic[] = [];
  if (!existsSync(dir)) return { records, diagnostics };
  for (const name of readdirSync(dir).sort()) {
    const key = pick(name);
    if (key === null) continue;
    const file = `${folder}/${name}`;
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch (e) {
      diagnostics.push({ file, line: null, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    const parsed = parse(text, file, key);
    if (
      parsed !== null &&
      typeof parsed === 'object' &&
      'message' in parsed &&
      'file' in parsed &&
      'line' in parsed
    )
      diagnostics.push(parsed as OfficeDiagnostic);
    else records.push(parsed as R);
  }
  return { records, diagnostics };
}
