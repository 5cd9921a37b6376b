// The `server` section of cto.yaml (docs/server.md#schedules, #single-sign-on-openid-connect): checked
// with the rest of the file; the cron expressions themselves are checked when `cto serve` starts
// (src/server/schedules.ts), and so is the OpenID Connect client secret (src/server/oidc.ts).
import { z } from 'zod';

const scheduleSchema = z
  .object({
    /** Five fields (minute hour day month weekday) or six with seconds first. */
    cron: z.string().min(1),
    /** `all`: every repository sources.yaml lists; or a list of repository names. */
    scan: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
    /** IANA time zone the expression is read in (default UTC). */
    timezone: z.string().min(1).optional(),
  })
  .strict();

export type Schedule = z.infer<typeof scheduleSchema>;

/** An http(s) URL; plain http only to this machine (a provider or a server on the loopback address). */
const secureUrl = z.url({ protocol: /^https?$/ }).refine(
  (u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  },
  { message: 'must be https (plain http only for 127.0.0.1, localhost or [::1])' },
);

const oidcSchema = z
  .object({
    /** The provider's issuer URL; its /.well-known/openid-configuration is read at the first sign-in. */
    issuer: secureUrl,
    client_id: z.string().min(1),
    /** Better in CTO_OIDC_CLIENT_SECRET, which wins: cto.yaml is often committed. */
    client_secret: z.string().min(1).optional(),
    /** Default: `<the server's origin as the browser reached it>/auth/oidc/callback`. */
    redirect_uri: secureUrl.optional(),
    /** Space-separated; must hold `openid`. */
    scopes: z
      .string()
      .refine((s) => s.split(/\s+/).includes('openid'), { message: 'must include openid' })
      .default('openid email profile'),
    /** Refuse an identity whose provider does not say its e-mail address is verified (default true). */
    require_verified_email: z.boolean().default(true),
    /** Only e-mail addresses of these domains sign in (default: any). */
    allowed_domains: z
      .array(
        z
          .string()
          .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as example.com')
          .transform((d) => d.toLowerCase()),
      )
      .min(1)
      .optional(),
    /** Create an account for an identity with no account yet, with this role (never admin). */
    auto_create: z
      .object({
        role: z.enum(['member', 'lead', 'board'], {
          message: 'member, lead or board (an admin is never created by single sign-on)',
        }),
      })
      .strict()
      .optional(),
  })
  .strict();

export type OidcConfig = z.infer<typeof oidcSchema>;

export const serverConfigSchema = z
  .object({ schedules: z.array(scheduleSchema).optional(), oidc: oidcSchema.optional() })
  .strict();
