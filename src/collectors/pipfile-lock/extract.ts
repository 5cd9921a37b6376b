// Pipfile.lock in, pinned packages out: `default` is production, `develop` development. The
// lockfile does not say which packages were asked for: the Pipfile beside it does.

import { normalisePypiName, pinnedVersion } from '../pep508.ts';
import { asObject, type FileFacts, readJson, readToml } from '../read-input.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, Runtime } from '../types.ts';

export const COLLECTOR_ID = 'pipfile-lock';

/** Names in the Pipfile's `[packages]` and `[dev-packages]`, or null without a readable Pipfile. */
export function pipfileNames(text: string): Set<string> | null {
  try {
    const doc = asObject(readToml(text), 'Pipfile');
    const names = [doc.packages, doc['dev-packages']].flatMap((t) =>
      t && typeof t === 'object' ? Object.keys(t) : [],
    );
    return new Set(names.map(normalisePypiName));
  } catch {
    return null;
  }
}

function sourceOf(entry: Record<string, unknown>): string | null {
  if (typeof entry.git === 'string')
    return redactUrl(entry.git) + (typeof entry.ref === 'string' ? `@${entry.ref}` : '');
  if (typeof entry.file === 'string') return redactUrl(entry.file);
  if (typeof entry.path === 'string') return entry.path;
  return null;
}

export function extractPipfileLock(path: string, text: string, declared: Set<string> | null): FileFacts {
  const lock = asObject(readJson(text), 'Pipfile.lock');
  const dependencies: Dependency[] = [];
  for (const [section, scope] of [
    ['default', 'prod'],
    ['develop', 'dev'],
  ] as const) {
    const entries = lock[section];
    if (!entries || typeof entries !== 'object') continue;
    for (const [rawName, value] of Object.entries(entries)) {
      const entry = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      const requirement = typeof entry.version === 'string' ? entry.version : null;
      const name = normalisePypiName(rawName);
      dependencies.push({
        ecosystem: 'PyPI',
        name,
        version: pinnedVersion(requirement),
        requirement,
        direct: declared?.has(name) ?? false,
        scope,
        manifestPath: path,
        source: sourceOf(entry),
      });
    }
  }
  const runtimes: Runtime[] = [];
  const requires = (lock._meta as { requires?: Record<string, unknown> } | undefined)?.requires;
  for (const key of ['python_full_version', 'python_version']) {
    const version = requires?.[key];
    if (typeof version === 'string') {
      runtimes.push({ kind: 'python', version, path, source: `_meta.requires.${key}`, role: 'pin' });
      break;
    }
  }
  return { dependencies, runtimes };
}
