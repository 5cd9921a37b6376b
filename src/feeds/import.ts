// Loads a feed into the store. OSV: one ecosystem at a time, its advisories replaced in one
// transaction, so a file that cannot be read leaves the previous feed active. endoflife.date: every
// product and cycle replaced in one transaction.
import { createHash } from 'node:crypto';
import { CtoError } from '../errors.ts';
import {
  activeImport,
  type FeedImportMeta,
  recordFailedImport,
  replaceAdvisories,
  replaceEolProducts,
} from '../store/feeds.ts';
import type { Store } from '../store/store.ts';
import type { EolProduct, Phase } from './endoflife/model.ts';
import { OsvFeedError, type OsvImport } from './osv/import.ts';
import { baseEcosystem, normalisePackageName } from './osv/names.ts';
import type { OsvRecord } from './osv/record.ts';
import { worstSeverity } from './osv/severity.ts';

export interface ImportSummary {
  feed: 'osv' | 'endoflife' | 'licences';
  ecosystem: string;
  source: string;
  records: number;
  problems: number;
  /** GIT ranges not evaluated (OSV only). */
  gitRangesIgnored: number;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The ecosystem a set of records is for: the hint (a folder name) when records name it, else the most named. */
function chooseEcosystem(records: OsvRecord[], hint: string | null): string | null {
  const counts = new Map<string, number>();
  for (const r of records) {
    for (const e of new Set(r.affected.map((a) => baseEcosystem(a.ecosystem))))
      counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  if (hint && counts.has(hint)) return hint;
  let best: string | null = null;
  for (const [e, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = e;
  return best;
}

function advisoryRow(record: OsvRecord, ecosystem: string) {
  const affected = record.affected.filter((a) => baseEcosystem(a.ecosystem) === ecosystem);
  if (affected.length === 0) return null;
  const own: OsvRecord = { ...record, affected };
  const severity = worstSeverity(affected.map((a) => ({ record, affected: a })));
  return {
    id: record.id,
    modified: record.modified,
    withdrawn: record.withdrawn,
    summary: record.summary,
    severityScore: severity.score,
    severityLevel: severity.level,
    aliases: record.aliases,
    record: JSON.stringify(own),
    packages: [...new Set(affected.map((a) => normalisePackageName(ecosystem, a.name)))],
  };
}

async function previousLine(store: Store, feed: string, ecosystem: string): Promise<string> {
  const prev = await activeImport(store, feed, ecosystem);
  const what = feed === 'osv' ? `${ecosystem} advisories` : 'endoflife.date data';
  return prev
    ? `the previous ${what} (${prev.records} records, imported ${prev.importedAt.slice(0, 16).replace('T', ' ')} UTC) stay active`
    : `no ${what} were loaded before; none are loaded now`;
}

/** Turns an unreadable feed file into one line that says what stays active, and notes the failure. */
async function failImport(
  store: Store,
  meta: FeedImportMeta,
  reason: string,
  cause?: unknown,
): Promise<never> {
  await recordFailedImport(store, meta, reason);
  const keep = await previousLine(store, meta.feed, meta.ecosystem);
  throw new CtoError('FEED_INVALID', `${reason}; ${keep}`, { cause });
}

/** Writes one OSV import (already read) for one ecosystem. */
export async function storeOsvImport(
  store: Store,
  feed: OsvImport,
  opts: { ecosystem: string | null; sha256: string | null; source?: string },
): Promise<ImportSummary> {
  const ecosystem = chooseEcosystem(feed.records, opts.ecosystem);
  const source = opts.source ?? feed.source;
  const meta: FeedImportMeta = {
    feed: 'osv',
    ecosystem: ecosystem ?? opts.ecosystem ?? '',
    source,
    sha256: opts.sha256,
    problems: feed.problems.length,
  };
  if (!ecosystem) return failImport(store, meta, `${source} holds no readable OSV record`);
  const rows = feed.records.map((r) => advisoryRow(r, ecosystem)).filter((r) => r !== null);
  await replaceAdvisories(store, meta, rows);
  return {
    feed: 'osv',
    ecosystem,
    source,
    records: rows.length,
    problems: meta.problems,
    gitRangesIgnored: feed.gitRangesIgnored,
  };
}

/** Runs an OSV reader; an unreadable file becomes FEED_INVALID with the previous feed kept. */
export async function readOsvOrFail(
  store: Store,
  ecosystem: string,
  source: string,
  read: () => Promise<OsvImport> | OsvImport,
): Promise<OsvImport> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof OsvFeedError)) throw e;
    return failImport(store, { feed: 'osv', ecosystem, source, sha256: null, problems: 0 }, e.message, e);
  }
}

const phaseText = (p: Phase): string | null => (p === null ? null : String(p));

/** Replaces the endoflife.date data with these products. */
export async function storeEolProducts(
  store: Store,
  products: EolProduct[],
  meta: { source: string; sha256: string | null; problems: number },
): Promise<ImportSummary> {
  const full: FeedImportMeta = { feed: 'endoflife', ecosystem: '', ...meta };
  if (products.length === 0) return failImport(store, full, `${meta.source} holds no endoflife.date product`);
  const rows = products.map((p) => ({
    product: p.key,
    label: p.label,
    identifiers: JSON.stringify(p.identifiers),
    cycles: p.cycles.map((c) => ({
      cycle_name: c.name,
      release_date: c.releaseDate,
      lts: phaseText(c.lts),
      eoas: phaseText(c.eoas),
      eol: phaseText(c.eol),
      eoes: phaseText(c.eoes),
      latest: c.latest,
    })),
  }));
  await replaceEolProducts(store, full, rows);
  return {
    feed: 'endoflife',
    ecosystem: '',
    source: meta.source,
    records: rows.length,
    problems: meta.problems,
    gitRangesIgnored: 0,
  };
}
