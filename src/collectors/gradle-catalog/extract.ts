// Gradle version catalog (gradle/libs.versions.toml): [versions], [libraries] in their three
// spellings with `version.ref` and rich versions, [bundles] checked against [libraries], and
// [plugins] as their plugin marker artifacts (scope build).
import { parse } from 'smol-toml';
import type { Dependency, DependencyScope, Diagnostic } from '../types.ts';
import { Catalog, Library, Plugin, RichVersion } from './schema.ts';

export const COLLECTOR_ID = 'gradle-catalog';

type Versions = Record<string, unknown>;

/** The requirement as Gradle reads it: strictly, then require, then prefer; `ref` looked up. */
function requirement(value: RichVersion | undefined, versions: Versions, depth = 0): string | null {
  if (value === undefined || depth > 4) return null;
  if (typeof value === 'string') return value;
  if (value.ref !== undefined) {
    const target = RichVersion.safeParse(versions[value.ref]);
    return target.success ? requirement(target.data, versions, depth + 1) : null;
  }
  return value.strictly ?? value.require ?? value.prefer ?? null;
}

const isExact = (v: string | null): v is string => v !== null && v !== '' && !/[[\]()+,]|latest\./.test(v);

export function extractCatalog(path: string, text: string, maxDepth: number) {
  const doc = Catalog.parse(parse(text, { maxDepth }));
  const versions = doc.versions ?? {};
  const dependencies: Dependency[] = [];
  const diagnostics: Diagnostic[] = [];
  const warn = (code: string, message: string) =>
    diagnostics.push({ path, collector: COLLECTOR_ID, code, message, severity: 'warning' });
  const add = (
    name: string,
    wanted: string | null,
    scope: DependencyScope,
    alias: string,
    refMissing: boolean,
  ) => {
    if (refMissing) warn('unresolved-version', `${alias}: version.ref names no entry of [versions]`);
    const version = isExact(wanted) ? wanted : null;
    dependencies.push({
      ecosystem: 'Maven',
      name,
      version,
      requirement: wanted,
      direct: true,
      scope,
      manifestPath: path,
    });
  };
  for (const [alias, raw] of Object.entries(doc.libraries ?? {})) {
    const lib = Library.safeParse(raw);
    if (!lib.success) {
      warn('parse-error', `library ${alias} is not a catalog entry`);
      continue;
    }
    const entry = typeof lib.data === 'string' ? { module: lib.data } : lib.data;
    const [group, name, inline] = entry.module?.split(':') ?? [entry.group, entry.name];
    if (!group || !name) {
      warn('parse-error', `library ${alias} has no group and name`);
      continue;
    }
    const version = entry.version ?? inline;
    const wanted = requirement(version, versions);
    add(`${group}:${name}`, wanted, 'prod', alias, wanted === null && typeof version === 'object');
  }
  for (const [alias, raw] of Object.entries(doc.plugins ?? {})) {
    const plugin = Plugin.safeParse(raw);
    if (!plugin.success) continue;
    const [id, inline] =
      typeof plugin.data === 'string' ? plugin.data.split(':') : [plugin.data.id, undefined];
    const version = typeof plugin.data === 'string' ? inline : plugin.data.version;
    const wanted = requirement(version, versions);
    add(`${id}:${id}.gradle.plugin`, wanted, 'build', alias, wanted === null && typeof version === 'object');
  }
  const aliases = new Set(Object.keys(doc.libraries ?? {}).map((a) => a.replace(/[-_.]/g, '.')));
  for (const [bundle, members] of Object.entries(doc.bundles ?? {})) {
    for (const member of Array.isArray(members) ? members : []) {
      if (typeof member !== 'string' || !aliases.has(member.replace(/[-_.]/g, '.'))) {
        warn('unresolved-reference', `bundle ${bundle} names ${String(member)}, which is not in [libraries]`);
      }
    }
  }
  return { dependencies, diagnostics };
}
