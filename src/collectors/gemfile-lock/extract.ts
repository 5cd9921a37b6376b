// Gemfile.lock: GEM and GIT specs (with nested dependencies as parents), PATH specs (local code,
// skipped), DEPENDENCIES (direct), PLATFORMS, RUBY VERSION (Runtime ruby) and BUNDLED WITH (the
// bundler gem). A gem locked for several platforms counts once.

import { scopesByReach } from '../lockfile-graph.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, DependencyScope, Diagnostic, Runtime } from '../types.ts';

export const COLLECTOR_ID = 'gemfile-lock';
const RUBYGEMS = /^https?:\/\/rubygems\.org\/?$/;

interface Spec {
  name: string;
  version: string;
  source: string | null;
  local: boolean;
  children: string[];
}

interface Section {
  kind: string;
  remote: string | null;
  revision: string | null;
}

/** Scope of each gem the Gemfile beside the lockfile declares (src/collectors/gemfile-lock/gemfile.ts). */
type GemScopes = ReadonlyMap<string, 'prod' | 'dev' | 'test'>;

export function extractGemfileLock(path: string, text: string, declared: GemScopes = new Map()) {
  const specs = new Map<string, Spec>();
  const direct = new Set<string>();
  const platforms: string[] = [];
  const runtimes: Runtime[] = [];
  let bundler: string | null = null;
  let section: Section = { kind: '', remote: null, revision: null };
  let current: Spec | null = null;
  let unknown = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/^\S/.test(line)) {
      section = { kind: line.trim(), remote: null, revision: null };
      current = null;
      continue;
    }
    const body = line.trim();
    if (section.kind === 'GEM' || section.kind === 'GIT' || section.kind === 'PATH') {
      const option = /^ {2}(remote|revision): (.+)$/.exec(line);
      if (option) {
        if (option[1] === 'remote' && section.remote === null) section.remote = option[2]!;
        if (option[1] === 'revision') section.revision = option[2]!;
        continue;
      }
      const spec = /^ {4}(\S+) \(([^-)]*)(?:-[^)]*)?\)$/.exec(line);
      if (spec) {
        current = readSpec(section, spec[1]!, spec[2]!);
        const key = `${current.name}@${current.version}`;
        current = specs.get(key) ?? current;
        specs.set(key, current);
        continue;
      }
      const child = /^ {6}(\S+)/.exec(line);
      if (child && current) current.children.push(child[1]!);
      else if (!/^ {2}(specs:|\w+:)/.test(line)) unknown++;
    } else if (section.kind === 'DEPENDENCIES') direct.add(body.split(/[\s!(]/)[0]!);
    else if (section.kind === 'PLATFORMS') platforms.push(body);
    else if (section.kind === 'RUBY VERSION') {
      runtimes.push({
        kind: 'ruby',
        version: body.replace(/^ruby\s+/, ''),
        path,
        source: 'RUBY VERSION',
        role: 'pin',
      });
    } else if (section.kind === 'BUNDLED WITH') bundler = body;
  }
  return finish(path, [...specs.values()], direct, bundler, runtimes, unknown, declared);
}

function readSpec(section: Section, name: string, version: string): Spec {
  const local = section.kind === 'PATH';
  let source: string | null = null;
  if (section.kind === 'GIT' && section.remote) {
    source = redactUrl(section.remote) + (section.revision ? `#${section.revision}` : '');
  } else if (section.kind === 'GEM' && section.remote && !RUBYGEMS.test(section.remote)) {
    source = redactUrl(section.remote);
  }
  return { name, version, source, local, children: [] };
}

function finish(
  path: string,
  specs: Spec[],
  direct: Set<string>,
  bundler: string | null,
  runtimes: Runtime[],
  unknown: number,
  declared: GemScopes,
) {
  const parents = new Map<string, Set<string>>();
  const children = new Map<string, string[]>();
  for (const spec of specs) {
    for (const child of spec.children) parents.set(child, (parents.get(child) ?? new Set()).add(spec.name));
    children.set(spec.name, [...(children.get(spec.name) ?? []), ...spec.children]);
  }
  // A direct gem the Gemfile puts only in development or test groups is not installed where the
  // application runs, nor is what only such gems pull in. Gems the Gemfile does not name (a gemspec's
  // dependencies) and gems no direct gem reaches stay `prod`.
  const roots = [...direct];
  const reached = scopesByReach(
    {
      prod: roots.filter((name) => (declared.get(name) ?? 'prod') === 'prod'),
      dev: roots.filter((name) => (declared.get(name) ?? 'prod') !== 'prod'),
    },
    (name) => children.get(name) ?? [],
  );
  const scopeOf = (name: string): DependencyScope =>
    direct.has(name) ? (declared.get(name) ?? 'prod') : (reached.get(name) ?? 'prod');
  const dependencies: Dependency[] = specs
    .filter((s) => !s.local)
    .map((s) => ({
      ecosystem: 'RubyGems',
      name: s.name,
      version: s.version,
      direct: direct.has(s.name),
      scope: scopeOf(s.name),
      manifestPath: path,
      parents: [...(parents.get(s.name) ?? [])].sort(),
      source: s.source,
    }));
  if (bundler) {
    dependencies.push({
      ecosystem: 'RubyGems',
      name: 'bundler',
      version: bundler,
      direct: true,
      scope: 'build',
      manifestPath: path,
    });
  }
  const diagnostics: Diagnostic[] = [];
  if (unknown > 0 || (specs.length === 0 && direct.size === 0)) {
    const message =
      unknown > 0 ? `${unknown} line(s) in spec sections could not be read` : 'no specs and no DEPENDENCIES';
    diagnostics.push({ path, collector: COLLECTOR_ID, code: 'parse-error', message, severity: 'warning' });
  }
  return { dependencies, runtimes, diagnostics };
}
