// The licence cache as a file, for `cto feed import` and `cto feed export --licences`: JSON lines,
// one object per package version:
//   {"ecosystem":"npm","name":"express","version":"4.21.2","licence":"MIT","source":"https://..."}
// `licence` is the text as the registry states it (null: none stated); `status` is optional
// (`found`, `none` or `not-found`; by default `found` when there is a licence, else `none`).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CtoError } from '../../errors.ts';
import { recordLicenceFeed } from '../../store/feeds.ts';
import { type CachedLicence, countCached, saveLicences } from '../../store/licence-cache.ts';
import type { Store } from '../../store/store.ts';
import type { ImportSummary } from '../import.ts';

const line = z
  .object({
    ecosystem: z.string().min(1),
    name: z.string().min(1),
    version: z.string().min(1),
    licence: z.string().nullable(),
    source: z.string().min(1),
    status: z.enum(['found', 'none', 'not-found']).optional(),
  })
  .strict();

/** Whether a file's first line is a licence cache record. */
export function looksLikeLicenceLines(head: string): boolean {
  const first = head.split('\n').find((l) => l.trim() !== '');
  if (!first) return false;
  try {
    const o = JSON.parse(first) as Record<string, unknown>;
    return typeof o === 'object' && o !== null && 'licence' in o && 'ecosystem' in o && 'version' in o;
  } catch {
    return false;
  }
}

function parseLicenceLines(text: string): { rows: CachedLicence[]; problems: number } {
  const rows: CachedLicence[] = [];
  let problems = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let parsed: ReturnType<typeof line.safeParse>;
    try {
      parsed = line.safeParse(JSON.parse(raw));
    } catch {
      problems++;
      continue;
    }
    if (!parsed.success) {
      problems++;
      continue;
    }
    const r = parsed.data;
    const status = r.status ?? (r.licence === null || r.licence.trim() === '' ? 'none' : 'found');
    rows.push({ ...r, licence: status === 'found' ? r.licence : null, status });
  }
  return { rows, problems };
}

export function licenceLines(rows: readonly CachedLicence[]): string {
  return rows
    .map((r) =>
      JSON.stringify({
        ecosystem: r.ecosystem,
        name: r.name,
        version: r.version,
        licence: r.licence,
        source: r.source,
        status: r.status,
      }),
    )
    .map((l) => `${l}\n`)
    .join('');
}

/** Loads a licence cache file: rows replace cached rows of the same package version. */
export async function importLicenceFile(store: Store, file: string): Promise<ImportSummary[]> {
  const { rows, problems } = parseLicenceLines(readFileSync(file, 'utf8'));
  if (rows.length === 0)
    throw new CtoError(
      'FEED_INVALID',
      `${file} holds no licence record (JSON lines of {ecosystem,name,version,licence,source})`,
    );
  await saveLicences(store, rows);
  const out: ImportSummary[] = [];
  for (const ecosystem of [...new Set(rows.map((r) => r.ecosystem))].sort()) {
    const records = await countCached(store, ecosystem);
    const mine = rows.filter((r) => r.ecosystem === ecosystem).length;
    await recordLicenceFeed(
      store,
      { feed: 'licences', ecosystem, source: file, sha256: null, problems },
      records,
    );
    out.push({ feed: 'licences', ecosystem, source: file, records: mine, problems, gitRangesIgnored: 0 });
  }
  return out;
}
