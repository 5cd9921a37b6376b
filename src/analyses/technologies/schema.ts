// The shape of technologies.yaml: one entry per technology, with the rules that detect it.
// A name rule ending in `*` is a prefix (`@sentry/*`); any other is an exact name. Path rules
// are globs matched against the end of a path (`*` within one segment).
import { z } from 'zod';
import { ECOSYSTEMS } from '../../collectors/types.ts';

export const CATEGORIES = [
  'language',
  'framework',
  'library',
  'database',
  'cloud',
  'saas',
  'ci',
  'infrastructure',
  'observability',
  'messaging',
  'testing',
  'build',
  'security',
  'ai',
] as const;

const Rules = z
  .array(
    z
      .string()
      .min(1)
      .regex(/^[^*]+\*?$/, 'a `*` may only end a rule'),
  )
  .min(1);

/** Path rules: `*` matches within one segment, anywhere; no `**`, no leading or trailing `/`. */
const PathRules = z
  .array(z.string().regex(/^(?!\/)(?!.*\*\*)(?!.*\/$).+$/, 'a path rule is segments with optional `*`'))
  .min(1);

export const TechnologySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case kebab-case'),
  name: z.string().min(1),
  category: z.enum(CATEGORIES),
  /** Other names people write for it (radar item titles are matched against id, name and these). */
  aliases: z.array(z.string().min(1)).min(1).optional(),
  /**
   * A product sold under a contract or subscription (SaaS, a cloud, a licensed database): runtime use
   * of it with no contract in vendors.yaml is reported by `cto vendors` (docs/budget.md).
   */
  commercial: z.literal(true).optional(),
  /**
   * The most a match by a file path alone exposes it (a linter's or a dev container's config file is
   * not the product); default by category: `ci` for ci, `test` for testing, `build` for build.
   */
  pathExposure: z.enum(['build', 'ci', 'development', 'test']).optional(),
  /** Package names per ecosystem (Maven `group:artifact`). */
  packages: z.partialRecord(z.enum(ECOSYSTEMS), Rules).optional(),
  /** Container image names without tag; `docker.io/` and `library/` are implied. */
  images: Rules.optional(),
  /** Helm chart names (Chart.yaml dependencies). */
  charts: Rules.optional(),
  /** GitHub Actions, `owner/repo`. */
  actions: Rules.optional(),
  /** Terraform providers, `namespace/type`. */
  terraformProviders: Rules.optional(),
  /** Terraform module sources. */
  terraformModules: Rules.optional(),
  /** Repository paths matched from the end: `Jenkinsfile`, `.circleci/config.yml`, `*.tf`. */
  paths: PathRules.optional(),
});

export type Technology = z.infer<typeof TechnologySchema>;

export const TechnologyTableSchema = z.array(TechnologySchema);
