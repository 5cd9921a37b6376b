// Cargo.toml: dependency tables (normal, dev, build, per target) and `workspace = true` inheritance
// from the nearest workspace root's `[workspace.dependencies]`. Path dependencies are local code.
import { posix } from 'node:path';
import { parse } from 'smol-toml';
import { redactUrl } from '../redact-url.ts';
import {
  type CollectorResult,
  DEFAULT_BUDGET,
  type Dependency,
  type DependencyScope,
  type Diagnostic,
  type FileInput,
  type Runtime,
} from '../types.ts';

export const COLLECTOR_ID = 'cargo-manifest';

type Table = Record<string, unknown>;

interface Manifest {
  path: string;
  doc: Table;
}

const TABLES: Array<[string, DependencyScope]> = [
  ['dependencies', 'prod'],
  ['dev-dependencies', 'dev'],
  ['dev_dependencies', 'dev'],
  ['build-dependencies', 'build'],
  ['build_dependencies', 'build'],
];

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function table(parent: unknown, key: string): Table | undefined {
  if (!isTable(parent)) return undefined;
  const value = parent[key];
  return isTable(value) ? value : undefined;
}

/** The workspace root a manifest belongs to: an explicit `package.workspace`, else the nearest ancestor. */
function findRoot(manifest: Manifest, byDir: Map<string, Manifest>): Manifest | undefined {
  if (table(manifest.doc, 'workspace')) return manifest;
  const explicit = table(manifest.doc, 'package')?.workspace;
  if (typeof explicit === 'string') {
    return byDir.get(posix.normalize(posix.join(posix.dirname(manifest.path), explicit)));
  }
  let dir = posix.dirname(manifest.path);
  while (dir !== '.' && dir !== '/') {
    dir = posix.dirname(dir);
    const candidate = byDir.get(dir);
    if (candidate && table(candidate.doc, 'workspace')) return candidate;
  }
  return undefined;
}

function toDependency(
  manifest: Manifest,
  key: string,
  spec: unknown,
  scope: DependencyScope,
  root: Manifest | undefined,
  diagnostics: Diagnostic[],
): Dependency | null {
  let entry: Table = typeof spec === 'string' ? { version: spec } : isTable(spec) ? spec : {};
  let name = typeof entry.package === 'string' ? entry.package : key;
  const optional = entry.optional === true;
  if (entry.workspace === true) {
    const inherited = table(table(root?.doc, 'workspace'), 'dependencies')?.[key];
    if (inherited === undefined) {
      diagnostics.push({
        path: manifest.path,
        collector: COLLECTOR_ID,
        code: 'unresolved-workspace-dependency',
        message: `${key} inherits from the workspace, but no [workspace.dependencies] entry was found`,
        severity: 'warning',
      });
      return {
        ecosystem: 'crates.io',
        name,
        version: null,
        requirement: null,
        direct: true,
        scope,
        manifestPath: manifest.path,
      };
    }
    entry = typeof inherited === 'string' ? { version: inherited } : isTable(inherited) ? inherited : {};
    if (typeof entry.package === 'string') name = entry.package;
  }
  if (typeof entry.path === 'string' && typeof entry.git !== 'string') return null;
  const requirement = typeof entry.version === 'string' ? entry.version : null;
  let source: string | null = null;
  if (typeof entry.git === 'string') source = redactUrl(entry.git);
  else if (typeof entry.registry === 'string') source = `registry:${entry.registry}`;
  return {
    ecosystem: 'crates.io',
    name,
    version: null,
    requirement,
    direct: true,
    scope: optional && scope === 'prod' ? 'optional' : scope,
    manifestPath: manifest.path,
    source,
  };
}

function dependencyTables(doc: Table): Array<[Table, DependencyScope]> {
  const found: Array<[Table, DependencyScope]> = [];
  const scopes = [doc, ...Object.values(table(doc, 'target') ?? {})];
  for (const holder of scopes) {
    for (const [key, scope] of TABLES) {
      const deps = table(holder, key);
      if (deps) found.push([deps, scope]);
    }
  }
  return found;
}

function rustVersion(manifest: Manifest, root: Manifest | undefined): Runtime | null {
  const own = table(manifest.doc, 'package')?.['rust-version'];
  if (typeof own === 'string')
    return { kind: 'rust', version: own, path: manifest.path, source: 'package.rust-version', role: 'floor' };
  const fromRoot = table(table(root?.doc, 'workspace'), 'package')?.['rust-version'];
  if (typeof fromRoot !== 'string') return null;
  if (root === manifest) {
    return {
      kind: 'rust',
      version: fromRoot,
      path: manifest.path,
      source: 'workspace.package.rust-version',
      role: 'floor',
    };
  }
  if (isTable(own) && own.workspace === true) {
    return {
      kind: 'rust',
      version: fromRoot,
      path: manifest.path,
      source: 'package.rust-version (workspace)',
      role: 'floor',
    };
  }
  return null;
}

function extractManifests(manifests: Manifest[]) {
  const byDir = new Map(manifests.map((m) => [posix.dirname(m.path), m]));
  const dependencies: Dependency[] = [];
  const runtimes: Runtime[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const manifest of manifests) {
    const root = findRoot(manifest, byDir);
    for (const [deps, scope] of dependencyTables(manifest.doc)) {
      for (const [key, spec] of Object.entries(deps)) {
        const dep = toDependency(manifest, key, spec, scope, root, diagnostics);
        if (dep) dependencies.push(dep);
      }
    }
    const runtime = rustVersion(manifest, root);
    if (runtime) runtimes.push(runtime);
  }
  return { dependencies, runtimes, diagnostics };
}

export function collectCargoManifests(files: FileInput[]): CollectorResult {
  const manifests: Manifest[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const problem = (code: string, message: string): void => {
      diagnostics.push({ path: file.path, collector: COLLECTOR_ID, code, message, severity: 'error' });
    };
    if (file.content.length > DEFAULT_BUDGET.maxBytes) {
      problem(
        'too-large',
        `file has ${file.content.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`,
      );
      continue;
    }
    try {
      const doc = parse(file.content.toString('utf8'), { maxDepth: DEFAULT_BUDGET.maxDepth }) as Table;
      manifests.push({ path: file.path, doc });
    } catch (error) {
      problem('parse-error', `not valid TOML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  const result = extractManifests(manifests);
  return { ...result, diagnostics: [...diagnostics, ...result.diagnostics] };
}
