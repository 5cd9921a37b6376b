import { normalisePypiName } from '../../collectors/pep508.ts';

// Package names as OSV matching compares them: PyPI per PEP 503 (lower case, runs of `-_.` -> `-`),
// Go case-sensitive, npm as is, Maven `group:artifact` (as is), NuGet and Packagist case-insensitive
// as their registries are, RubyGems and crates.io as is.
export function normalisePackageName(ecosystem: string, name: string): string {
  const base = ecosystem.split(':')[0];
  switch (base) {
    case 'PyPI':
      return normalisePypiName(name);
    case 'NuGet':
    case 'Packagist':
      return name.toLowerCase();
    default:
      return name;
  }
}

/** The ecosystem without OSV's `:suffix` (`Maven:https://...` -> `Maven`). */
export function baseEcosystem(ecosystem: string): string {
  return ecosystem.split(':')[0]!;
}
