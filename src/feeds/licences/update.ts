// `cto feed update --licences`: looks up, in each ecosystem's public registry, the licence of every
// package version the current snapshots depend on whose files state none, and caches the answers
// (table licence_cache). Versions already cached are not asked again (unless `refresh`), so a second
// run, or a run without network, works from the cache. Answers are saved in batches as they come,
// so an interrupted run keeps what it got; failed lookups (timeout, rate limit, host down) are
// counted and not cached.

import { recordLicenceFeed } from '../../store/feeds.ts';
import {
  type CachedLicence,
  cachedKeys,
  cacheKey,
  countCached,
  type PackageKey,
  saveLicences,
  unlicensedPackages,
} from '../../store/licence-cache.ts';
import type { Store } from '../../store/store.ts';
import { goRegistry } from './go.ts';
import { DEFAULT_LIMITS, Http, type HttpLimits } from './http.ts';
import { cratesRegistry, npmRegistry, pypiRegistry, rubygemsRegistry } from './json-registries.ts';
import { mavenRegistry } from './maven.ts';
import { nugetRegistry, packagistRegistry } from './packagist-nuget.ts';
import type { LookupResult, Registry } from './types.ts';

const REGISTRIES: readonly Registry[] = [
  npmRegistry,
  pypiRegistry,
  cratesRegistry,
  rubygemsRegistry,
  packagistRegistry,
  nugetRegistry,
  mavenRegistry,
  goRegistry,
];

/** Each ecosystem's registry base URL: its environment variable, else the public registry. */
function registryUrls(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    REGISTRIES.map((r) => [r.ecosystem, (env[r.env] || r.defaultUrl).replace(/\/+$/, '')]),
  );
}

interface LicenceUpdateOptions {
  /** Only these ecosystems (default: every ecosystem the current snapshots use). */
  ecosystems?: string[];
  /** Ask again for versions already cached. */
  refresh?: boolean;
  limits?: Partial<HttpLimits>;
  urls?: Record<string, string>;
  progress?: (done: number, total: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface LicenceUpdateSummary {
  ecosystem: string;
  registry: string;
  /** Package versions whose files state no licence. */
  packages: number;
  /** Of those, already cached and not asked again. */
  cached: number;
  found: number;
  none: number;
  notFound: number;
  failed: number;
  /** Up to three distinct reasons for failed lookups. */
  failures: string[];
  /** Rows cached for the ecosystem after the update. */
  records: number;
}

const BATCH = 200;

export async function updateLicences(
  store: Store,
  opts: LicenceUpdateOptions = {},
): Promise<LicenceUpdateSummary[]> {
  const urls = { ...registryUrls(), ...opts.urls };
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const known = new Map(REGISTRIES.map((r) => [r.ecosystem, r]));
  const wanted = (await unlicensedPackages(store, opts.ecosystems)).filter((p) => known.has(p.ecosystem));
  const cached = opts.refresh ? new Set<string>() : await cachedKeys(store, wanted);
  const todo = wanted.filter((p) => !cached.has(cacheKey(p)));
  const hostRates = Object.fromEntries(
    REGISTRIES.filter((r) => r.perSecond !== undefined).map((r) => [
      new URL(urls[r.ecosystem] as string).host,
      r.perSecond as number,
    ]),
  );
  const http = new Http(limits, opts.sleep, hostRates);
  const results = await runPool(
    todo,
    limits.concurrency,
    async (p) => {
      const registry = known.get(p.ecosystem) as Registry;
      return registry.lookup(p, urls[p.ecosystem] as string, http);
    },
    store,
    opts.progress,
  );
  const summaries: LicenceUpdateSummary[] = [];
  for (const ecosystem of [...new Set(wanted.map((p) => p.ecosystem))].sort()) {
    const mine = (l: readonly PackageKey[]) => l.filter((p) => p.ecosystem === ecosystem);
    const answers = mine(todo).map((p) => results.get(cacheKey(p)) as LookupResult);
    const count = (s: LookupResult['status']) => answers.filter((a) => a.status === s).length;
    const records = await countCached(store, ecosystem);
    const registry = urls[ecosystem] as string;
    summaries.push({
      ecosystem,
      registry,
      packages: mine(wanted).length,
      cached: mine(wanted).length - answers.length,
      found: count('found'),
      none: count('none'),
      notFound: count('not-found'),
      failed: count('failed'),
      failures: [...new Set(answers.flatMap((a) => (a.status === 'failed' ? [a.reason] : [])))].slice(0, 3),
      records,
    });
    if (answers.length > count('failed'))
      await recordLicenceFeed(
        store,
        { feed: 'licences', ecosystem, source: registry, sha256: null, problems: count('failed') },
        records,
      );
  }
  return summaries;
}

/** Runs lookups with at most `workers` at once, saving answers in batches as they arrive. */
async function runPool(
  items: readonly PackageKey[],
  workers: number,
  lookup: (p: PackageKey) => Promise<LookupResult>,
  store: Store,
  progress?: (done: number, total: number) => void,
): Promise<Map<string, LookupResult>> {
  const results = new Map<string, LookupResult>();
  let pending: CachedLicence[] = [];
  let next = 0;
  let done = 0;
  const flush = async () => {
    const batch = pending;
    pending = [];
    await saveLicences(store, batch);
  };
  const worker = async () => {
    while (next < items.length) {
      const p = items[next++] as PackageKey;
      const r = await lookup(p);
      results.set(cacheKey(p), r);
      if (r.status !== 'failed')
        pending.push({ ...p, licence: r.licence, status: r.status, source: r.source });
      if (pending.length >= BATCH) await flush();
      progress?.(++done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker));
  await flush();
  return results;
}
