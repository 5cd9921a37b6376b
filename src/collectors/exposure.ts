// How exposed a fact is (docs/risk.md, "Exposure"): the one function that decides it, from what the
// file says (a dependency's scope flag, a Dockerfile build stage) and where the file lives (`examples/`,
// `test/`, `.github/workflows/`), with path rules that cto.yaml's `exposure:` section can change.
import { z } from 'zod';
import { matchesPathGlob } from '../path-glob.ts';
import { type DependencyScope, EXPOSURES, type Exposure } from './types.ts';

/** What a raw lockfile or manifest flag means for exposure. */
export const SCOPE_EXPOSURE: Readonly<Record<DependencyScope, Exposure>> = {
  prod: 'runtime',
  optional: 'runtime',
  peer: 'runtime',
  dev: 'development',
  test: 'test',
  build: 'build',
  // Maven `provided` and `system`: compiled against, supplied by the platform that runs the code.
  provided: 'build',
  system: 'build',
};

/** Path rules by exposure: a file a rule matches takes that exposure, whatever its flags say. */
export type ExposurePaths = Partial<Record<Exposure, readonly string[]>>;

/** The default path rules (docs/risk.md): globs on the whole repository path. */
export const DEFAULT_EXPOSURE_PATHS: Readonly<ExposurePaths> = {
  ci: [
    '.github/**',
    '.gitlab-ci.yml',
    '.gitlab/**',
    '.circleci/**',
    '.buildkite/**',
    '.travis.yml',
    'azure-pipelines.yml',
    '**/Jenkinsfile',
  ],
  test: [
    '**/test/**',
    '**/tests/**',
    '**/__tests__/**',
    '**/spec/**',
    '**/e2e/**',
    '**/fixtures/**',
    '**/__fixtures__/**',
    '**/testdata/**',
    '**/bench/**',
    '**/benches/**',
    '**/benchmark/**',
    '**/benchmarks/**',
  ],
  example: ['**/examples/**', '**/example/**', '**/samples/**', '**/sample/**'],
  docs: ['**/docs/**', '**/doc/**', '**/website/**'],
};

/** The `exposure` section of cto.yaml: per exposure, globs that replace that exposure's default rules. */
export const exposureConfigSchema = z
  .object({
    paths: z.partialRecord(z.enum(EXPOSURES), z.array(z.string())).optional(),
  })
  .strict();

/** The path rules a workspace uses: the defaults, with each exposure cto.yaml lists replaced by its list. */
export function exposurePathsFrom(config: Record<string, unknown>): ExposurePaths {
  const parsed = exposureConfigSchema.safeParse(config.exposure ?? {});
  const paths = parsed.success ? (parsed.data.paths ?? {}) : {};
  return { ...DEFAULT_EXPOSURE_PATHS, ...paths };
}

export interface ExposureInput {
  /** Repository path of the manifest, lockfile or file that states the fact. */
  path: string;
  /** A dependency's raw scope flag. */
  scope?: DependencyScope;
  /** What the collector could tell from the file beyond the scope (a Dockerfile build stage). */
  stated?: Exposure;
}

/**
 * The exposure of one fact. A path rule wins (when several match, the most exposed); then what the
 * collector stated; then the dependency's scope; otherwise `runtime`.
 */
export function decideExposure(
  input: ExposureInput,
  paths: ExposurePaths = DEFAULT_EXPOSURE_PATHS,
): Exposure {
  const byPath = pathExposure(input.path, paths);
  if (byPath) return byPath;
  if (input.stated) return input.stated;
  if (input.scope) return SCOPE_EXPOSURE[input.scope];
  return 'runtime';
}

/** Path rule verdicts by path, per set of rules: many facts share a manifest, and globs are slow. */
const verdicts = new WeakMap<ExposurePaths, Map<string, Exposure | null>>();

/** The exposure of the most exposed path rule matching `path`; null when none does. */
function pathExposure(path: string, paths: ExposurePaths): Exposure | null {
  const known = verdicts.get(paths) ?? new Map<string, Exposure | null>();
  verdicts.set(paths, known);
  let verdict = known.get(path);
  if (verdict === undefined) {
    verdict = EXPOSURES.find((e) => paths[e]?.some((g) => matchesPathGlob(path, g))) ?? null;
    known.set(path, verdict);
  }
  return verdict;
}

/** Whether a fact with these exposures passes a `--scope` filter (none given: every fact passes). */
export function inScopes(exposures: readonly Exposure[], scopes: readonly Exposure[] | undefined): boolean {
  return scopes === undefined || exposures.some((e) => scopes.includes(e));
}
