// Loads OSV records from an `all.zip` (the OSV bucket layout: one `<id>.json` per record) or from a
// folder of OSV JSON files. A zip that cannot be read is an error naming the file, so the caller
// keeps its previous feed; a single record that fails validation is reported and skipped.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { type OsvRecord, toOsvRecord } from './record.ts';
import { osvRecordSchema } from './schema.ts';

export interface OsvImportProblem {
  /** Entry name in the zip, or file path in the folder. */
  file: string;
  reason: string;
}

export interface OsvImport {
  source: string;
  records: OsvRecord[];
  problems: OsvImportProblem[];
  /** GIT ranges seen and ignored (commit ranges need the upstream repository). */
  gitRangesIgnored: number;
}

/** The feed file cannot be used as a whole; the previous feed should stay in place. */
export class OsvFeedError extends Error {
  readonly code = 'FEED_INVALID';
  readonly file: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`OSV feed ${file} cannot be read: ${reason}`, options);
    this.name = 'OsvFeedError';
    this.file = file;
  }
}

function parseEntry(file: string, text: string, out: OsvImport): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    out.problems.push({ file, reason: `invalid JSON: ${(e as Error).message}` });
    return;
  }
  const parsed = osvRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    out.problems.push({ file, reason: `not an OSV record: ${issue?.path.join('.')}: ${issue?.message}` });
    return;
  }
  const record = toOsvRecord(parsed.data);
  for (const a of record.affected) out.gitRangesIgnored += a.gitRanges;
  out.records.push(record);
}

/** Reads an OSV `all.zip` held in memory; `name` is used in messages. */
export function importOsvZipBytes(name: string, bytes: Uint8Array): OsvImport {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
  } catch (e) {
    throw new OsvFeedError(name, `corrupt or truncated zip (${(e as Error).message})`, { cause: e });
  }
  const out: OsvImport = { source: name, records: [], problems: [], gitRangesIgnored: 0 };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const [file, data] of Object.entries(entries)) {
    let text: string;
    try {
      text = decoder.decode(data);
    } catch {
      out.problems.push({ file, reason: 'not UTF-8' });
      continue;
    }
    parseEntry(file, text, out);
  }
  return out;
}

export async function importOsvZip(path: string): Promise<OsvImport> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new OsvFeedError(path, (e as Error).message, { cause: e });
  }
  return importOsvZipBytes(path, bytes);
}

/** Reads every `*.json` file under a folder (recursively) as one OSV record each. */
export async function importOsvFolder(dir: string): Promise<OsvImport> {
  const out: OsvImport = { source: dir, records: [], problems: [], gitRangesIgnored: 0 };
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    throw new OsvFeedError(dir, (e as Error).message, { cause: e });
  }
  for (const name of names) {
    const file = join(dir, name);
    parseEntry(file, await readFile(file, 'utf8'), out);
  }
  return out;
}
