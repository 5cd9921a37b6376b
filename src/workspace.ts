// The workspace: the folder cto runs in, its optional cto.yaml, and `.cto/` (store, caches).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { deliveryConfigSchema } from './analyses/delivery/config.ts';
import { hotspotsConfigSchema } from './analyses/hotspots/exclude.ts';
import { budgetConfigSchema } from './budget/config.ts';
import { exposureConfigSchema } from './collectors/exposure.ts';
import { costsConfigSchema } from './costs/config.ts';
import { CtoError } from './errors.ts';
import { eolConfigSchema } from './feeds/endoflife/config.ts';
import { licencePolicySchema } from './licences/policy.ts';
import { decisionsConfigSchema } from './office/decisions/schema.ts';
import { loadPeopleConfig, peopleConfigSchema } from './office/people.ts';
import { radarConfigSchema } from './office/radar/config.ts';
import { loadTeams } from './office/teams.ts';
import { readYamlFile } from './office/yaml-file.ts';
import { snapshotsConfigSchema } from './reference-date.ts';
import { riskConfigSchema } from './risk/config.ts';
import { loadDecisions } from './risk/decisions.ts';
import { serverConfigSchema } from './server/config.ts';
import { webhooksConfigSchema } from './server/webhook.ts';
import { checkStoreTarget, isPostgresUrl } from './store/target.ts';

const CONFIG_FILE = 'cto.yaml';

const SIZE_RE = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;

/** `10MiB`, `512k`, `2000000` -> bytes. */
export function parseSize(text: string | number): number {
  if (typeof text === 'number') return text;
  const m = SIZE_RE.exec(text.trim());
  if (!m) throw new CtoError('USAGE', `"${text}" is not a size (examples: 10MiB, 512k, 2000000)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * mult);
}

/** The `scan` section of cto.yaml. */
const scanConfigSchema = z
  .object({
    depth: z.number().int().min(1).max(64).optional(),
    maxFileSize: z.union([z.string(), z.number()]).optional(),
    jobs: z.number().int().min(1).max(64).optional(),
    /** Address space of each git process (size, default 2GiB). */
    gitMemory: z.union([z.string(), z.number().positive()]).optional(),
    /** Seconds each git process may run, or `auto` (scaled to the repository). */
    gitTimeout: z.union([z.literal('auto'), z.number().positive()]).optional(),
    /** Bytes each git process may write, or `auto` (scaled to the repository). */
    gitOutput: z.union([z.literal('auto'), z.string(), z.number().positive()]).optional(),
    /** Entries a scanned tree may hold (default 1,000,000). */
    maxTreeEntries: z.number().int().min(1).optional(),
    /** Ids of the analyses a scan runs (default: all). */
    analyses: z.array(z.string()).optional(),
  })
  .strict();

/**
 * cto.yaml: one strict schema built from each section's own schema, so a misspelt key anywhere is an
 * error naming its line and key path before anything runs (docs/configuration.md).
 */
export const configSchema = z
  .object({
    /** Store URL (`postgres://...`) or SQLite file path, relative to the workspace. */
    db: z.string().optional(),
    scan: scanConfigSchema.optional(),
    delivery: deliveryConfigSchema.optional(),
    hotspots: hotspotsConfigSchema.optional(),
    licences: licencePolicySchema.optional(),
    eol: eolConfigSchema.optional(),
    people: peopleConfigSchema.optional(),
    risk: riskConfigSchema.optional(),
    exposure: exposureConfigSchema.optional(),
    snapshots: snapshotsConfigSchema.optional(),
    budget: budgetConfigSchema.optional(),
    radar: radarConfigSchema.optional(),
    decisions: decisionsConfigSchema.optional(),
    costs: costsConfigSchema.optional(),
    server: serverConfigSchema.optional(),
    webhooks: webhooksConfigSchema.optional(),
  })
  .strict();

export type WorkspaceConfig = z.infer<typeof configSchema>;

export interface Workspace {
  dir: string;
  config: WorkspaceConfig;
}

export function loadWorkspace(dir: string): Workspace {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new CtoError('PATH_NOT_FOUND', `workspace ${dir} does not exist`);
  const config = readYamlFile(join(abs, CONFIG_FILE), configSchema, CONFIG_FILE) ?? {};
  // Office files are checked as they are loaded here: a mistake stops every command before it starts,
  // except a scan, which says it once and goes on without the file (src/office/lenient.ts).
  loadTeams(abs);
  loadPeopleConfig(abs, config);
  loadDecisions(abs);
  return { dir: abs, config };
}

/** The store to use: --db, then CTO_DB, then cto.yaml, then `.cto/cto.db` in the workspace. */
export function storeTarget(
  ws: Workspace,
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = flag || env.CTO_DB || ws.config.db;
  if (!chosen) return join(ws.dir, '.cto', 'cto.db');
  checkStoreTarget(chosen);
  return isPostgresUrl(chosen) ? chosen : resolve(ws.dir, chosen);
}
