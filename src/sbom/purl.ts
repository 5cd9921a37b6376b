// Package URLs (purl) for the collectors' ecosystems, built with packageurl-js.
import { PackageURL } from 'packageurl-js';

const TYPES: Record<string, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  'crates.io': 'cargo',
  Go: 'golang',
  Maven: 'maven',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
};

export function purlType(ecosystem: string): string | null {
  return TYPES[ecosystem] ?? null;
}

/** Namespace and name as the purl type splits them: `@scope/x`, `group:artifact`, `vendor/x`, Go paths. */
function split(type: string, name: string): [string | null, string] {
  const at = (sep: string): [string | null, string] => {
    const i = name.lastIndexOf(sep);
    return i > 0 ? [name.slice(0, i), name.slice(i + 1)] : [null, name];
  };
  switch (type) {
    case 'npm':
      return name.startsWith('@') ? at('/') : [null, name];
    case 'maven':
      return at(':');
    case 'golang':
    case 'composer':
      return at('/');
    default:
      return [null, name];
  }
}

/** `pkg:npm/%40types/node@20.1.0`; null for an ecosystem without a purl type or a name it refuses. */
export function purlOf(ecosystem: string, name: string, version: string | null): string | null {
  const type = purlType(ecosystem);
  if (!type) return null;
  const [namespace, short] = split(type, name);
  try {
    return new PackageURL(type, namespace, short, version, null, null).toString();
  } catch {
    return null;
  }
}
