// Cargo.lock v1-v4. Packages without `source` are the workspace's own crates (members and path
// crates): they are not dependencies. Direct = depended on by one of those local crates.

import { parse } from 'smol-toml';
import { unsupportedVersion } from '../read-input.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, Diagnostic } from '../types.ts';
import { CargoLock, CargoLockPackage } from './schema.ts';

export const COLLECTOR_ID = 'cargo-lock';
const CRATES_IO =
  /^registry\+https:\/\/github\.com\/rust-lang\/crates\.io-index$|^sparse\+https:\/\/index\.crates\.io\/$/;

/** `name`, `name version` or `name version (source)` (v1 always the last form). */
function resolveRef(ref: string, byName: Map<string, CargoLockPackage[]>): CargoLockPackage | undefined {
  const [name = '', version] = ref.trim().split(/\s+/);
  const candidates = byName.get(name) ?? [];
  if (candidates.length <= 1 || version === undefined) return candidates[0];
  return candidates.find((p) => p.version === version);
}

function key(p: CargoLockPackage): string {
  return `${p.name}@${p.version}@${p.source ?? ''}`;
}

export function extractCargoLock(path: string, text: string, maxDepth: number) {
  const diagnostics: Diagnostic[] = [];
  const doc = CargoLock.parse(parse(text, { maxDepth }));
  if (doc.version !== undefined && (doc.version < 1 || doc.version > 4)) {
    const message = `Cargo.lock version ${doc.version} is not one of 1-4; read as version 4`;
    diagnostics.push(unsupportedVersion(path, COLLECTOR_ID, message));
  }
  const packages: CargoLockPackage[] = [];
  for (const raw of doc.package ?? []) {
    const parsed = CargoLockPackage.safeParse(raw);
    if (parsed.success) packages.push(parsed.data);
  }
  const byName = new Map<string, CargoLockPackage[]>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const parents = new Map<string, Set<string>>();
  const direct = new Set<string>();
  for (const p of packages) {
    for (const ref of p.dependencies ?? []) {
      const child = resolveRef(ref, byName);
      if (!child) continue;
      const k = key(child);
      parents.set(k, (parents.get(k) ?? new Set()).add(p.name));
      if (p.source === undefined) direct.add(k);
    }
  }
  const dependencies: Dependency[] = packages
    .filter((p) => p.source !== undefined)
    .map((p) => ({
      ecosystem: 'crates.io',
      name: p.name,
      version: p.version,
      direct: direct.has(key(p)),
      scope: 'prod',
      manifestPath: path,
      parents: [...(parents.get(key(p)) ?? [])].sort(),
      source: CRATES_IO.test(p.source!) ? null : redactUrl(p.source!),
    }));
  return { dependencies, diagnostics };
}
