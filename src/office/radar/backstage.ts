// The Backstage tech-radar JSON (`@backstage-community/plugin-tech-radar`'s TechRadarLoaderResponse):
// `{ quadrants: [{id, name}], rings: [{id, name, color}], entries: [{ id, key, title, quadrant,
// description, timeline: [{ moved, ringId, date, description }] }] }`, newest timeline entry first.
// `moved`: 1 moved in (towards the first ring), -1 moved out, 0 new or unchanged.
import { z } from 'zod';
import { CtoError } from '../../errors.ts';
import type { RadarConfig } from './config.ts';
import type { Radar } from './load.ts';
import { type ItemToWrite, itemId } from './write.ts';

const RING_COLOURS = ['#5ba300', '#009eb0', '#c7ba00', '#e09b96', '#8064a2', '#7f7f7f'];

const backstageSchema = z.object({
  quadrants: z.array(z.object({ id: z.string().min(1), name: z.string().optional() }).loose()).default([]),
  rings: z.array(z.object({ id: z.string().min(1), name: z.string().optional() }).loose()).default([]),
  entries: z.array(
    z
      .object({
        id: z.string().min(1).optional(),
        key: z.string().min(1).optional(),
        title: z.string().min(1),
        quadrant: z.string().min(1),
        description: z.string().optional(),
        timeline: z
          .array(
            z
              .object({
                ringId: z.string().min(1),
                date: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date, YYYY-MM-DD'),
                description: z.string().optional(),
              })
              .loose(),
          )
          .min(1),
      })
      .loose(),
  ),
});

/** The radar as Backstage tech-radar JSON: every item with its whole history. */
export function toBackstage(radar: Radar): Record<string, unknown> {
  const order = radar.config.rings.map((r) => r.id);
  return {
    quadrants: radar.config.quadrants.map((q) => ({ id: q.id, name: q.title })),
    rings: radar.config.rings.map((r, i) => ({
      id: r.id,
      name: r.title,
      color: RING_COLOURS[i % RING_COLOURS.length],
    })),
    entries: radar.items.map((item) => ({
      id: item.id,
      key: item.id,
      title: item.title,
      quadrant: item.quadrant,
      description: item.history.at(-1)?.body ?? '',
      timeline: item.history
        .map((h, i) => {
          const prior = item.history[i - 1];
          const moved =
            !prior || prior.ring === h.ring ? 0 : order.indexOf(h.ring) < order.indexOf(prior.ring) ? 1 : -1;
          return { moved, ringId: h.ring, date: h.release, description: h.body };
        })
        .reverse(),
    })),
  };
}

/** Item files from Backstage JSON, and the rings and quadrants it uses that the radar lacks. */
export function fromBackstage(
  text: string,
  source: string,
  config: RadarConfig,
): { items: ItemToWrite[]; rings: string[]; quadrants: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CtoError('CONFIG_INVALID', `${source}: not JSON: ${(e as Error).message}`);
  }
  const parsed = backstageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CtoError(
      'CONFIG_INVALID',
      `${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const items: ItemToWrite[] = [];
  for (const entry of parsed.data.entries) {
    const id = itemId(entry.key ?? entry.id ?? entry.title);
    const timeline = [...entry.timeline].sort((a, b) => a.date.localeCompare(b.date));
    timeline.forEach((t, i) => {
      items.push({
        release: t.date.slice(0, 10),
        id,
        front:
          i === 0 ? { title: entry.title, ring: t.ringId, quadrant: entry.quadrant } : { ring: t.ringId },
        body: t.description ?? (i === timeline.length - 1 ? (entry.description ?? '') : ''),
      });
    });
  }
  const used = (ids: string[], known: RadarConfig['rings'] | RadarConfig['quadrants']) =>
    [...new Set(ids)].filter((id) => !known.some((k) => k.id === id));
  return {
    items,
    rings: used(
      parsed.data.entries.flatMap((e) => e.timeline.map((t) => t.ringId)),
      config.rings,
    ),
    quadrants: used(
      parsed.data.entries.map((e) => e.quadrant),
      config.quadrants,
    ),
  };
}
