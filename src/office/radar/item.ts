// One radar item file, `radar/<release>/<id>.md`, in the AOE technology radar format: front matter
// (`title`, `ring`, `quadrant`, `tags`, `featured`) and a Markdown body. cto adds `technology` (the
// technology catalogue ids the item stands for, when its title does not name one) and `decision`
// (the decision record that settles a TRIAL item). In a later release `ring` and `quadrant` may be
// left out: the item keeps the ones it had.
import { z } from 'zod';

const technologyId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a technology id is lower-case kebab-case');

export const radarItemSchema = z
  .object({
    title: z.string().min(1).optional(),
    ring: z.string().min(1).optional(),
    quadrant: z.string().min(1).optional(),
    tags: z.array(z.string().min(1)).default([]),
    featured: z.boolean().default(true),
    technology: z.union([technologyId, z.array(technologyId).min(1)]).optional(),
    decision: z.string().min(1).optional(),
  })
  .strict();

export type RadarItemFile = z.output<typeof radarItemSchema>;

/** Item ids are file names: AOE's rule (lower case, digits, `-`). */
export const ITEM_FILE = /^[a-z0-9][a-z0-9-]*\.md$/;

/** Release folders are dates. */
export const RELEASE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;
