// What the registered plugins declare, kept in the workspace (`.cto/plugins.json`) under a
// fingerprint of their source folders, so that a rescan with nothing new compares a snapshot's
// plugins with the registries' without importing every collector and analysis (a no-op stays fast).

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import type { OfficeInput } from '../office/inputs.ts';
import type { PluginDeclaration } from './plugins.ts';

const SRC = join(import.meta.dirname, '..');

/** Where plugins declare themselves: their folders and the registries. */
const PLUGIN_FOLDERS = ['collectors', 'analyses'].map((f) => join(SRC, f));

const cacheSchema = z.object({
  fingerprint: z.string(),
  declarations: z.array(
    z.object({
      kind: z.enum(['collector', 'analysis']),
      id: z.string(),
      version: z.number(),
      area: z.string().nullable(),
      reads: z.array(
        z.custom<OfficeInput>(
          (v) => typeof v === 'string' && /^(teams|people|risks|reference-date|config:.+)$/.test(v),
        ),
      ),
      after: z.array(z.string()),
    }),
  ),
});

/**
 * A fingerprint of the plugin folders as they are now (each file's path, size, modification and change
 * times; any write moves the change time) and of what is selected from them: any edit to a plugin or
 * a registry changes it.
 */
export function pluginsFingerprint(selection: string, folders: readonly string[] = PLUGIN_FOLDERS): string {
  const hash = createHash('sha256').update(`${selection}\0`);
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) {
        const st = statSync(path);
        hash.update(`${relative(SRC, path)}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}\0`);
      }
    }
  };
  for (const folder of folders) walk(folder);
  return hash.digest('hex');
}

/** The declarations kept for `fingerprint`, or those `load` gives (then kept); a bad file is ignored. */
export async function cachedDeclarations(
  file: string,
  fingerprint: string,
  load: () => Promise<PluginDeclaration[]>,
): Promise<PluginDeclaration[]> {
  try {
    const kept = cacheSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    if (kept.fingerprint === fingerprint) return kept.declarations;
  } catch {
    // No cache yet, or one this version cannot read: load them.
  }
  const declarations = await load();
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ fingerprint, declarations })}\n`);
  } catch {
    // A workspace that cannot be written: the next scan loads them again.
  }
  return declarations;
}
