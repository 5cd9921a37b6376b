// The `costs` section of cto.yaml: allocation rules from a charge's tags, sub account, service,
// provider or resource to a team, repository or technology (docs/costs.md#allocation).
import { z } from 'zod';

/** Ways a shared cost is split among teams. */
const SHARE_KEYS = ['even', 'commits', 'headcount'] as const;

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const ruleSchema = z
  .object({
    /** A tag key the charge carries; `{value}` in a target is that tag's value. */
    tag: z.string().min(1).optional(),
    /** With `tag`: the tag's value is one of these. */
    tagValue: oneOrMany.optional(),
    /** SubAccountId or SubAccountName. */
    subAccount: oneOrMany.optional(),
    /** ServiceName. */
    service: oneOrMany.optional(),
    /** ProviderName. */
    provider: oneOrMany.optional(),
    /** Globs on ResourceId (`*` within a `/`-separated part, `**` across parts). */
    resource: oneOrMany.optional(),
    team: z.string().min(1).optional(),
    repository: z.string().min(1).optional(),
    technology: z.string().min(1).optional(),
    /** A shared cost: split among teams by this key instead of naming one team. */
    share: z.enum(SHARE_KEYS).optional(),
    /** With `share`: the teams that share it (default: every team in teams.yaml). */
    among: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((r) => [r.tag, r.subAccount, r.service, r.provider, r.resource].some((m) => m !== undefined), {
    message: 'a rule needs at least one of tag, subAccount, service, provider, resource',
  })
  .refine((r) => [r.team, r.repository, r.technology, r.share].some((t) => t !== undefined), {
    message: 'a rule needs at least one of team, repository, technology, share',
  })
  .refine((r) => r.tagValue === undefined || r.tag !== undefined, { message: 'tagValue needs tag' })
  .refine((r) => r.share === undefined || r.team === undefined, {
    message: 'a rule has team or share, not both',
  })
  .refine((r) => r.among === undefined || r.share !== undefined, { message: 'among needs share' })
  .refine(
    (r) => r.tag !== undefined || ![r.team, r.repository, r.technology].some((t) => t?.includes('{value}')),
    {
      message: '{value} needs tag',
    },
  );

export type CostRule = z.infer<typeof ruleSchema>;

export const costsConfigSchema = z
  .object({
    /** First match wins, for each of team, repository and technology separately. */
    rules: z.array(ruleSchema).optional(),
    /** What a charge no rule allocates goes to; without it, it stays unallocated. */
    default: z
      .object({ team: z.string().min(1), repository: z.string().min(1), technology: z.string().min(1) })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type CostsConfig = z.infer<typeof costsConfigSchema>;
