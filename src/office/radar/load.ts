// Loading the radar folder: one sub-folder per release, one Markdown file per item. Each item is
// followed through the releases: a file for it in a later release adds a history entry. A bad file
// is a diagnostic naming file and line; the other files still apply.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isCtoError } from '../../errors.ts';
import { type OfficeDiagnostic, parseFrontMatter } from '../front-matter.ts';
import type { RadarConfig } from './config.ts';
import { ITEM_FILE, type RadarItemFile, RELEASE_FOLDER, radarItemSchema } from './item.ts';

export type { OfficeDiagnostic } from '../front-matter.ts';

export interface RadarEntry {
  release: string;
  ring: string;
  quadrant: string;
  /** The file of this release, relative to the workspace. */
  file: string;
  body: string;
}

export interface RadarItem {
  id: string;
  title: string;
  ring: string;
  quadrant: string;
  tags: string[];
  featured: boolean;
  /** Technology ids the item names explicitly (`technology:`); empty when its title is to be matched. */
  technologies: string[];
  decision: string | null;
  /** One entry per release declaring the item, oldest first; the last is the item as it stands. */
  history: RadarEntry[];
}

export interface Radar {
  config: RadarConfig;
  /** Release dates, oldest first. */
  releases: string[];
  items: RadarItem[];
  diagnostics: OfficeDiagnostic[];
}

/** Diagnostic from an error: the `file:line:` prefix of a CONFIG_INVALID message becomes its place. */
function diagnosticOf(file: string, e: unknown): OfficeDiagnostic {
  const message = isCtoError(e) || e instanceof Error ? e.message : String(e);
  const m = /^([^:]+):(\d+): (.*)$/s.exec(message);
  if (m && m[1] === file) return { file, line: Number(m[2]), message: m[3] ?? message };
  return {
    file,
    line: null,
    message: message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message,
  };
}

/** The radar of a workspace; null when it has no radar folder. */
export function loadRadar(workspaceDir: string, config: RadarConfig): Radar | null {
  const root = join(workspaceDir, config.folder);
  if (!existsSync(root) || !statSync(root).isDirectory()) return null;
  const diagnostics: OfficeDiagnostic[] = [];
  const releases: string[] = [];
  for (const name of readdirSync(root).sort()) {
    if (!statSync(join(root, name)).isDirectory()) continue;
    if (RELEASE_FOLDER.test(name) && !Number.isNaN(Date.parse(name))) releases.push(name);
    else
      diagnostics.push({
        file: `${config.folder}/${name}`,
        line: null,
        message: 'not a release folder (its name must be a date, YYYY-MM-DD): ignored',
      });
  }
  const items = new Map<string, RadarItem>();
  for (const release of releases) {
    for (const name of readdirSync(join(root, release)).sort()) {
      const file = `${config.folder}/${release}/${name}`;
      if (!name.endsWith('.md')) continue;
      if (!ITEM_FILE.test(name)) {
        diagnostics.push({
          file,
          line: null,
          message: 'an item file name is lower-case letters, digits and -: ignored',
        });
        continue;
      }
      try {
        const text = readFileSync(join(root, release, name), 'utf8');
        const { data, body } = parseFrontMatter(text, radarItemSchema, file);
        const problem = addEntry(items, name.slice(0, -3), release, file, data, body, config);
        if (problem) diagnostics.push({ file, line: keyLine(text, problem.key), message: problem.message });
      } catch (e) {
        diagnostics.push(diagnosticOf(file, e));
      }
    }
  }
  return { config, releases, items: [...items.values()], diagnostics };
}

function addEntry(
  items: Map<string, RadarItem>,
  id: string,
  release: string,
  file: string,
  data: RadarItemFile,
  body: string,
  config: RadarConfig,
): { key: string; message: string } | null {
  const before = items.get(id);
  const ring = data.ring ?? before?.ring;
  const quadrant = data.quadrant ?? before?.quadrant;
  if (!ring) return { key: 'ring', message: 'ring: required where the item first appears; item ignored' };
  if (!quadrant)
    return { key: 'quadrant', message: 'quadrant: required where the item first appears; item ignored' };
  if (!config.rings.some((r) => r.id === ring))
    return {
      key: 'ring',
      message: `ring: "${ring}" is not a ring of the radar (${config.rings.map((r) => r.id).join(', ')}); item ignored`,
    };
  if (!config.quadrants.some((q) => q.id === quadrant))
    return {
      key: 'quadrant',
      message: `quadrant: "${quadrant}" is not a quadrant of the radar (${config.quadrants.map((q) => q.id).join(', ')}); item ignored`,
    };
  const technologies =
    data.technology === undefined ? (before?.technologies ?? []) : [data.technology].flat();
  const entry: RadarEntry = { release, ring, quadrant, file, body };
  items.set(id, {
    id,
    title: data.title ?? before?.title ?? id,
    ring,
    quadrant,
    tags: data.tags.length > 0 ? data.tags : (before?.tags ?? []),
    featured: data.featured,
    technologies,
    decision: data.decision ?? before?.decision ?? null,
    history: [...(before?.history ?? []), entry],
  });
  return null;
}

/** The line of a top-level front matter key (1 when not found). */
function keyLine(text: string, key: string): number {
  const i = text.split(/\r?\n/).findIndex((l) => l.startsWith(`${key}:`));
  return i < 0 ? 1 : i + 1;
}
