import { describe, expect, test } from 'vitest';
import { SCOPE_EXPOSURE } from '../collectors/exposure.ts';
import type { DependencyScope } from '../collectors/types.ts';
import type { DependencyRow } from '../store/deps.ts';
import { bomLicences, buildBom, serialNumber } from './cyclonedx.ts';
import { filterPackages, mergePackages } from './packages.ts';
import { purlOf } from './purl.ts';
import { packagePaths } from './tree.ts';

function row(p: Partial<DependencyRow> & { name: string }): DependencyRow {
  return {
    snapshotId: 1,
    collector: 'npm-lock',
    ecosystem: 'npm',
    version: '1.0.0',
    requirement: null,
    direct: false,
    scope: 'prod',
    manifestPath: 'package-lock.json',
    license: null,
    source: null,
    parents: null,
    ...p,
    exposure: p.exposure ?? SCOPE_EXPOSURE[(p.scope ?? 'prod') as DependencyScope],
  };
}

// app depends on a and b (direct); a -> c -> d; b -> d; c also needs d; e is a dev tool.
const ROWS = [
  row({ name: 'a', direct: true, parents: [] }),
  row({ name: 'b', direct: true, parents: [] }),
  row({ name: 'c', parents: ['a'] }),
  row({ name: 'd', version: '2.0.0', parents: ['b', 'c'] }),
  row({ name: 'e', direct: true, scope: 'dev', parents: [] }),
  row({
    name: 'a',
    version: null,
    requirement: '^1.0.0',
    direct: true,
    collector: 'npm-manifest',
    manifestPath: 'package.json',
  }),
  row({ name: 'a', version: '1.0.0', direct: true, manifestPath: 'web/package-lock.json', parents: [] }),
  row({
    ecosystem: 'PyPI',
    name: 'requests',
    version: null,
    requirement: '>=2',
    direct: true,
    collector: 'pypi-requirements',
    manifestPath: 'requirements.txt',
  }),
];

describe('mergePackages', () => {
  const packages = mergePackages(ROWS);
  test('one entry per (ecosystem, name, version); requirements join the locked version', () => {
    expect(packages.map((p) => `${p.ecosystem}:${p.name}@${p.version}`)).toEqual([
      'npm:a@1.0.0',
      'npm:b@1.0.0',
      'npm:c@1.0.0',
      'npm:d@2.0.0',
      'npm:e@1.0.0',
      'PyPI:requests@null',
    ]);
    const a = packages[0]!;
    expect(a.manifests).toEqual(['package-lock.json', 'package.json', 'web/package-lock.json']);
    expect(a.requirements).toEqual(['^1.0.0']);
    expect(a.direct).toBe(true);
  });

  test('filters by ecosystem, direct and scope', () => {
    expect(filterPackages(packages, { direct: false }).map((p) => p.name)).toEqual(['c', 'd']);
    expect(filterPackages(packages, { scopes: ['development'] }).map((p) => p.name)).toEqual(['e']);
    expect(filterPackages(packages, { scopes: ['runtime', 'test'] }).map((p) => p.name)).not.toContain('e');
    expect(filterPackages(packages, { ecosystem: 'pypi' }).map((p) => p.name)).toEqual(['requests']);
  });

  test('a requirement joins only the versions a lockfile marks direct', () => {
    const two = mergePackages([
      row({ name: 'x', version: '2.0.0', direct: true }),
      row({ name: 'x', version: '1.0.0', direct: false }),
      row({ name: 'x', version: null, requirement: '^2', direct: true, manifestPath: 'package.json' }),
    ]);
    expect(two.map((p) => [p.version, p.direct, p.requirements])).toEqual([
      ['1.0.0', false, []],
      ['2.0.0', true, ['^2']],
    ]);
  });
});

