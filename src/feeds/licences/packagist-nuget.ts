// Registries that answer per package, not per version: Packagist's `p2` metadata (every version of a
// package, minified) and NuGet's registration leaf, which points to the catalog entry.
import type { PackageKey } from '../../store/licence-cache.ts';
import { type Http, jsonOf } from './http.ts';
import { alternativesOf, found, type LookupResult, type Registry } from './types.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

async function getJson(http: Http, url: string): Promise<{ doc: Json } | LookupResult> {
  const r = await http.get(url);
  if (r.kind === 'not-found') return { status: 'not-found', licence: null, source: url };
  if (r.kind === 'failed') return { status: 'failed', reason: r.reason, source: url };
  const doc = jsonOf(r.body);
  return isObject(doc)
    ? { doc }
    : { status: 'failed', reason: 'the answer is not a JSON object', source: url };
}

/**
 * Composer 2 metadata is minified: each version lists only what changed from the one before it,
 * and `"__unset"` removes a field. Expanded here in order, as composer/metadata-minifier does.
 */
function expandMinified(versions: readonly unknown[]): Json[] {
  const out: Json[] = [];
  let previous: Json = {};
  for (const v of versions) {
    if (!isObject(v)) continue;
    const next: Json = { ...previous };
    for (const [k, value] of Object.entries(v)) {
      if (value === '__unset') delete next[k];
      else next[k] = value;
    }
    out.push(next);
    previous = next;
  }
  return out;
}

const bare = (v: string) => v.replace(/^v(?=\d)/i, '');

/** The licence Packagist states for one version (`license`: alternatives, as Composer reads them). */
function packagistLicence(doc: Json, name: string, version: string): string | null | undefined {
  const packages = isObject(doc.packages) ? doc.packages[name] : undefined;
  if (!Array.isArray(packages)) return undefined;
  const all = doc.minified === 'composer/2.0' ? expandMinified(packages) : packages.filter(isObject);
  const hit = all.find((v) => {
    const stated = str(v.version);
    return stated !== null && (stated === version || bare(stated) === bare(version));
  });
  if (!hit) return undefined;
  const licence = hit.license;
  return Array.isArray(licence) ? alternativesOf(licence.map(str).filter((v) => v !== null)) : str(licence);
}

export const packagistRegistry: Registry = {
  ecosystem: 'Packagist',
  env: 'CTO_PACKAGIST_URL',
  defaultUrl: 'https://repo.packagist.org',
  async lookup(p: PackageKey, base: string, http: Http) {
    const name = p.name.toLowerCase();
    const url = `${base}/p2/${name.split('/').map(encodeURIComponent).join('/')}.json`;
    const got = await getJson(http, url);
    if (!('doc' in got)) return got;
    const licence = packagistLicence(got.doc, name, p.version);
    if (licence === undefined) return { status: 'not-found', licence: null, source: url };
    return found(licence, url);
  },
};

/** A catalog entry's licence: `licenseExpression`, or an expression URL on licenses.nuget.org. */
function nugetLicence(entry: Json): string | null {
  const expression = str(entry.licenseExpression);
  if (expression) return expression;
  const url = str(entry.licenseUrl);
  if (!url) return null;
  const m = /^https?:\/\/licenses\.nuget\.org\/(.+)$/i.exec(url);
  if (m) return decodeURIComponent(m[1] as string).trim();
  // A link to a licence file: kept as the statement, read as unknown.
  return `SEE LICENSE IN ${url}`;
}

export const nugetRegistry: Registry = {
  ecosystem: 'NuGet',
  env: 'CTO_NUGET_URL',
  defaultUrl: 'https://api.nuget.org/v3/registration5-gz-semver2',
  async lookup(p, base, http) {
    const url = `${base}/${encodeURIComponent(p.name.toLowerCase())}/${encodeURIComponent(p.version.toLowerCase())}.json`;
    const leaf = await getJson(http, url);
    if (!('doc' in leaf)) return leaf;
    const entry = leaf.doc.catalogEntry;
    if (isObject(entry)) return found(nugetLicence(entry), url);
    const entryUrl = str(entry);
    if (!entryUrl) return found(null, url);
    const item = await getJson(http, entryUrl);
    if (!('doc' in item)) return item.status === 'not-found' ? found(null, url) : item;
    return found(nugetLicence(item.doc), entryUrl);
  },
};
