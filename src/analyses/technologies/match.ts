// Loads technologies.yaml (once, cached) and matches dependencies, images and paths against
// it. Each technology found comes with the evidence that named it.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { normaliseImageName } from '../../collectors/image-ref.ts';
import { normalisePypiName } from '../../collectors/pep508.ts';
import type { Dependency, ImageRef } from '../../collectors/types.ts';
import { type Hit, NameIndex, PathIndex } from './rule-index.ts';
import { type Technology, TechnologyTableSchema } from './schema.ts';

type EvidenceKind =
  | 'package'
  | 'image'
  | 'chart'
  | 'action'
  | 'terraform-provider'
  | 'terraform-module'
  | 'path';

interface Evidence {
  kind: EvidenceKind;
  /** The package, image, action, provider or module name; for `path`, the path itself. */
  value: string;
  /** The file that states it. */
  path: string;
  /** The rule of the table that matched. */
  rule: string;
}

interface TechnologyMatch {
  technology: Technology;
  evidence: Evidence[];
}

interface MatchInput {
  dependencies?: readonly Dependency[];
  images?: readonly ImageRef[];
  paths?: readonly string[];
}

/** Parses and validates the table text; throws on invalid data (the table is ours, not scanned input). */
export function parseTechnologies(text: string): Technology[] {
  return TechnologyTableSchema.parse(parse(text));
}

let cached: Technology[] | undefined;

export function loadTechnologies(): Technology[] {
  cached ??= parseTechnologies(readFileSync(new URL('./technologies.yaml', import.meta.url), 'utf8'));
  return cached;
}

/** PEP 503 for PyPI, lower case for everything else. */
function normaliseName(namespace: string, name: string): string {
  return namespace === 'PyPI' ? normalisePypiName(name) : name.trim().toLowerCase();
}

/** `docker.io/library/postgres` -> `postgres`: the one image-name normaliser, Docker Hub's `library/` left out. */
function normaliseImage(name: string): string {
  return normaliseImageName(name).replace(/^library\//, '');
}

interface CompiledTable {
  packages: Map<string, NameIndex>;
  images: NameIndex;
  charts: NameIndex;
  actions: NameIndex;
  providers: NameIndex;
  modules: NameIndex;
  paths: PathIndex;
}

const compiledCache = new WeakMap<readonly Technology[], CompiledTable>();

function compile(table: readonly Technology[]): CompiledTable {
  const lower = (name: string) => normaliseName('', name);
  const compiled: CompiledTable = {
    packages: new Map(),
    images: new NameIndex(normaliseImage),
    charts: new NameIndex(lower),
    actions: new NameIndex(lower),
    providers: new NameIndex(lower),
    modules: new NameIndex(lower),
    paths: new PathIndex(),
  };
  for (const tech of table) {
    for (const [ecosystem, rules] of Object.entries(tech.packages ?? {})) {
      const index = compiled.packages.get(ecosystem) ?? new NameIndex((n) => normaliseName(ecosystem, n));
      compiled.packages.set(ecosystem, index);
      for (const rule of rules) index.add(tech, rule);
    }
    for (const rule of tech.images ?? []) compiled.images.add(tech, rule);
    for (const rule of tech.charts ?? []) compiled.charts.add(tech, rule);
    for (const rule of tech.actions ?? []) compiled.actions.add(tech, rule);
    for (const rule of tech.terraformProviders ?? []) compiled.providers.add(tech, rule);
    for (const rule of tech.terraformModules ?? []) compiled.modules.add(tech, rule);
    for (const rule of tech.paths ?? []) compiled.paths.add(tech, rule);
  }
  return compiled;
}

function imageHits(c: CompiledTable, image: ImageRef): [EvidenceKind, Hit[]] {
  switch (image.kind) {
    case 'github-action':
      return ['action', c.actions.lookup(image.name, [image.name.split('/').slice(0, 2).join('/')])];
    case 'terraform-provider':
      return ['terraform-provider', c.providers.lookup(image.name)];
    case 'helm':
      return ['chart', c.charts.lookup(image.name)];
    case 'terraform-module':
      return ['terraform-module', c.modules.lookup(image.name)];
    default:
      return ['image', c.images.lookup(image.name)];
  }
}

/** Technologies named by the input, in table order, each with its evidence (deduplicated). */
export function matchTechnologies(
  input: MatchInput,
  table: readonly Technology[] = loadTechnologies(),
): TechnologyMatch[] {
  const c = compiledCache.get(table) ?? compile(table);
  compiledCache.set(table, c);
  const found = new Map<string, Map<string, Evidence>>();
  const record = (kind: EvidenceKind, value: string, path: string, hits: Hit[]) => {
    for (const { technology, rule } of hits) {
      const evidence = found.get(technology.id) ?? new Map<string, Evidence>();
      found.set(technology.id, evidence);
      evidence.set(`${kind}\u0000${value}\u0000${path}`, { kind, value, path, rule });
    }
  };
  for (const dep of input.dependencies ?? []) {
    record('package', dep.name, dep.manifestPath, c.packages.get(dep.ecosystem)?.lookup(dep.name) ?? []);
  }
  for (const image of input.images ?? []) {
    const [kind, hits] = imageHits(c, image);
    record(kind, image.name, image.path, hits);
  }
  for (const path of input.paths ?? []) record('path', path, path, c.paths.lookup(path));
  return table
    .filter((tech) => found.has(tech.id))
    .map((technology) => ({ technology, evidence: [...found.get(technology.id)!.values()] }));
}
