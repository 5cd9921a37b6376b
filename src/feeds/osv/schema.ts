// The OSV schema (https://ossf.github.io/osv-schema/), only the fields we read; unknown fields pass.
import { z } from 'zod';

const event = z.looseObject({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

const range = z.looseObject({
  type: z.string(),
  repo: z.string().optional(),
  events: z.array(event),
});

const severity = z.looseObject({ type: z.string(), score: z.string() });

const affected = z.looseObject({
  package: z.looseObject({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }).optional(),
  severity: z.array(severity).optional(),
  ranges: z.array(range).optional(),
  versions: z.array(z.string()).optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
  ecosystem_specific: z.record(z.string(), z.unknown()).optional(),
});

export const osvRecordSchema = z.looseObject({
  schema_version: z.string().optional(),
  id: z.string().min(1),
  modified: z.string(),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).nullish(),
  related: z.array(z.string()).nullish(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severity).nullish(),
  affected: z.array(affected).nullish(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

export type OsvRecordJson = z.infer<typeof osvRecordSchema>;
