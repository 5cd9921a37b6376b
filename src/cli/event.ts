// `cto event`: record a deployment or an incident in the store, as the webhooks of `cto serve` do
// (docs/metrics/delivery.md#events), and list the events recorded.
import { Command } from 'commander';
import type { z } from 'zod';
import { CtoError } from '../errors.ts';
import { type Recorded, recordDeployment, recordIncident } from '../events/record.ts';
import {
  DEPLOYMENT_STATUSES,
  deploymentEventSchema,
  incidentEventSchema,
  parseEvent,
  SHA,
  TIME,
} from '../events/schema.ts';
import { deliveryEvents } from '../store/events.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import { choiceOption, globalOptions, withStore, withWritableStore } from './context.ts';
import { printJson, printLine, printTable, shortSha } from './output.ts';

const CLI = { actor: 'cli', source: 'cli' };

function said(r: Recorded): string {
  const what =
    r.result === 'created'
      ? 'recorded'
      : r.result === 'updated'
        ? 'updated (same id, new content)'
        : 'already recorded: nothing changed';
  return `${r.kind === 'deployment' ? 'Deployment' : 'Incident'} ${r.eventId} of ${r.repository} ${what}.`;
}

/** Only the options given: absent ones stay absent so the schema's defaults and rules apply. */
function given(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

const TIME_HELP = 'ISO 8601 with a zone, e.g. 2024-03-01T12:00:00Z';

/** An option checked as the command line is read (USAGE), by the same schema as the event's field. */
function checked(name: string, schema: z.ZodType, takes: string) {
  return (value: string): string => {
    if (!schema.safeParse(value).success)
      throw new CtoError('USAGE', `${name} takes ${takes}, not "${value}"`);
    return value;
  };
}
const sha = (name: string) => checked(name, SHA, 'a full commit SHA (40 or 64 hexadecimal characters)');
const time = (name: string) => checked(name, TIME, `a time: ${TIME_HELP}`);

export function eventCommand(): Command {
  const event = new Command('event').description(
    'record real deployments and incidents for the delivery metrics (or send them to cto serve as webhooks)',
  );
  event
    .command('deployment')
    .description('record a deployment of a commit to an environment (production counts for DORA metrics)')
    .requiredOption('--repo <name>', 'the repository, by its name in `cto repos`')
    .requiredOption(
      '--commit <sha>',
      'the full commit SHA deployed (40 or 64 hex characters)',
      sha('--commit'),
    )
    .requiredOption('--env <environment>', 'the environment, e.g. production')
    .option(
      '--id <id>',
      'the event id: recording the same id again changes nothing (default: from the fields)',
    )
    .option('--started-at <time>', `when the deployment started (${TIME_HELP})`, time('--started-at'))
    .option('--finished-at <time>', `when it finished (${TIME_HELP}; default now)`, time('--finished-at'))
    .addOption(choiceOption('--status <status>', 'its outcome', DEPLOYMENT_STATUSES).default('success'))
    .action(
      async (
        f: {
          repo: string;
          commit: string;
          env: string;
          id?: string;
          startedAt?: string;
          finishedAt?: string;
          status: string;
        },
        cmd: Command,
      ) => {
        const parsed = parseEvent(
          deploymentEventSchema,
          given({
            id: f.id,
            repository: f.repo,
            commit: f.commit,
            environment: f.env,
            started_at: f.startedAt,
            finished_at: f.finishedAt ?? new Date().toISOString(),
            status: f.status,
          }),
          'deployment',
        );
        await withWritableStore(globalOptions(cmd), async (store) => {
          printLine(said(await recordDeployment(store, parsed, { ...CLI, now: new Date() })));
        });
      },
    );
  event
    .command('incident')
    .description('record a production incident, and the deployment or commit that caused it when known')
    .requiredOption('--repo <name>', 'the repository, by its name in `cto repos`')
    .requiredOption('--started-at <time>', `when the failure started (${TIME_HELP})`, time('--started-at'))
    .option(
      '--resolved-at <time>',
      `when service was restored (${TIME_HELP}); leave out while open`,
      time('--resolved-at'),
    )
    .requiredOption('--severity <severity>', 'its severity, as your incident process names it (e.g. sev1)')
    .option('--deployment <id>', 'the event id of the deployment that caused it')
    .option('--commit <sha>', 'the commit that caused it (full SHA)', sha('--commit'))
    .option('--id <id>', 'the event id: recording it again with a resolution time updates it')
    .action(
      async (
        f: {
          repo: string;
          startedAt: string;
          resolvedAt?: string;
          severity: string;
          deployment?: string;
          commit?: string;
          id?: string;
        },
        cmd: Command,
      ) => {
        const parsed = parseEvent(
          incidentEventSchema,
          given({
            id: f.id,
            repository: f.repo,
            started_at: f.startedAt,
            resolved_at: f.resolvedAt,
            severity: f.severity,
            deployment: f.deployment,
            commit: f.commit,
          }),
          'incident',
        );
        await withWritableStore(globalOptions(cmd), async (store) => {
          printLine(said(await recordIncident(store, parsed, { ...CLI, now: new Date() })));
        });
      },
    );
  event
    .command('list')
    .description('list the recorded deployments and incidents, oldest first')
    .option('--repo <name>', 'one repository')
    .option('--json', 'print a JSON document (schema cto.events/v1)')
    .action(async (f: { repo?: string; json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const name = await resolveRepositoryName(store, f.repo);
        const { deployments, incidents } = await deliveryEvents(
          store,
          name === undefined ? undefined : [name],
        );
        if (f.json) {
          printJson('cto.events/v1', { deployments, incidents });
          return;
        }
        if (deployments.length + incidents.length === 0) {
          printLine(
            'No delivery events recorded: `cto event deployment` or the webhooks of `cto serve` add them.',
          );
          return;
        }
        printLine(`${deployments.length} deployments, ${incidents.length} incidents`);
        if (deployments.length > 0) {
          printTable(
            ['finished (UTC)', 'repository', 'environment', 'commit', 'status', 'id', 'from'],
            deployments.map((d) => [
              d.finished_at.slice(0, 19).replace('T', ' '),
              d.repository,
              d.environment,
              shortSha(d.commit_sha),
              d.status,
              d.event_id,
              d.source,
            ]),
          );
        }
        if (incidents.length > 0) {
          printLine('');
          printTable(
            ['started (UTC)', 'resolved (UTC)', 'repository', 'severity', 'caused by', 'id', 'from'],
            incidents.map((i) => [
              i.started_at.slice(0, 19).replace('T', ' '),
              i.resolved_at ? i.resolved_at.slice(0, 19).replace('T', ' ') : 'open',
              i.repository,
              i.severity,
              i.deployment_event_id ?? (i.commit_sha ? shortSha(i.commit_sha) : ''),
              i.event_id,
              i.source,
            ]),
          );
        }
      });
    });
  return event;
}
