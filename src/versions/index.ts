// One entry point for version order across ecosystems. Ecosystem names are the collectors' names
// (`npm`, `PyPI`, `crates.io`, `Go`, `Maven`, `RubyGems`, `Packagist`, `NuGet`); OSV's `Name:suffix`
// variants (e.g. `Maven:https://repo.example`) use the rules of `Name`.
import type { Ecosystem } from '../collectors/types.ts';
import { goScheme } from './go.ts';
import { compareMaven } from './maven.ts';
import { nugetScheme } from './nuget.ts';
import { packagistScheme } from './packagist.ts';
import { pypiScheme } from './pypi.ts';
import { rubygemsScheme } from './rubygems.ts';
import { InvalidVersionError, type VersionScheme } from './scheme.ts';
import { semverScheme } from './semver-scheme.ts';

export { InvalidVersionError, type VersionScheme } from './scheme.ts';

const mavenScheme: VersionScheme = { valid: (v) => v.trim() !== '', compare: compareMaven };

const SCHEMES: Record<Ecosystem, VersionScheme> = {
  npm: semverScheme,
  'crates.io': semverScheme,
  PyPI: pypiScheme,
  Go: goScheme,
  Maven: mavenScheme,
  RubyGems: rubygemsScheme,
  NuGet: nugetScheme,
  Packagist: packagistScheme,
};

/** The version rules of an ecosystem (OSV `:suffix` ignored), or null when we have none. */
export function versionScheme(ecosystem: string): VersionScheme | null {
  const base = ecosystem.split(':')[0]!;
  return Object.hasOwn(SCHEMES, base) ? SCHEMES[base as Ecosystem] : null;
}

export function isValidVersion(ecosystem: Ecosystem | string, version: string): boolean {
  return versionScheme(ecosystem)?.valid(version) ?? false;
}

/**
 * Orders two versions by the ecosystem's own rules: negative when a < b, 0 when equal in order,
 * positive when a > b. Throws InvalidVersionError when either version cannot be read.
 */
export function compareVersions(ecosystem: Ecosystem | string, a: string, b: string): number {
  const scheme = versionScheme(ecosystem);
  if (!scheme) throw new InvalidVersionError(ecosystem, a);
  if (!scheme.valid(a)) throw new InvalidVersionError(ecosystem, a);
  if (!scheme.valid(b)) throw new InvalidVersionError(ecosystem, b);
  return Math.sign(scheme.compare(a, b));
}
