// Registries that answer one JSON document per package version: npm, PyPI, crates.io, RubyGems.
import type { PackageKey } from '../../store/licence-cache.ts';
import { type Http, jsonOf } from './http.ts';
import { pypiLicence } from './pypi.ts';
import { alternativesOf, found, type LookupResult, type Registry } from './types.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** GETs one JSON document and reads the licence from it. */
async function lookupJson(
  http: Http,
  url: string,
  read: (doc: Json) => string | null,
): Promise<LookupResult> {
  const r = await http.get(url);
  if (r.kind === 'not-found') return { status: 'not-found', licence: null, source: url };
  if (r.kind === 'failed') return { status: 'failed', reason: r.reason, source: url };
  const doc = jsonOf(r.body);
  if (!isObject(doc)) return { status: 'failed', reason: 'the answer is not a JSON object', source: url };
  return found(read(doc), url);
}

/** npm's `license` (a string, or the old `{ type }`), or the older `licenses` array. */
function npmLicence(doc: Json): string | null {
  const one = (v: unknown) => str(v) ?? (isObject(v) ? str(v.type) : null);
  const direct = one(doc.license);
  if (direct) return direct;
  if (Array.isArray(doc.licenses)) return alternativesOf(doc.licenses.map(one).filter((v) => v !== null));
  return null;
}

/** npm package names in a registry path: `@scope%2fname`. */
const npmPath = (name: string) => encodeURIComponent(name).replace(/^%40/, '@');

export const npmRegistry: Registry = {
  ecosystem: 'npm',
  env: 'CTO_NPM_REGISTRY_URL',
  defaultUrl: 'https://registry.npmjs.org',
  lookup: (p: PackageKey, base: string, http: Http) =>
    lookupJson(http, `${base}/${npmPath(p.name)}/${encodeURIComponent(p.version)}`, npmLicence),
};

export const pypiRegistry: Registry = {
  ecosystem: 'PyPI',
  env: 'CTO_PYPI_URL',
  defaultUrl: 'https://pypi.org',
  lookup: (p, base, http) =>
    lookupJson(
      http,
      `${base}/pypi/${encodeURIComponent(p.name)}/${encodeURIComponent(p.version)}/json`,
      (doc) => (isObject(doc.info) ? pypiLicence(doc.info) : null),
    ),
};

/** crates.io `license`: an SPDX expression, in old crates with `/` for OR (`MIT/Apache-2.0`). */
function crateLicence(doc: Json): string | null {
  const text = isObject(doc.version) ? str(doc.version.license) : null;
  return text === null ? null : text.replace(/\s*\/\s*/g, ' OR ');
}

export const cratesRegistry: Registry = {
  ecosystem: 'crates.io',
  env: 'CTO_CRATES_URL',
  defaultUrl: 'https://crates.io',
  // crates.io's crawler policy: at most one request a second.
  perSecond: 1,
  lookup: (p, base, http) =>
    lookupJson(
      http,
      `${base}/api/v1/crates/${encodeURIComponent(p.name)}/${encodeURIComponent(p.version)}`,
      crateLicence,
    ),
};

/** RubyGems `licenses`: one name, or several as alternatives. */
function gemLicence(doc: Json): string | null {
  return Array.isArray(doc.licenses)
    ? alternativesOf(doc.licenses.map(str).filter((v) => v !== null))
    : str(doc.licenses);
}

export const rubygemsRegistry: Registry = {
  ecosystem: 'RubyGems',
  env: 'CTO_RUBYGEMS_URL',
  defaultUrl: 'https://rubygems.org',
  lookup: (p, base, http) =>
    lookupJson(
      http,
      `${base}/api/v2/rubygems/${encodeURIComponent(p.name)}/versions/${encodeURIComponent(p.version)}.json`,
      gemLicence,
    ),
};
