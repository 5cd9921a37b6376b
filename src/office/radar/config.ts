// The `radar:` section of cto.yaml: the rings (inner to outer) and quadrants of the radar, any
// number of each, where its folder is, and after how long a TRIAL item without a decision is a finding.
//
//   radar:
//     folder: radar                       # one sub-folder per release: radar/2026-12-01/*.md
//     rings:                              # inner to outer; `stance` gives a ring its meaning
//       - { id: adopt, title: Adopt }     # (adopt, trial, assess, hold; the id when it is one)
//       - { id: pilot, title: Pilot, stance: trial }
//       - { id: assess }
//       - { id: hold }
//     quadrants:
//       - { id: languages-and-frameworks, title: Languages & Frameworks }
//       - { id: platforms-and-operations, title: Platforms & Operations }
//     trialMaxAgeDays: 180
import { z } from 'zod';

export const STANCES = ['adopt', 'trial', 'assess', 'hold'] as const;
export type Stance = (typeof STANCES)[number];

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is lower-case kebab-case');

const ringSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1).optional(),
    description: z.string().optional(),
    stance: z.enum(STANCES).optional(),
  })
  .strict();

const quadrantSchema = z
  .object({ id: idSchema, title: z.string().min(1).optional(), description: z.string().optional() })
  .strict();

const uniqueIds = <T extends { id: string }>(list: T[], ctx: z.RefinementCtx) => {
  list.forEach((x, i) => {
    if (list.findIndex((y) => y.id === x.id) !== i)
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${x.id}" is listed twice` });
  });
};

export const radarConfigSchema = z
  .object({
    folder: z.string().min(1).optional(),
    rings: z.array(ringSchema).min(1).superRefine(uniqueIds).optional(),
    quadrants: z.array(quadrantSchema).min(1).superRefine(uniqueIds).optional(),
    trialMaxAgeDays: z.number().int().positive().optional(),
  })
  .strict();

export interface RadarRing {
  id: string;
  title: string;
  /** What the ring means for findings; null when neither set nor implied by the id. */
  stance: Stance | null;
}

export interface RadarQuadrant {
  id: string;
  title: string;
}

export interface RadarConfig {
  folder: string;
  rings: RadarRing[];
  quadrants: RadarQuadrant[];
  trialMaxAgeDays: number;
}

/** The AOE technology radar's default rings and quadrants. */
const DEFAULT_RINGS = ['adopt', 'trial', 'assess', 'hold'];
const DEFAULT_QUADRANTS: RadarQuadrant[] = [
  { id: 'languages-and-frameworks', title: 'Languages & Frameworks' },
  { id: 'methods-and-patterns', title: 'Methods & Patterns' },
  { id: 'platforms-and-operations', title: 'Platforms & Operations' },
  { id: 'tools', title: 'Tools' },
];

const DEFAULT_TRIAL_MAX_AGE_DAYS = 180;

const titled = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

/** The radar configuration with its defaults, from the (already validated) cto.yaml section. */
export function radarConfig(section: z.infer<typeof radarConfigSchema> | undefined): RadarConfig {
  const s = section ?? {};
  const rings: Array<{ id: string; title?: string; stance?: Stance }> =
    s.rings ?? DEFAULT_RINGS.map((id) => ({ id }));
  const quadrants = s.quadrants ?? DEFAULT_QUADRANTS;
  return {
    folder: s.folder ?? 'radar',
    rings: rings.map((r) => ({
      id: r.id,
      title: r.title ?? titled(r.id),
      stance: r.stance ?? ((STANCES as readonly string[]).includes(r.id) ? (r.id as Stance) : null),
    })),
    quadrants: quadrants.map((q) => ({ id: q.id, title: q.title ?? titled(q.id) })),
    trialMaxAgeDays: s.trialMaxAgeDays ?? DEFAULT_TRIAL_MAX_AGE_DAYS,
  };
}