describe('packagePaths', () => {
  test('every path from a direct dependency to the package', () => {
    const [d] = packagePaths(mergePackages(ROWS), 'd');
    expect(d?.paths).toEqual([
      ['b', 'd'],
      ['a', 'c', 'd'],
    ]);
    expect(d?.graph).toBe(true);
    expect(d?.truncated).toBe(false);
  });

  test('says when the files record no graph, and stops at the path limit', () => {
    const [r] = packagePaths(mergePackages([row({ name: 'y', parents: null })]), 'y');
    expect(r).toMatchObject({ graph: false, direct: false, paths: [] });
    const [d] = packagePaths(mergePackages(ROWS), 'd', { maxPaths: 1, maxSteps: 100 });
    expect(d?.paths).toHaveLength(1);
    expect(d?.truncated).toBe(true);
  });

  test('cycles end', () => {
    const cyc = mergePackages([
      row({ name: 'p', direct: true, parents: ['q'] }),
      row({ name: 'q', parents: ['p'] }),
    ]);
    expect(packagePaths(cyc, 'q')[0]?.paths).toEqual([['p', 'q']]);
  });
});

describe('purl', () => {
  test.each([
    ['npm', '@types/node', '20.1.0', 'pkg:npm/%40types/node@20.1.0'],
    ['PyPI', 'Django_Rest', '1.0', 'pkg:pypi/django-rest@1.0'],
    ['crates.io', 'serde', '1.0.0', 'pkg:cargo/serde@1.0.0'],
    ['Go', 'github.com/spf13/cobra', 'v1.8.0', 'pkg:golang/github.com/spf13/cobra@v1.8.0'],
    [
      'Maven',
      'org.apache.commons:commons-lang3',
      '3.14.0',
      'pkg:maven/org.apache.commons/commons-lang3@3.14.0',
    ],
    ['RubyGems', 'rails', '7.1.0', 'pkg:gem/rails@7.1.0'],
    ['Packagist', 'symfony/console', 'v6.4.0', 'pkg:composer/symfony/console@v6.4.0'],
    ['NuGet', 'Newtonsoft.Json', '13.0.3', 'pkg:nuget/Newtonsoft.Json@13.0.3'],
  ])('%s %s', (eco, name, version, purl) => {
    expect(purlOf(eco, name, version)).toBe(purl);
  });
});

describe('CycloneDX model', () => {
  test('licences: an id, an expression, or the text when unknown', () => {
    expect(bomLicences(['MIT'])).toEqual([{ license: { id: 'MIT' } }]);
    expect(bomLicences(['MIT OR Apache-2.0'])).toEqual([{ expression: 'MIT OR Apache-2.0' }]);
    expect(bomLicences(['BSD'])).toEqual([{ license: { name: 'BSD' } }]);
    expect(bomLicences([])).toBeUndefined();
  });

  test('serial numbers are UUIDs, the same for the same seed', () => {
    expect(serialNumber('x')).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(serialNumber('x')).toBe(serialNumber('x'));
    expect(serialNumber('x')).not.toBe(serialNumber('y'));
  });

  test('graph: the repository depends on direct packages, packages on their children; dev is excluded', () => {
    const bom = buildBom({ name: 'app', commit: 'abc', ref: null, timestamp: null }, mergePackages(ROWS)) as {
      components: Array<{ 'bom-ref': string; scope: string }>;
      dependencies: Array<{ ref: string; dependsOn: string[] }>;
    };
    const deps = Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
    expect(deps['cto:repository/app@abc']).toEqual([
      'pkg:npm/a@1.0.0',
      'pkg:npm/b@1.0.0',
      'pkg:npm/e@1.0.0',
      'pkg:pypi/requests',
    ]);
    expect(deps['pkg:npm/c@1.0.0']).toEqual(['pkg:npm/d@2.0.0']);
    expect(deps['pkg:npm/b@1.0.0']).toEqual(['pkg:npm/d@2.0.0']);
    expect(bom.components.find((c) => c['bom-ref'] === 'pkg:npm/e@1.0.0')?.scope).toBe('excluded');
  });
});
