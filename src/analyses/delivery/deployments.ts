// Deployment events imported from a file the workspace declares (cto.yaml `delivery.deployments`):
//   CSV with a header naming `repository`, `time` and optionally `status`, or
//   JSON: an array (or `{ "deployments": [...] }`) of `{ "repository", "time", "status"? }`.
// `time` is ISO 8601; `status` is `success` (the default) or anything else (not a deployment).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CtoError } from '../../errors.ts';

export interface DeploymentEvent {
  repository: string;
  /** Epoch seconds. */
  ts: number;
  success: boolean;
}

const eventSchema = z.object({
  repository: z.string().min(1),
  time: z.string().min(1),
  status: z.string().optional(),
});

const fileSchema = z.union([z.array(eventSchema), z.object({ deployments: z.array(eventSchema) })]);

function toEvent(raw: z.infer<typeof eventSchema>, where: string): DeploymentEvent {
  const ms = Date.parse(raw.time);
  if (!Number.isFinite(ms))
    throw new CtoError('CONFIG_INVALID', `${where}: "${raw.time}" is not an ISO 8601 time`);
  const status = (raw.status ?? 'success').trim().toLowerCase();
  return {
    repository: raw.repository,
    ts: Math.floor(ms / 1000),
    success: status === '' || status === 'success',
  };
}

function parseDeploymentsCsv(text: string, file: string): DeploymentEvent[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  if (at('repository') < 0 || at('time') < 0)
    throw new CtoError(
      'CONFIG_INVALID',
      `${file}: the first line must name the columns repository,time[,status]`,
    );
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    const raw = {
      repository: cells[at('repository')] ?? '',
      time: cells[at('time')] ?? '',
      status: cells[at('status')],
    };
    if (raw.repository === '') throw new CtoError('CONFIG_INVALID', `${file}:${i + 2}: no repository`);
    return toEvent(raw, `${file}:${i + 2}`);
  });
}

function parseDeploymentsJson(text: string, file: string): DeploymentEvent[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CtoError('CONFIG_INVALID', `${file}: ${(e as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CtoError('CONFIG_INVALID', `${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.deployments;
  return list.map((e, i) => toEvent(e, `${file}: deployment ${i}`));
}

/** The events of the declared file (relative to the workspace), grouped by repository. */
export function loadDeployments(workspaceDir: string, path: string): Map<string, DeploymentEvent[]> {
  const file = resolve(workspaceDir, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CtoError(
      'CONFIG_INVALID',
      `delivery.deployments: cannot read ${file}: ${(e as Error).message}`,
    );
  }
  const events = /\.json$/i.test(file) ? parseDeploymentsJson(text, file) : parseDeploymentsCsv(text, file);
  const byRepo = new Map<string, DeploymentEvent[]>();
  for (const e of events) {
    const list = byRepo.get(e.repository);
    if (list) list.push(e);
    else byRepo.set(e.repository, [e]);
  }
  return byRepo;
}
