// The ThoughtWorks "Build your own radar" CSV: `name,ring,quadrant,isNew,description`, one row per
// blip of one radar (no history: an import is one release). Rings and quadrants are names
// ("Adopt", "Languages & Frameworks"), matched with the radar's by id or title, case-insensitively.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CtoError } from '../../errors.ts';
import type { RadarConfig } from './config.ts';
import type { RadarItem } from './load.ts';
import { type ItemToWrite, itemId } from './write.ts';

const COLUMNS = ['name', 'ring', 'quadrant', 'isNew', 'description'] as const;

/** The items of a release as BYOR CSV; `isNew` when the release is the item's first. */
export function toByor(items: readonly RadarItem[], release: string, config: RadarConfig): string {
  const title = (list: Array<{ id: string; title: string }>, id: string) =>
    list.find((x) => x.id === id)?.title ?? id;
  const rows = items.flatMap((item) => {
    const history = item.history.filter((h) => h.release <= release);
    const last = history.at(-1);
    if (!last) return [];
    return [
      [
        item.title,
        title(config.rings, last.ring),
        title(config.quadrants, last.quadrant),
        history.length === 1 && last.release === release ? 'TRUE' : 'FALSE',
        last.body,
      ],
    ];
  });
  return stringify([[...COLUMNS], ...rows]);
}

/** Item files for `release` from BYOR CSV; a bad row is an error naming its line. */
export function fromByor(
  text: string,
  source: string,
  release: string,
  config: RadarConfig,
): { items: ItemToWrite[]; rings: string[]; quadrants: string[] } {
  let parsed: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    parsed = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
      info: true,
    });
  } catch (e) {
    throw new CtoError('CONFIG_INVALID', `${source}: ${(e as Error).message}`);
  }
  const rows = parsed.map((p) => p.record);
  const header = rows.length > 0 ? Object.keys(rows[0] as object) : [];
  const missing = COLUMNS.filter((c) => c !== 'isNew' && c !== 'description' && !header.includes(c));
  if (rows.length > 0 && missing.length > 0)
    throw new CtoError(
      'CONFIG_INVALID',
      `${source}:1: missing column ${missing.join(', ')} (BYOR columns: ${COLUMNS.join(',')})`,
    );
  const match = (list: Array<{ id: string; title: string }>, name: string) =>
    list.find((x) => x.id === name.toLowerCase() || x.title.toLowerCase() === name.toLowerCase())?.id ??
    itemId(name);
  const rings = new Set<string>();
  const quadrants = new Set<string>();
  const items = rows.map((row, i) => {
    for (const column of ['name', 'ring', 'quadrant'] as const)
      if (!row[column])
        throw new CtoError('CONFIG_INVALID', `${source}:${parsed[i]?.info.lines}: ${column}: empty`);
    const ring = match(config.rings, row.ring as string);
    const quadrant = match(config.quadrants, row.quadrant as string);
    if (!config.rings.some((r) => r.id === ring)) rings.add(ring);
    if (!config.quadrants.some((q) => q.id === quadrant)) quadrants.add(quadrant);
    return {
      release,
      id: itemId(row.name as string),
      front: { title: row.name, ring, quadrant },
      body: row.description ?? '',
    };
  });
  return { items, rings: [...rings], quadrants: [...quadrants] };
}
