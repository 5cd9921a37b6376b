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

export { InvalidVersionError } from './scheme.ts';

/** Longer texts are not versions (the `semver` package's limit); it also bounds the parsers' work. */
export const MAX_VERSION_LENGTH = 256;

const mavenScheme: VersionScheme = { valid: (v) => v.trim() !== '', compare: compareMaven };

function bounded(scheme: VersionScheme): VersionScheme {
  return { valid: (v) => v.length <= MAX_VERSION_LENGTH && scheme.valid(v), compare: scheme.compare };
}

const SCHEMES: Record<Ecosystem, VersionScheme> = {
  npm: bounded(semverScheme),
  'crates.io': bounded(semverScheme),
  PyPI: bounded(pypiScheme),
  Go: bounded(goScheme),
  Maven: bounded(mavenScheme),
  RubyGems: bounded(rubygemsScheme),
  NuGet: bounded(nugetScheme),
  Packagist: bounded(packagistScheme),
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
 * Orders two versions by the ecosystem's own rules: -1 when a < b, 0 when equal in order, 1 when
 * a > b. Numeric parts of any length compare exactly. Throws InvalidVersionError when either version
 * cannot be read.
 */
export function compareVersions(ecosystem: Ecosystem | string, a: string, b: string): number {
  const scheme = versionScheme(ecosystem);
  if (!scheme) throw new InvalidVersionError(ecosystem, a);
  if (!scheme.valid(a)) throw new InvalidVersionError(ecosystem, a);
  if (!scheme.valid(b)) throw new InvalidVersionError(ecosystem, b);
  return Math.sign(scheme.compare(a, b)) || 0;
}
