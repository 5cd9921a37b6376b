import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPOSURE_PATHS,
  decideExposure,
  type ExposureInput,
  exposureConfigSchema,
  exposurePathsFrom,
} from './exposure.ts';
import { type DependencyScope, EXPOSURES, type Exposure } from './types.ts';

const CASES: Array<[ExposureInput, Exposure]> = [
  // Scope flags, in a manifest at the root.
  [{ path: 'package.json', scope: 'prod' }, 'runtime'],
  [{ path: 'package-lock.json', scope: 'dev' }, 'development'],
  [{ path: 'package-lock.json', scope: 'optional' }, 'runtime'],
  [{ path: 'package-lock.json', scope: 'peer' }, 'runtime'],
  [{ path: 'pom.xml', scope: 'test' }, 'test'],
  [{ path: 'pom.xml', scope: 'provided' }, 'build'],
  [{ path: 'pom.xml', scope: 'system' }, 'build'],
  [{ path: 'Cargo.toml', scope: 'build' }, 'build'],
  // Paths override flags, at any depth.
  [{ path: 'examples/basic/package.json', scope: 'prod' }, 'example'],
  [{ path: 'packages/a/example/go.mod', scope: 'prod' }, 'example'],
  [{ path: 'docs/package.json', scope: 'dev' }, 'docs'],
  [{ path: 'doc/requirements.txt', scope: 'prod' }, 'docs'],
  [{ path: 'test/fixtures/app/package.json', scope: 'prod' }, 'test'],
  [{ path: 'tests/requirements.txt', scope: 'prod' }, 'test'],
  [{ path: 'src/__tests__/package.json', scope: 'prod' }, 'test'],
  [{ path: 'spec/Gemfile.lock', scope: 'prod' }, 'test'],
  [{ path: 'benchmarks/go.mod', scope: 'prod' }, 'test'],
  [{ path: 'bench/Cargo.toml', scope: 'prod' }, 'test'],
  // Several rules match: the most exposed wins.
  [{ path: 'docs/examples/package.json', scope: 'prod' }, 'example'],
  [{ path: 'examples/app/test/package.json', scope: 'prod' }, 'test'],
  // Names that only look like the folders do not match.
  [{ path: 'testing/package.json', scope: 'prod' }, 'runtime'],
  [{ path: 'src/docs.ts/package.json', scope: 'prod' }, 'runtime'],
  [{ path: 'latest/package.json', scope: 'dev' }, 'development'],
  // CI files, for runtimes and images.
  [{ path: '.github/workflows/ci.yml' }, 'ci'],
  [{ path: '.github/actions/setup/action.yml' }, 'ci'],
  [{ path: '.gitlab-ci.yml' }, 'ci'],
  [{ path: 'action.yml' }, 'runtime'],
  // What a collector states (a Dockerfile build stage), unless a path rule says otherwise.
  [{ path: 'Dockerfile', stated: 'build' }, 'build'],
  [{ path: 'Dockerfile' }, 'runtime'],
  [{ path: 'examples/Dockerfile', stated: 'build' }, 'example'],
  [{ path: '.nvmrc' }, 'runtime'],
  // Names that start with a dot are matched like the others.
  [{ path: 'examples/.nvmrc' }, 'example'],
  [{ path: '.devcontainer/test/.python-version' }, 'test'],
  [{ path: 'test/.github/workflows/ci.yml' }, 'test'],
];

/** Repository paths as git gives them: no empty, `.` or `..` segments. */
const segments = fc
  .array(
    fc.stringMatching(/^[\w.-]{1,12}$/).filter((s) => s !== '.' && s !== '..'),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join('/'));

describe('decideExposure', () => {
  it.each(CASES)('%o -> %s', (input, expected) => {
    expect(decideExposure(input)).toBe(expected);
  });

  it('takes cto.yaml rules: a listed exposure replaces its defaults, the others stay', () => {
    const paths = exposurePathsFrom({
      exposure: { paths: { example: ['demo/**'], runtime: ['docs/site/**'] } },
    });
    expect(decideExposure({ path: 'demo/package.json', scope: 'prod' }, paths)).toBe('example');
    expect(decideExposure({ path: 'examples/package.json', scope: 'prod' }, paths)).toBe('runtime');
    expect(decideExposure({ path: 'docs/site/package.json', scope: 'dev' }, paths)).toBe('runtime');
    expect(decideExposure({ path: 'docs/package.json', scope: 'prod' }, paths)).toBe('docs');
    expect(decideExposure({ path: 'test/package.json', scope: 'prod' }, paths)).toBe('test');
    const none = exposurePathsFrom({ exposure: { paths: { test: [] } } });
    expect(decideExposure({ path: 'test/package.json', scope: 'prod' }, none)).toBe('runtime');
    expect(exposurePathsFrom({})).toEqual(DEFAULT_EXPOSURE_PATHS);
  });

  it('checks the cto.yaml section strictly', () => {
    expect(exposureConfigSchema.safeParse({ paths: { tests: ['x/**'] } }).success).toBe(false);
    expect(exposureConfigSchema.safeParse({ path: {} }).success).toBe(false);
    expect(exposureConfigSchema.safeParse({ paths: { test: ['x/**'] } }).success).toBe(true);
  });

  it('is total: any path and scope gives one exposure; under examples/ a path rule decides', () => {
    const scopes: DependencyScope[] = [
      'prod',
      'dev',
      'optional',
      'peer',
      'test',
      'build',
      'provided',
      'system',
    ];
    fc.assert(
      fc.property(segments, fc.constantFrom(...scopes), (path, scope) => {
        const got = decideExposure({ path, scope });
        expect(EXPOSURES).toContain(got);
        const underExamples = decideExposure({ path: `examples/${path}`, scope });
        expect(['example', 'test', 'ci']).toContain(underExamples);
      }),
    );
  });
});
