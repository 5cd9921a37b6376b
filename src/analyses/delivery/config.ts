// The `delivery` section of cto.yaml.
import { z } from 'zod';
import { CtoError } from '../../errors.ts';

export const deliveryConfigSchema = z
  .object({
    /**
     * Regular expression with a named group `version` (and optionally `package`), tested against each
     * tag name; replaces the default patterns (versions, `<repository>-<version>`, `<package>@<version>`).
     */
    tagPattern: z.string().optional(),
    /** A release followed by a patch release within this many days counts as a change failure. */
    patchWindowDays: z.number().min(0).max(3650).default(14),
    /** Deployment events (CSV or JSON), relative to the workspace; used instead of releases for the frequency. */
    deployments: z.string().optional(),
  })
  .strict();

type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;

export function deliveryConfig(config: Record<string, unknown>): DeliveryConfig {
  const parsed = deliveryConfigSchema.safeParse(config.delivery ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CtoError(
      'CONFIG_INVALID',
      `cto.yaml: delivery.${issue?.path.join('.') ?? ''}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
