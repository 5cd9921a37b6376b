// risks.yaml: what people decided about risks, kept in the workspace and reviewed like code
// (docs/risk.md#decisions-risksyaml). Each entry names the risks it covers (a key, a key prefix
// ending in `*`, or an advisory id with an optional repository) and one decision:
//
//   risks:
//     - key: vulnerability:api:npm/form-data:GHSA-fjxv-7rqg-78g4
//       accept: { reason: Only the test server sends forms, owner: Web, expires: 2027-03-31 }
//     - advisory: CVE-2024-1234
//       repository: api
//       not-affected: { justification: vulnerable_code_not_in_execute_path, detail: we never parse XML }
//     - key: end-of-life:legacy:*
//       false-positive: { reason: the Dockerfile is an example }
import { join } from 'node:path';
import { z } from 'zod';
import { officeFile } from '../office/lenient.ts';
import { readYamlFile } from '../office/yaml-file.ts';
import { daySchema } from '../reference-date.ts';

export const RISKS_FILE = 'risks.yaml';

/** The VEX justifications for `not_affected` (OpenVEX 0.2.0, CISA's minimum requirements). */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

const acceptSchema = z
  .object({ reason: z.string().min(1), owner: z.string().min(1), expires: daySchema })
  .strict();
const notAffectedSchema = z
  .object({ justification: z.enum(VEX_JUSTIFICATIONS), detail: z.string().min(1).optional() })
  .strict();
const falsePositiveSchema = z.object({ reason: z.string().min(1) }).strict();

const DECISIONS = ['accept', 'not-affected', 'false-positive'] as const;

const entrySchema = z
  .object({
    key: z.string().min(1).optional(),
    advisory: z.string().min(1).optional(),
    repository: z.string().min(1).optional(),
    accept: acceptSchema.optional(),
    'not-affected': notAffectedSchema.optional(),
    'false-positive': falsePositiveSchema.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.key === undefined) === (e.advisory === undefined))
      ctx.addIssue({ code: 'custom', message: 'name the risks with `key` or with `advisory` (one of them)' });
    const given = DECISIONS.filter((d) => e[d] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `give one decision: ${DECISIONS.join(', ')}${given.length > 1 ? ` (not ${given.join(' and ')})` : ''}`,
      });
  });

export const risksFileSchema = z.object({ risks: z.array(entrySchema).default([]) }).strict();

export type DecisionEntry = z.infer<typeof entrySchema>;

/** One decision, as the register stores it with a risk. */
export type Decision =
  | { decision: 'accept'; reason: string; owner: string; expires: string }
  | { decision: 'not-affected'; justification: VexJustification; detail?: string }
  | { decision: 'false-positive'; reason: string };

/** The entries of risks.yaml; none when the file is absent. Errors name the file, line and key. */
export function loadDecisions(workspaceDir: string): DecisionEntry[] {
  return officeFile(
    () => readYamlFile(join(workspaceDir, RISKS_FILE), risksFileSchema, RISKS_FILE)?.risks ?? [],
    () => [],
  );
}

/** What the register knows of a risk to match it. */
interface Decidable {
  key: string;
  kind: string;
  repository: string;
  aliases: readonly string[];
}

/** The advisory id a vulnerability key ends with (ids have no colon; package names may). */
function advisoryOf(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}

/**
 * How well an entry matches: 4 exact key, 3 advisory and repository, 2 key prefix (longer wins on
 * ties by the order below), 1 advisory alone; 0 when it does not match.
 */
function strength(e: DecisionEntry, r: Decidable): number {
  if (e.key !== undefined) {
    if (e.repository !== undefined && e.repository !== r.repository) return 0;
    if (e.key === r.key) return 4;
    return e.key.endsWith('*') && r.key.startsWith(e.key.slice(0, -1)) ? 2 + e.key.length / 1e6 : 0;
  }
  if (r.kind !== 'vulnerability' || e.advisory === undefined) return 0;
  const id = e.advisory.toUpperCase();
  const ids = [advisoryOf(r.key), ...r.aliases].map((a) => a.toUpperCase());
  if (!ids.includes(id)) return 0;
  if (e.repository === undefined) return 1;
  return e.repository === r.repository ? 3 : 0;
}

/** The decision that applies to a risk: the most specific matching entry (the first of equals). */
export function decisionFor(entries: readonly DecisionEntry[], r: Decidable): Decision | null {
  let best: DecisionEntry | null = null;
  let bestStrength = 0;
  for (const e of entries) {
    const s = strength(e, r);
    if (s > bestStrength) {
      best = e;
      bestStrength = s;
    }
  }
  if (!best) return null;
  if (best.accept) return { decision: 'accept', ...best.accept };
  if (best['not-affected']) return { decision: 'not-affected', ...best['not-affected'] };
  if (best['false-positive']) return { decision: 'false-positive', ...best['false-positive'] };
  return null;
}
