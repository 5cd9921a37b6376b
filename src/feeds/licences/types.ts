// What a registry answers about one package version's licence, and the shape of a registry module.
import type { PackageKey } from '../../store/licence-cache.ts';
import type { LicenceStatus } from '../../store/schema.ts';
import type { Http } from './http.ts';

/** A stored answer: the licence as stated (not normalised) and the document it was read from. */
export interface Lookup {
  status: LicenceStatus;
  licence: string | null;
  source: string;
}

/** A lookup that did not get an answer (timeout, rate limit, host down): nothing is stored. */
export interface LookupFailure {
  status: 'failed';
  reason: string;
  source: string;
}

export type LookupResult = Lookup | LookupFailure;

export interface Registry {
  ecosystem: string;
  /** Environment variable that replaces `defaultUrl` (a mirror, or a test server). */
  env: string;
  defaultUrl: string;
  /** Requests per second this registry asks of crawlers, when lower than the default. */
  perSecond?: number;
  lookup(pkg: PackageKey, base: string, http: Http): Promise<LookupResult>;
}

/** A licence statement from a list of names: one name as is, several as alternatives (`A OR B`). */
export function alternativesOf(names: readonly string[]): string | null {
  const clean = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
  if (clean.length === 0) return null;
  if (clean.length === 1) return clean[0] as string;
  return clean.map((n) => (/\s(or|and|with)\s/i.test(n) ? `(${n})` : n)).join(' OR ');
}

export function found(licence: string | null, source: string): Lookup {
  return licence === null ? { status: 'none', licence: null, source } : { status: 'found', licence, source };
}
