// Package URL (without version) of a dependency, as endoflife.date identifiers write them, so a
// framework package (django, rails, spring-boot, @angular/core) maps to its product.
import { normalisePypiName } from '../../collectors/pep508.ts';
import { purlType } from '../../sbom/purl.ts';

export function purlOf(ecosystem: string, name: string): string | null {
  const type = purlType(ecosystem);
  if (!type) return null;
  if (type === 'npm') return `pkg:npm/${name.replace(/^@/, '%40')}`;
  if (type === 'maven') return `pkg:maven/${name.replace(':', '/')}`;
  if (type === 'pypi') return `pkg:pypi/${normalisePypiName(name)}`;
  return `pkg:${type}/${name}`;
}
