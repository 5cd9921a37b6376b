// Delivery events (docs/metrics/delivery.md#events): what a deployment and an incident carry, the same
// for the webhooks of `cto serve` and for `cto event`. Strict: an unknown field is an error.
import { z } from 'zod';
import { CtoError } from '../errors.ts';

export const SHA = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, 'a full commit SHA: 40 (or 64) hexadecimal characters')
  .transform((s) => s.toLowerCase());

/** ISO 8601 with a time zone (`Z` or an offset), stored as UTC. */
export const TIME = z.iso
  .datetime({ offset: true, message: 'an ISO 8601 time with a zone, e.g. 2024-03-01T12:00:00Z' })
  .transform((s) => new Date(s).toISOString());

const ID = z.string().min(1).max(200);

export const DEPLOYMENT_STATUSES = ['success', 'failure', 'in_progress', 'cancelled'] as const;

export const deploymentEventSchema = z
  .object({
    id: ID.optional(),
    repository: z.string().min(1).max(500),
    commit: SHA,
    environment: z
      .string()
      .min(1)
      .max(100)
      .transform((s) => s.toLowerCase()),
    started_at: TIME.optional(),
    finished_at: TIME.optional(),
    status: z.enum(DEPLOYMENT_STATUSES).default('success'),
  })
  .strict();

export const incidentEventSchema = z
  .object({
    id: ID.optional(),
    repository: z.string().min(1).max(500),
    started_at: TIME,
    resolved_at: TIME.nullable().optional(),
    severity: z.string().min(1).max(50),
    deployment: ID.optional(),
    commit: SHA.optional(),
  })
  .strict()
  .refine((e) => !e.resolved_at || e.resolved_at >= e.started_at, {
    message: 'resolved_at is before started_at',
    path: ['resolved_at'],
  });

export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;
export type IncidentEvent = z.infer<typeof incidentEventSchema>;

/** The event, or EVENT_INVALID naming each field at fault. */
export function parseEvent<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw new CtoError('EVENT_INVALID', `not a valid ${what}: ${issues.join('; ')}`);
}
