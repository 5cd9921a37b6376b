// package-lock v2/v3 (and npm-shrinkwrap): the flat `packages` map keyed by install path.
import { redactUrl } from '../redact-url.ts';
import type { Dependency, DependencyScope } from '../types.ts';
import { PackageEntry } from './schema.ts';

const MARK = 'node_modules/';

function nameFromKey(key: string): string {
  return key.slice(key.lastIndexOf(MARK) + MARK.length);
}

/** Parent install path of a path: `a/node_modules/b/node_modules/c` -> `a/node_modules/b`. */
function parentPath(key: string): string {
  const at = key.lastIndexOf(MARK);
  return at <= 0 ? '' : key.slice(0, at - 1);
}

function scopeOf(entry: PackageEntry): DependencyScope {
  if (entry.dev || entry.devOptional) return 'dev';
  if (entry.optional) return 'optional';
  if (entry.peer) return 'peer';
  return 'prod';
}

function licenseText(license: unknown): string | null {
  if (typeof license === 'string') return license;
  if (license && typeof license === 'object' && typeof (license as { type?: unknown }).type === 'string') {
    return (license as { type: string }).type;
  }
  return null;
}

export function registrySource(resolved: unknown): string | null {
  if (typeof resolved !== 'string' || !resolved || resolved.startsWith('https://registry.npmjs.org/'))
    return null;
  return redactUrl(resolved);
}

const depNames = (e: PackageEntry) =>
  Object.keys({ ...e.dependencies, ...e.optionalDependencies, ...e.peerDependencies });

export function extractPackages(path: string, raw: Record<string, unknown>): Dependency[] {
  const entries = new Map<string, PackageEntry>();
  for (const [key, value] of Object.entries(raw)) entries.set(key, PackageEntry.parse(value ?? {}));

  // Project manifests: the root ('') and workspace folders (keys outside node_modules).
  const directNames = new Set<string>();
  for (const [key, entry] of entries) {
    if (key.includes(MARK)) continue;
    for (const name of [...depNames(entry), ...Object.keys(entry.devDependencies ?? {})])
      directNames.add(name);
  }

  // Parents: resolve each entry's dependency names the way node does, nearest node_modules first.
  const parents = new Map<string, Set<string>>();
  for (const [key, entry] of entries) {
    if (!key.includes(MARK) || entry.link) continue;
    for (const dep of depNames(entry)) {
      for (let base = key; ; base = parentPath(base)) {
        const candidate = base ? `${base}/${MARK}${dep}` : `${MARK}${dep}`;
        if (entries.has(candidate)) {
          if (!parents.has(candidate)) parents.set(candidate, new Set());
          parents.get(candidate)!.add(entry.name ?? nameFromKey(key));
          break;
        }
        if (!base) break;
      }
    }
  }

  const deps: Dependency[] = [];
  for (const [key, entry] of entries) {
    if (!key.includes(MARK) || entry.link) continue;
    const name = entry.name ?? nameFromKey(key);
    const topLevel = parentPath(key) === '' || !parentPath(key).includes(MARK);
    deps.push({
      ecosystem: 'npm',
      name,
      version: entry.version ?? null,
      direct: topLevel && directNames.has(name),
      scope: scopeOf(entry),
      manifestPath: path,
      license: licenseText(entry.license),
      parents: [...(parents.get(key) ?? [])].sort(),
      source: registrySource(entry.resolved),
    });
  }
  return deps;
}
