// The workspace: the folder cto runs in, its optional cto.yaml, and `.cto/` (store, caches).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { CtoError } from './errors.ts';

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

export const configSchema = z
  .object({
    /** Store URL (`postgres://...`) or SQLite file path, relative to the workspace. */
    db: z.string().optional(),
    scan: z
      .object({
        depth: z.number().int().min(1).max(64).optional(),
        maxFileSize: z.union([z.string(), z.number()]).optional(),
        jobs: z.number().int().min(1).max(64).optional(),
        /** Ids of the analyses a scan runs (default: all). */
        analyses: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
  })
  .passthrough();

export type WorkspaceConfig = z.infer<typeof configSchema>;

export interface Workspace {
  dir: string;
  config: WorkspaceConfig;
}

export function loadWorkspace(dir: string): Workspace {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new CtoError('PATH_NOT_FOUND', `workspace ${dir} does not exist`);
  const file = join(abs, 'cto.yaml');
  if (!existsSync(file)) return { dir: abs, config: {} };
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'), { maxAliasCount: 50 }) ?? {};
  } catch (e) {
    throw new CtoError('CONFIG_INVALID', `${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CtoError('CONFIG_INVALID', `${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return { dir: abs, config: parsed.data };
}

/** The store to use: --db, then CTO_DB, then cto.yaml, then `.cto/cto.db` in the workspace. */
export function storeTarget(
  ws: Workspace,
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = flag ?? env.CTO_DB ?? ws.config.db;
  if (!chosen) return join(ws.dir, '.cto', 'cto.db');
  return /^postgres(ql)?:\/\//i.test(chosen) ? chosen : resolve(ws.dir, chosen);
}
