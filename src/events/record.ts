// Recording delivery events, the one path for `cto event` and the webhooks of `cto serve`: the
// repository must be in the store, the event id makes a second delivery a no-op, every write is audited.
import { createHash } from 'node:crypto';
import { CtoError } from '../errors.ts';
import { appendAudit } from '../store/accounts.ts';
import { deploymentById, type EventWrite, writeDeployment, writeIncident } from '../store/events.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { DeploymentEvent, IncidentEvent } from './schema.ts';

interface Receipt {
  /** Who sent it (`webhook`, `cli`) and from where (client address or `cli`). */
  actor: string;
  source: string;
  now: Date;
}

export interface Recorded {
  kind: 'deployment' | 'incident';
  eventId: string;
  repository: string;
  result: EventWrite;
}

/** The sender's id, else one derived from the event's fields as sent: the same event twice is one event. */
function eventId(kind: string, event: { id?: string | undefined }): string {
  if (event.id) return event.id;
  const fields = Object.entries(event).sort(([a], [b]) => a.localeCompare(b));
  return `${kind}:${createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32)}`;
}

async function repositoryOf(store: Store, name: string): Promise<string> {
  try {
    return (await resolveRepositoryName(store, name)) as string;
  } catch (e) {
    if (e instanceof CtoError && e.code === 'REPOSITORY_NOT_FOUND') {
      throw new CtoError('EVENT_INVALID', `repository: ${e.message}`);
    }
    throw e;
  }
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export async function recordDeployment(store: Store, event: DeploymentEvent, by: Receipt): Promise<Recorded> {
  const repository = await repositoryOf(store, event.repository);
  const id = eventId('deployment', event);
  const finishedAt = event.finished_at ?? by.now.toISOString();
  const result = await writeDeployment(store, {
    event_id: id,
    repository,
    commit_sha: event.commit,
    environment: event.environment,
    status: event.status,
    started_at: event.started_at ?? null,
    finished_at: finishedAt,
    finished_ts: seconds(finishedAt),
    source: by.actor,
    received_at: by.now.toISOString(),
  });
  return audited(store, by, { kind: 'deployment', eventId: id, repository, result });
}

export async function recordIncident(store: Store, event: IncidentEvent, by: Receipt): Promise<Recorded> {
  const repository = await repositoryOf(store, event.repository);
  if (event.deployment !== undefined) {
    const d = await deploymentById(store, event.deployment);
    if (!d || d.repository !== repository) {
      throw new CtoError(
        'EVENT_INVALID',
        `deployment: no deployment ${event.deployment} of ${repository} was recorded (send the deployment first, or name the commit)`,
      );
    }
  }
  const id = eventId('incident', event);
  const result = await writeIncident(store, {
    event_id: id,
    repository,
    severity: event.severity,
    started_at: event.started_at,
    started_ts: seconds(event.started_at),
    resolved_at: event.resolved_at ?? null,
    resolved_ts: event.resolved_at ? seconds(event.resolved_at) : null,
    deployment_event_id: event.deployment ?? null,
    commit_sha: event.commit ?? null,
    source: by.actor,
    received_at: by.now.toISOString(),
  });
  return audited(store, by, { kind: 'incident', eventId: id, repository, result });
}

async function audited(store: Store, by: Receipt, recorded: Recorded): Promise<Recorded> {
  await appendAudit(store, {
    at: by.now.toISOString(),
    actor: by.actor,
    source: by.source,
    action: `event.${recorded.kind}`,
    detail: { eventId: recorded.eventId, repository: recorded.repository, result: recorded.result },
  });
  return recorded;
}
