// Writing radar item files (import, `cto office init`): never over an existing file.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

export interface ItemToWrite {
  release: string;
  id: string;
  front: Record<string, unknown>;
  body: string;
}

/** Item file text: front matter then body. */
function itemText(front: Record<string, unknown>, body: string): string {
  const defined = Object.fromEntries(Object.entries(front).filter(([, v]) => v !== undefined));
  return `---\n${stringify(defined, { lineWidth: 0 })}---\n\n${body.trim()}\n`;
}

/** Write each item under `<folder>/<release>/<id>.md`; files that exist are left as they are. */
export function writeItems(
  workspaceDir: string,
  folder: string,
  items: readonly ItemToWrite[],
): { written: string[]; kept: string[] } {
  const written: string[] = [];
  const kept: string[] = [];
  for (const item of items) {
    const file = `${folder}/${item.release}/${item.id}.md`;
    const abs = join(workspaceDir, file);
    if (existsSync(abs)) {
      kept.push(file);
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, itemText(item.front, item.body), { flag: 'wx' });
    written.push(file);
  }
  return { written, kept };
}

/** An item id from a name: lower case, letters and digits, `-` between words (`C++` -> `c-plus-plus`). */
export function itemId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/\+/g, '-plus-')
    .replace(/#/g, '-sharp')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'item';
}
