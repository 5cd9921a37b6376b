// `cto delivery [repository]`: releases, cadence, lead time for changes, deployment frequency,
// change failure and rework proxies, activity; per repository and per team.
import { Command } from 'commander';
import { deliveryConfig } from '../analyses/delivery/config.ts';
import { type DeploymentEvent, loadDeployments } from '../analyses/delivery/deployments.ts';
import {
  DERIVED_FROM,
  type RepositorySummary,
  summarise,
  teamSummary,
} from '../analyses/delivery/summary.ts';
import { loadTeams, teamsOwning } from '../office/teams.ts';
import { referenceTs } from '../reference-date.ts';
import { readDelivery } from '../store/delivery.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import { globalOptions, withStore } from './context.ts';
import { printRepository, printSummaries } from './delivery-print.ts';
import { printJson, printLine } from './output.ts';
import { dayOf, todayOption, warnStale } from './reference.ts';

export function deliveryCommand(): Command {
  return new Command('delivery')
    .description(
      'releases, cadence, lead time for changes, deployment frequency bucket, change failure and rework proxies, activity',
    )
    .argument('[repository]', 'one repository (by its name in `cto repos`) for its releases and activity')
    .option('--json', 'print a JSON document (schema cto.delivery/v1)')
    .addOption(
      todayOption('the team roll-up (last 365 days) and the deployments-file frequency count back from'),
    )
    .addHelpText(
      'after',
      '\nEverything is derived from git (version tags and commit ancestry); definitions: docs/metrics/delivery.md.\n' +
        'cto.yaml `delivery`: tagPattern (regex with a group `version`), patchWindowDays (default 14),\n' +
        'deployments (a CSV or JSON file of deployment events: repository,time[,status]).',
    )
    .action(async (name: string | undefined, flags: { json?: boolean; today?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const day = dayOf(flags);
        const repository = await resolveRepositoryName(store, name);
        await warnStale(store, ws.config, day, {
          ...(repository !== undefined ? { repository } : {}),
          json: flags.json === true,
        });
        const config = deliveryConfig(ws.config);
        const events = config.deployments
          ? loadDeployments(ws.dir, config.deployments)
          : new Map<string, DeploymentEvent[]>();
        const repos = await readDelivery(store, referenceTs(day), repository);
        const sums = repos.map((r) => summarise(r, events.get(r.repository)));
        const teams = loadTeams(ws.dir).flatMap((t) => {
          const owned = repos.filter((r) => teamsOwning([t], r.repository).length > 0);
          if (owned.length === 0) return [];
          return [
            teamSummary(
              t.name,
              owned,
              sums.filter((s) => owned.some((o) => o.repository === s.repository)),
            ),
          ];
        });
        if (flags.json) {
          const detail = name !== undefined ? repos[0] : undefined;
          printJson('cto.delivery/v1', {
            definitions: 'docs/metrics/delivery.md',
            today: day,
            derivedFrom: DERIVED_FROM,
            patchWindowDays: config.patchWindowDays,
            repositories: sums.map((s: RepositorySummary) => ({
              ...s,
              ...(detail && detail.repository === s.repository
                ? { releaseList: detail.releases, activity: detail.activity }
                : {}),
            })),
            teams,
          });
          return;
        }
        if (repos.length === 0) {
          printLine('No repositories in the store yet. Run `cto scan <path>` first.');
          return;
        }
        if (name !== undefined && repos[0]) printRepository(repos[0], sums[0] as RepositorySummary);
        else printSummaries(sums, teams);
      });
    });
}
