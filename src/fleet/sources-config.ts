// `sources.yaml` in the workspace: where the company's repositories are. Each entry is one of a git
// URL, a local folder (searched like `cto scan`), a GitHub organisation or a GitLab group (their REST
// APIs, on github.com / gitlab.com or a self-hosted instance). docs/fleet.md describes the file.
import { join } from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../office/yaml-file.ts';

/** Name patterns: `*` matches any run of characters; matched against the repository's name, case-insensitively. */
const patterns = z.array(z.string().min(1)).optional();

const filters = {
  /** Only repositories whose name matches one of these (default: all). */
  include: patterns,
  /** Repositories whose name matches one of these are left out. */
  exclude: patterns,
};

const forge = {
  /** The API root of a self-hosted instance (default `https://api.github.com` / `https://gitlab.com/api/v4`). */
  api: z.url({ protocol: /^https?$/ }).optional(),
  /** Name of the environment variable holding the token (the token itself is never written in the file). */
  token: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable, not the token')
    .optional(),
  /** Include archived repositories (default false). */
  archived: z.boolean().optional(),
  /** Include forks (default false). */
  forks: z.boolean().optional(),
  ...filters,
};

const sourceSchema = z.union([
  z.strictObject({ url: z.string().min(1), name: z.string().min(1).optional() }),
  z.strictObject({ folder: z.string().min(1), ...filters }),
  z.strictObject({ github: z.string().min(1), ...forge }),
  z.strictObject({ gitlab: z.string().min(1), ...forge }),
]);

const mirrorsSchema = z.strictObject({
  /** Where bare mirrors are kept (default `.cto/mirrors` in the workspace); relative to the workspace. */
  folder: z.string().min(1).optional(),
  /** Largest a mirror may grow to during one fetch, in MiB (default 2048). */
  maxSizeMiB: z.number().int().min(1).optional(),
  /** Longest one fetch may take, in seconds (default 600). */
  timeoutSeconds: z.number().int().min(1).optional(),
});

export const sourcesFileSchema = z.strictObject({
  sources: z.array(sourceSchema),
  mirrors: mirrorsSchema.optional(),
});

export type SourcesFile = z.infer<typeof sourcesFileSchema>;

export type Source = z.infer<typeof sourceSchema>;

export const SOURCES_FILE = 'sources.yaml';

/** The sources file of a workspace; null when it has none. */
export function readSources(workspaceDir: string): SourcesFile | null {
  return readYamlFile(join(workspaceDir, SOURCES_FILE), sourcesFileSchema, SOURCES_FILE);
}

/** The source's stable id, as stored with each repository it lists (`github:acme`, `folder:~/code`). */
export function sourceId(source: Source): string {
  if ('url' in source) return `url:${source.url}`;
  if ('folder' in source) return `folder:${source.folder}`;
  if ('github' in source) return `github:${source.api ? `${source.api} ` : ''}${source.github}`;
  return `gitlab:${source.api ? `${source.api} ` : ''}${source.gitlab}`;
}

function patternRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether a repository name passes a source's include and exclude patterns. */
export function passesFilters(name: string, f: { include?: string[]; exclude?: string[] }): boolean {
  if (f.include && !f.include.some((p) => patternRegex(p).test(name))) return false;
  return !(f.exclude ?? []).some((p) => patternRegex(p).test(name));
}
