// `cto feed import <path>`: tells what a path holds and loads it. An OSV all.zip (its folder name is
// the ecosystem), a folder of OSV JSON, a folder of `<Ecosystem>/all.zip`, an endoflife.date
// products.json, an API v1 document (one product or `products/full`), a folder of API documents, or
// a licence cache file (JSON lines, see licences/file.ts).
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CtoError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { loadApiProduct, loadProductsJson } from './endoflife/load.ts';
import type { EolProduct } from './endoflife/model.ts';
import { type ImportSummary, readOsvOrFail, sha256, storeEolProducts, storeOsvImport } from './import.ts';
import { importLicenceFile, looksLikeLicenceLines } from './licences/file.ts';
import { importOsvFolder, importOsvZipBytes, OsvFeedError } from './osv/import.ts';

type FeedInputKind = 'osv-zip' | 'osv-folder' | 'osv-tree' | 'eol-json' | 'eol-folder' | 'licence-lines';

const isZip = (file: string): boolean => {
  const head = readFileSync(file).subarray(0, 4);
  return file.endsWith('.zip') || (head[0] === 0x50 && head[1] === 0x4b);
};

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CtoError('FEED_INVALID', `${file} is not JSON: ${(e as Error).message}`);
  }
}

/** The first 64 KB of a file, as text. */
function fileHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const looksOsv = (j: unknown): boolean => typeof j === 'object' && j !== null && 'id' in j && 'modified' in j;

export function detectFeedInput(path: string): FeedInputKind {
  if (!existsSync(path)) throw new CtoError('PATH_NOT_FOUND', `${path} does not exist`);
  if (statSync(path).isFile()) {
    if (isZip(path)) return 'osv-zip';
    return looksLikeLicenceLines(fileHead(path)) ? 'licence-lines' : 'eol-json';
  }
  const entries = readdirSync(path, { withFileTypes: true });
  if (entries.some((e) => e.isDirectory() && existsSync(join(path, e.name, 'all.zip')))) return 'osv-tree';
  if (entries.some((e) => e.name === 'products.json')) return 'eol-json';
  const first = readdirSync(path, { recursive: true })
    .map(String)
    .filter((n) => n.endsWith('.json'))
    .sort()[0];
  if (!first) throw new CtoError('FEED_INVALID', `${path} holds no OSV or endoflife.date JSON file`);
  return looksOsv(readJson(join(path, first))) ? 'osv-folder' : 'eol-folder';
}

/** Products from one endoflife.date JSON document of any published shape. */
export function eolProductsFrom(json: unknown, file: string): { products: EolProduct[]; skipped: string[] } {
  const result =
    typeof json === 'object' && json !== null ? (json as { result?: unknown }).result : undefined;
  try {
    if (Array.isArray(result))
      return { products: result.map((r) => loadApiProduct({ result: r })), skipped: [] };
    if (result !== undefined) return { products: [loadApiProduct(json)], skipped: [] };
    return loadProductsJson(json);
  } catch (e) {
    throw new CtoError(
      'FEED_INVALID',
      `${file} is not endoflife.date data: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

async function importEolFile(store: Store, file: string): Promise<ImportSummary> {
  const bytes = readFileSync(file);
  const { products, skipped } = eolProductsFrom(readJson(file), file);
  return storeEolProducts(store, products, { source: file, sha256: sha256(bytes), problems: skipped.length });
}

async function importEolFolder(store: Store, dir: string): Promise<ImportSummary> {
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort();
  const products = files.flatMap((n) => eolProductsFrom(readJson(join(dir, n)), join(dir, n)).products);
  return storeEolProducts(store, products, { source: dir, sha256: null, problems: 0 });
}

async function importZip(store: Store, file: string, ecosystem: string | null): Promise<ImportSummary> {
  const hint = ecosystem ?? basename(dirname(resolve(file)));
  let bytes: Uint8Array = new Uint8Array();
  const feed = await readOsvOrFail(store, hint, file, () => {
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new OsvFeedError(file, (e as Error).message, { cause: e });
    }
    return importOsvZipBytes(file, bytes);
  });
  return storeOsvImport(store, feed, { ecosystem: hint, sha256: sha256(bytes) });
}

interface ImportOptions {
  /** OSV ecosystem, when the folder name does not say it. */
  ecosystem?: string;
  onImported?: (s: ImportSummary) => void;
}

export async function importFeedPath(
  store: Store,
  path: string,
  opts: ImportOptions = {},
): Promise<ImportSummary[]> {
  const kind = detectFeedInput(path);
  const done: ImportSummary[] = [];
  const add = (s: ImportSummary) => {
    done.push(s);
    opts.onImported?.(s);
  };
  if (kind === 'licence-lines') for (const s of await importLicenceFile(store, path)) add(s);
  else if (kind === 'osv-zip') add(await importZip(store, path, opts.ecosystem ?? null));
  else if (kind === 'osv-tree') {
    const dirs = readdirSync(path)
      .filter((d) => existsSync(join(path, d, 'all.zip')))
      .sort();
    for (const d of dirs) add(await importZip(store, join(path, d, 'all.zip'), d));
  } else if (kind === 'osv-folder') {
    const hint = opts.ecosystem ?? basename(resolve(path));
    const feed = await readOsvOrFail(store, hint, path, () => importOsvFolder(path));
    add(await storeOsvImport(store, feed, { ecosystem: hint, sha256: null }));
  } else if (kind === 'eol-json') {
    const file = statSync(path).isFile() ? path : join(path, 'products.json');
    add(await importEolFile(store, file));
  } else add(await importEolFolder(store, path));
  return done;
}
