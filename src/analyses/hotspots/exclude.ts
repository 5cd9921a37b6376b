// Which files hotspot and coupling lists leave out: categories and globs (defaults plus cto.yaml).
import { z } from 'zod';
import { matchesPathGlob } from '../../path-glob.ts';

/** The `hotspots` section of cto.yaml. */
export const hotspotsConfigSchema = z
  .object({
    /** Globs left out of hotspot and coupling lists, added to the defaults. */
    exclude: z.array(z.string()).optional(),
    /** `false` drops the default globs (tests, lockfiles). */
    defaults: z.boolean().optional(),
  })
  .strict();

/** Categories left out by default (see docs/metrics/code.md). */
const EXCLUDED_CATEGORIES: readonly string[] = [
  'vendored',
  'generated',
  'documentation',
  'binary',
  'prose',
  'data',
];

/** Globs left out by default: tests and lockfiles. Matched against the whole path. */
const DEFAULT_EXCLUDES: readonly string[] = [
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/spec/**',
  '**/t/**',
  't/**',
  'test/**',
  'tests/**',
  'spec/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/*_test.*',
  '**/*_spec.*',
  '**/test_*.py',
  '**/*.lock',
  '**/package-lock.json',
  '**/pnpm-lock.yaml',
  '**/npm-shrinkwrap.json',
  '**/go.sum',
];

export interface Exclusions {
  categories: readonly string[];
  globs: readonly string[];
}

/** Defaults plus `hotspots.exclude` from cto.yaml; `hotspots.defaults: false` drops the default globs. */
export function exclusionsFrom(config: Record<string, unknown>): Exclusions {
  const parsed = hotspotsConfigSchema.safeParse(config.hotspots ?? {});
  const section = parsed.success ? parsed.data : {};
  const extra = section.exclude ?? [];
  const globs = section.defaults === false ? extra : [...DEFAULT_EXCLUDES, ...extra];
  return { categories: EXCLUDED_CATEGORIES, globs };
}

export const NO_EXCLUSIONS: Exclusions = { categories: [], globs: [] };

export function isExcluded(path: string, category: string | null, ex: Exclusions): boolean {
  if (category !== null && ex.categories.includes(category)) return true;
  return ex.globs.some((g) => matchesPathGlob(path, g));
}
