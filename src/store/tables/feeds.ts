// Loaded feeds: OSV advisories, endoflife.date products and cycles, feed imports, the licence cache.
import type { Generated } from 'kysely';

/** One OSV record as loaded for one ecosystem's feed (affected entries of other ecosystems left out). */
export interface AdvisoriesTable {
  ecosystem: string;
  id: string;
  modified: string;
  withdrawn: string | null;
  summary: string | null;
  severity_score: number | null;
  severity_level: string;
  /** JSON array of the record's aliases. */
  aliases: string;
  /** JSON of the plain record (src/feeds/osv/record.ts). */
  record: string;
}

/** Which advisories name a package: (ecosystem, normalised package name) -> advisory id. */
export interface AdvisoryPackagesTable {
  ecosystem: string;
  package: string;
  advisory_id: string;
}

export interface EolProductsTable {
  product: string;
  label: string;
  /** JSON array of `{ type, id }` (purl, cpe, repology). */
  identifiers: string;
}

/** A release cycle; phases are a `YYYY-MM-DD` date, `true`, `false` or null. */
export interface EolCyclesTable {
  product: string;
  cycle_name: string;
  position: number;
  release_date: string | null;
  lts: string | null;
  eoas: string | null;
  eol: string | null;
  eoes: string | null;
  latest: string | null;
}

export type FeedImportStatus = 'active' | 'replaced' | 'failed';

export interface FeedImportsTable {
  id: Generated<number>;
  /** `osv` or `endoflife`. */
  feed: string;
  /** OSV ecosystem; '' for endoflife. */
  ecosystem: string;
  source: string;
  sha256: string | null;
  records: number;
  problems: number;
  imported_at: string;
  imported_ts: number;
  status: FeedImportStatus;
  message: string | null;
}

/** What the files or a registry say a licence is, for one package version. */
export type LicenceStatus = 'found' | 'none' | 'not-found';

/**
 * The licence feed's cache: one row per (ecosystem, name, version) looked up in a registry.
 * `found`: the registry states a licence (`licence`, as stated, not normalised); `none`: it states
 * none; `not-found`: the registry does not know the version (HTTP 404).
 */
export interface LicenceCacheTable {
  ecosystem: string;
  name: string;
  version: string;
  licence: string | null;
  status: LicenceStatus;
  /** Where it was read: the URL of the registry document (or the file it was imported from). */
  source: string;
  fetched_at: string;
}
