// `cto delivery [repository]`: releases, cadence, lead time for changes, deployment frequency,
// change failure and rework proxies, activity; per repository and per team.
import { Command } from 'commander';
import type { RepositorySummary } from '../analyses/delivery/summary.ts';
import { deliveryDocument, workspaceDelivery } from '../analyses/delivery/workspace.ts';
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
      '\nDerived from git (version tags and commit ancestry), or, for a repository with a recorded production\n' +
        'deployment (`cto event`, webhooks of `cto serve`), DORA figures from its events; each figure names its\n' +
        'source. Definitions: docs/metrics/delivery.md.\n' +
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
        const delivery = await workspaceDelivery(store, ws, day, repository);
        const { repos, sums, teams } = delivery;
        if (flags.json) {
          printJson('cto.delivery/v1', deliveryDocument(delivery, day, name !== undefined));
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
