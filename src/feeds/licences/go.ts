// Go: the module proxy has no licence field, so the licence is read from the module's own LICENSE
// file: `<proxy>/<module>/@v/<version>.zip`, only its top-level LICENSE/LICENCE/COPYING files (each
// read up to 1 MB), identified by licence-text.ts. Several files must agree; a text that is not
// recognised leaves the version without a licence (`none`).
import { unzipSync } from 'fflate';
import type { PackageKey } from '../../store/licence-cache.ts';
import type { Http } from './http.ts';
import { identifyLicenceText } from './licence-text.ts';
import type { LookupResult, Registry } from './types.ts';

const MAX_LICENCE_BYTES = 1024 * 1024;
const LICENCE_FILE = /^(licen[cs]e|copying)([-._][\w.-]*)?$/i;

/** The proxy's case encoding: each upper-case letter becomes `!` and its lower case. */
function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** Top-level licence files of a module zip, by file name. */
function licenceFiles(zip: Uint8Array, module: string, version: string): Map<string, string> {
  const root = `${module}@${version}/`;
  const files = unzipSync(zip, {
    filter: (f) =>
      f.name.startsWith(root) &&
      !f.name.slice(root.length).includes('/') &&
      LICENCE_FILE.test(f.name.slice(root.length)) &&
      f.originalSize <= MAX_LICENCE_BYTES,
  });
  return new Map(
    Object.entries(files).map(([name, bytes]) => [
      name.slice(root.length),
      Buffer.from(bytes).toString('utf8'),
    ]),
  );
}

export const goRegistry: Registry = {
  ecosystem: 'Go',
  env: 'CTO_GOPROXY_URL',
  defaultUrl: 'https://proxy.golang.org',
  async lookup(p: PackageKey, base: string, http: Http): Promise<LookupResult> {
    const url = `${base}/${escapeModulePath(p.name)}/@v/${escapeModulePath(p.version)}.zip`;
    const r = await http.get(url, 'application/zip');
    if (r.kind === 'not-found') return { status: 'not-found', licence: null, source: url };
    if (r.kind === 'failed') return { status: 'failed', reason: r.reason, source: url };
    let files: Map<string, string>;
    try {
      files = licenceFiles(r.body, p.name, p.version);
    } catch (e) {
      return { status: 'failed', reason: `not a readable zip: ${(e as Error).message}`, source: url };
    }
    const ids = new Set([...files.values()].map(identifyLicenceText));
    const [only] = ids;
    if (ids.size !== 1 || !only) return { status: 'none', licence: null, source: url };
    const names = [...files.keys()].sort().join(', ');
    return { status: 'found', licence: only, source: `${url}#${names}` };
  },
};
