// Which technologies of the catalogue (src/analyses/technologies/technologies.yaml, given by the
// caller) each radar item stands for: its `technology:` ids, else its title matched case-insensitively
// against the catalogue's ids, names and aliases. An item that maps to nothing is a diagnostic.
import type { OfficeDiagnostic, RadarItem } from './load.ts';

interface CatalogueEntry {
  id: string;
  name: string;
  aliases?: readonly string[];
}

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Item id -> technology ids, and a diagnostic per item that maps to none or names an unknown id. */
export function mapRadarItems(
  items: readonly RadarItem[],
  catalogue: readonly CatalogueEntry[],
): { technologies: Map<string, string[]>; diagnostics: OfficeDiagnostic[] } {
  const byId = new Set(catalogue.map((t) => t.id));
  const byName = new Map<string, string>();
  for (const t of catalogue)
    for (const name of [t.id, t.name, ...(t.aliases ?? [])])
      if (!byName.has(key(name))) byName.set(key(name), t.id);
  const technologies = new Map<string, string[]>();
  const diagnostics: OfficeDiagnostic[] = [];
  for (const item of items) {
    const file = item.history.at(-1)?.file ?? item.id;
    if (item.technologies.length > 0) {
      const unknown = item.technologies.filter((id) => !byId.has(id));
      for (const id of unknown)
        diagnostics.push({
          file,
          line: null,
          message: `technology: "${id}" is not in the technology catalogue (cto tech, docs/technologies.md)`,
        });
      technologies.set(
        item.id,
        item.technologies.filter((id) => byId.has(id)),
      );
      continue;
    }
    const found = byName.get(key(item.title)) ?? byName.get(key(item.id));
    technologies.set(item.id, found ? [found] : []);
    if (!found)
      diagnostics.push({
        file,
        line: null,
        message: `"${item.title}" maps to no technology of the catalogue: add \`technology: <id>\` (ids: docs/technologies.md) or leave it unmapped`,
      });
  }
  return { technologies, diagnostics };
}
