// Feed tables: replacing one feed atomically (the old rows stay until the new ones are all written)
// and listing what is loaded. Reads used for matching are in feed-reads.ts.
import type { Transaction } from 'kysely';
import { insertBatched } from './bulk-insert.ts';
import type { Database, FeedImportStatus } from './schema.ts';
import { nowIso, type Store } from './store.ts';

export interface FeedImportMeta {
  feed: 'osv' | 'endoflife' | 'licences';
  /** OSV ecosystem; '' for endoflife. */
  ecosystem: string;
  source: string;
  sha256: string | null;
  problems: number;
}

interface AdvisoryRow {
  id: string;
  modified: string;
  withdrawn: string | null;
  summary: string | null;
  severityScore: number | null;
  severityLevel: string;
  aliases: string[];
  record: string;
  /** Normalised names of the packages of this ecosystem the record names. */
  packages: string[];
}

interface EolProductRow {
  product: string;
  label: string;
  identifiers: string;
  cycles: Array<Omit<Database['eol_cycles'], 'product' | 'position'>>;
}

interface FeedImportRow {
  feed: string;
  ecosystem: string;
  source: string;
  sha256: string | null;
  records: number;
  problems: number;
  importedAt: string;
  status: FeedImportStatus;
  message: string | null;
}

type Trx = Transaction<Database>;
async function recordImport(
  trx: Trx | Store['db'],
  meta: FeedImportMeta,
  records: number,
  status: FeedImportStatus,
  message: string | null,
): Promise<void> {
  const at = nowIso();
  await trx
    .insertInto('feed_imports')
    .values({
      feed: meta.feed,
      ecosystem: meta.ecosystem,
      source: meta.source,
      sha256: meta.sha256,
      records,
      problems: meta.problems,
      imported_at: at,
      imported_ts: Math.floor(Date.parse(at) / 1000),
      status,
      message,
    })
    .execute();
}

async function retireActive(trx: Trx, meta: FeedImportMeta): Promise<void> {
  await trx
    .updateTable('feed_imports')
    .set({ status: 'replaced' })
    .where('feed', '=', meta.feed)
    .where('ecosystem', '=', meta.ecosystem)
    .where('status', '=', 'active')
    .execute();
}

/** Replaces one ecosystem's advisories in one transaction. */
export async function replaceAdvisories(
  store: Store,
  meta: FeedImportMeta,
  rows: AdvisoryRow[],
): Promise<void> {
  const ecosystem = meta.ecosystem;
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('advisory_packages').where('ecosystem', '=', ecosystem).execute();
    await trx.deleteFrom('advisories').where('ecosystem', '=', ecosystem).execute();
    const advisories = rows.map((r) => ({
      ecosystem,
      id: r.id,
      modified: r.modified,
      withdrawn: r.withdrawn,
      summary: r.summary,
      severity_score: r.severityScore,
      severity_level: r.severityLevel,
      aliases: JSON.stringify(r.aliases),
      record: r.record,
    }));
    await insertBatched(trx, 'advisories', advisories);
    const packages = rows.flatMap((r) =>
      r.packages.map((p) => ({ ecosystem, package: p, advisory_id: r.id })),
    );
    await insertBatched(trx, 'advisory_packages', packages);
    await retireActive(trx, meta);
    await recordImport(trx, meta, rows.length, 'active', null);
  });
}

/** Replaces all endoflife.date products and cycles in one transaction. */
export async function replaceEolProducts(
  store: Store,
  meta: FeedImportMeta,
  rows: EolProductRow[],
): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('eol_cycles').execute();
    await trx.deleteFrom('eol_products').execute();
    await insertBatched(
      trx,
      'eol_products',
      rows.map((r) => ({ product: r.product, label: r.label, identifiers: r.identifiers })),
    );
    const cycles = rows.flatMap((r) =>
      r.cycles.map((c, position) => ({ product: r.product, position, ...c })),
    );
    await insertBatched(trx, 'eol_cycles', cycles);
    await retireActive(trx, meta);
    await recordImport(trx, meta, rows.length, 'active', null);
  });
}

/** Notes a licence feed update or import of one ecosystem: it becomes the active row. */
export async function recordLicenceFeed(store: Store, meta: FeedImportMeta, records: number): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await retireActive(trx, meta);
    await recordImport(trx, meta, records, 'active', null);
  });
}

/** Notes an import that failed; the active feed is untouched. */
export async function recordFailedImport(store: Store, meta: FeedImportMeta, message: string): Promise<void> {
  await recordImport(store.db, meta, 0, 'failed', message);
}

/** Feed imports, newest first; only the active ones unless `all`. */
export async function listFeedImports(store: Store, all = false): Promise<FeedImportRow[]> {
  let q = store.db.selectFrom('feed_imports').selectAll();
  if (!all) q = q.where('status', '=', 'active');
  const rows = await q.orderBy('feed').orderBy('ecosystem').orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    feed: r.feed,
    ecosystem: r.ecosystem,
    source: r.source,
    sha256: r.sha256,
    records: r.records,
    problems: r.problems,
    importedAt: r.imported_at,
    status: r.status,
    message: r.message,
  }));
}

/** The active import of one feed (and ecosystem), or null. */
export async function activeImport(
  store: Store,
  feed: string,
  ecosystem: string,
): Promise<FeedImportRow | null> {
  const rows = await listFeedImports(store);
  return rows.find((r) => r.feed === feed && r.ecosystem === ecosystem) ?? null;
}
