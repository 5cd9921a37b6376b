// `cto feed update`: downloads OSV all.zip files and endoflife.date's product data, then imports them
// through the same code as `cto feed import`. Base URLs come from CTO_OSV_URL and CTO_EOL_URL so a
// mirror (or a test server) can stand in. A host that cannot be reached is one line; nothing changes.
import { ECOSYSTEMS } from '../collectors/types.ts';
import { CtoError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { type ImportSummary, readOsvOrFail, sha256, storeEolProducts, storeOsvImport } from './import.ts';
import { eolProductsFrom } from './import-path.ts';
import { importOsvZipBytes } from './osv/import.ts';

/** The ecosystems OSV publishes archives for: every ecosystem cto reads. */
export const OSV_ECOSYSTEMS: string[] = [...ECOSYSTEMS];
export const DEFAULT_OSV_URL = 'https://osv-vulnerabilities.storage.googleapis.com';
export const DEFAULT_EOL_URL = 'https://endoflife.date/api/v1';

interface FeedUrls {
  osv: string;
  eol: string;
}

export function feedUrls(env: NodeJS.ProcessEnv = process.env): FeedUrls {
  const trim = (u: string) => u.replace(/\/+$/, '');
  return { osv: trim(env.CTO_OSV_URL || DEFAULT_OSV_URL), eol: trim(env.CTO_EOL_URL || DEFAULT_EOL_URL) };
}

type DownloadProgress = (label: string, received: number, total: number | null) => void;

function unreachable(url: string, e: unknown): CtoError {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (e as Error).message;
  return new CtoError(
    'FEED_DOWNLOAD',
    `cannot reach ${new URL(url).host} (${why}); nothing was changed, the loaded feeds stay active`,
    { cause: e },
  );
}

/** GETs a URL into memory, reporting progress as bytes arrive. */
async function download(url: string, label: string, progress?: DownloadProgress): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { 'user-agent': 'cto feed update' } });
  } catch (e) {
    throw unreachable(url, e);
  }
  if (!res.ok || !res.body)
    throw new CtoError('FEED_DOWNLOAD', `${url} answered HTTP ${res.status}; nothing was changed`);
  const total = Number(res.headers.get('content-length')) || null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of res.body) {
      chunks.push(chunk);
      received += chunk.length;
      progress?.(label, received, total);
    }
  } catch (e) {
    throw unreachable(url, e);
  }
  return Buffer.concat(chunks);
}

interface UpdateOptions {
  ecosystems: string[];
  osv: boolean;
  eol: boolean;
  urls: FeedUrls;
  progress?: DownloadProgress;
  onImported?: (s: ImportSummary) => void;
}

async function updateOsv(store: Store, ecosystem: string, opts: UpdateOptions): Promise<ImportSummary> {
  const url = `${opts.urls.osv}/${encodeURIComponent(ecosystem)}/all.zip`;
  const bytes = await download(url, `${ecosystem}/all.zip`, opts.progress);
  const feed = await readOsvOrFail(store, ecosystem, url, () => importOsvZipBytes(url, bytes));
  return storeOsvImport(store, feed, { ecosystem, sha256: sha256(bytes), source: url });
}

async function updateEol(store: Store, opts: UpdateOptions): Promise<ImportSummary> {
  const url = `${opts.urls.eol}/products/full`;
  const bytes = await download(url, 'endoflife.date products', opts.progress);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw new CtoError(
      'FEED_INVALID',
      `${url} did not answer JSON: ${(e as Error).message}; nothing was changed`,
    );
  }
  const { products, skipped } = eolProductsFrom(json, url);
  return storeEolProducts(store, products, { source: url, sha256: sha256(bytes), problems: skipped.length });
}

/** Downloads and imports each feed in turn; each import is atomic, a failure stops the rest. */
export async function updateFeeds(store: Store, opts: UpdateOptions): Promise<ImportSummary[]> {
  const done: ImportSummary[] = [];
  const add = (s: ImportSummary) => {
    done.push(s);
    opts.onImported?.(s);
  };
  if (opts.osv) for (const e of opts.ecosystems) add(await updateOsv(store, e, opts));
  if (opts.eol) add(await updateEol(store, opts));
  return done;
}
