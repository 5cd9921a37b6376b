// Every registered collector turns any input into facts or diagnostics, never an exception; every
// diagnostic names the collector and the file, and every fact is of a kind the collector declares it
// emits. One property over the whole registry, so a new collector is covered the day it is registered.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emittedKinds } from '../../test/helpers/collector-facts.ts';
import { COLLECTORS } from './registry.ts';

/** File names the collectors read, in a root and a nested folder. */
const NAMES = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'pyproject.toml',
  'requirements.txt',
  'uv.lock',
  'poetry.lock',
  'Pipfile',
  'Pipfile.lock',
  'Cargo.toml',
  'Cargo.lock',
  'go.mod',
  'go.sum',
  'pom.xml',
  'gradle/libs.versions.toml',
  'gradle.lockfile',
  'Gemfile.lock',
  'composer.json',
  'composer.lock',
  'packages.lock.json',
  'App.csproj',
  'Directory.Packages.props',
  '.nvmrc',
  '.node-version',
  '.python-version',
  'runtime.txt',
  '.ruby-version',
  '.tool-versions',
  'mise.toml',
  'global.json',
  'rust-toolchain',
  'rust-toolchain.toml',
  'Dockerfile',
  'docker-compose.yml',
  'k8s/deploy.yaml',
  'chart/Chart.yaml',
  'chart/values.yaml',
  '.github/workflows/ci.yml',
  'action.yml',
  'main.tf',
  '.terraform.lock.hcl',
];

const PATHS = ['', 'svc/'].flatMap((dir) => NAMES.map((n) => `${dir}${n}`));

/** Random text, random JSON, random bytes, and JSON objects under the keys manifests use. */
const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc.uint8Array({ maxLength: 200 }),
  fc.dictionary(
    fc.constantFrom(
      'dependencies',
      'packages',
      'require',
      'services',
      'jobs',
      'spec',
      'version',
      'image',
      'lockfileVersion',
    ),
    fc.jsonValue(),
  ),
);

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

describe.each(COLLECTORS.map((c) => [c.id, c] as const))('%s on arbitrary input', (_id, collector) => {
  const paths = PATHS.filter((p) => collector.matches(p));

  it('matches at least one of the known file names', () => {
    expect(paths.length).toBeGreaterThan(0);
  });

  it('never throws, every diagnostic names the collector and a file, every fact is of a declared kind', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), body), { minLength: 1, maxLength: 4 }),
        (entries) => {
          const files = entries.map(([path, b]) => ({
            path,
            content:
              typeof b === 'string'
                ? Buffer.from(b)
                : b instanceof Uint8Array
                  ? Buffer.from(b)
                  : Buffer.from(JSON.stringify(b)),
          }));
          const result = collector.collect(files);
          for (const kind of emittedKinds(result)) expect(collector.emits).toContain(kind);
          for (const d of result.diagnostics) {
            expect(d.collector).toBe(collector.id);
            expect(d.path).not.toBe('');
            expect(d.code).not.toBe('internal-error');
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
