// composer.lock: `packages` (prod) and `packages-dev` (dev) with licence arrays; parents from each
// package's `require`. Direct = required by the composer.json beside it, when there is one.
import { redactUrl } from '../redact-url.ts';
import type { Dependency, Diagnostic } from '../types.ts';
import { ComposerLock, ComposerPackage } from './schema.ts';

export const COLLECTOR_ID = 'composer-lock';
const PACKAGIST = /^https:\/\/packagist\.org\//;

function sourceOf(p: ComposerPackage): string | null {
  if (p.dist?.type === 'path') return p.dist.url ? `path:${p.dist.url}` : 'path';
  const url = p.dist?.url ?? p.source?.url;
  if (!url || p['notification-url'] === undefined || PACKAGIST.test(p['notification-url'])) return null;
  return redactUrl(url);
}

export function extractComposerLock(path: string, json: unknown, direct: Set<string>) {
  const lock = ComposerLock.parse(json);
  const diagnostics: Diagnostic[] = [];
  const found: Array<[ComposerPackage, 'prod' | 'dev']> = [];
  for (const [list, scope] of [
    [lock.packages ?? [], 'prod'],
    [lock['packages-dev'] ?? [], 'dev'],
  ] as const) {
    for (const raw of list) {
      const parsed = ComposerPackage.safeParse(raw);
      if (parsed.success) found.push([parsed.data, scope]);
      else {
        const message = 'a package entry has no name or version';
        diagnostics.push({
          path,
          collector: COLLECTOR_ID,
          code: 'parse-error',
          message,
          severity: 'warning',
        });
      }
    }
  }
  const parents = new Map<string, string[]>();
  for (const [p] of found) {
    for (const child of Object.keys(p.require ?? {}))
      parents.set(child.toLowerCase(), [...(parents.get(child.toLowerCase()) ?? []), p.name]);
  }
  const dependencies: Dependency[] = found.map(([p, scope]) => ({
    ecosystem: 'Packagist',
    name: p.name,
    version: p.version,
    direct: direct.has(p.name.toLowerCase()),
    scope,
    manifestPath: path,
    license: Array.isArray(p.license) ? p.license.join(' OR ') || null : (p.license ?? null),
    parents: (parents.get(p.name.toLowerCase()) ?? []).sort(),
    source: sourceOf(p),
  }));
  return { dependencies, diagnostics };
}
