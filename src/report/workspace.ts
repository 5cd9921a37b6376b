// The report of a workspace: buildReport with the workspace's teams, policies and office files, as
// `cto report` and the server's summary route both build it.
import { workspaceDelivery } from '../analyses/delivery/workspace.ts';
import { exposurePathsFrom } from '../collectors/exposure.ts';
import { policyFromConfig } from '../licences/policy.ts';
import { loadTeams } from '../office/teams.ts';
import { loadRadarView } from '../radar/index.ts';
import { staleAfterDays } from '../reference-date.ts';
import { slaOf } from '../risk/config.ts';
import { hasDeliveryEvents } from '../store/events.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { buildReport } from './model.ts';
import type { ReportModel } from './types.ts';

interface WorkspaceReportOptions {
  /** The reference day (YYYY-MM-DD) of the radar's usage. */
  day: string;
  now?: Date;
  since?: string;
  team?: string;
  anonymize: boolean;
}

export async function buildWorkspaceReport(
  store: Store,
  ws: Workspace,
  opts: WorkspaceReportOptions,
): Promise<ReportModel> {
  return buildReport(store, {
    ...(opts.since ? { since: opts.since } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.team ? { team: opts.team } : {}),
    anonymize: opts.anonymize,
    teams: loadTeams(ws.dir),
    licencePolicy: policyFromConfig(ws.config),
    workspaceDir: ws.dir,
    eolWindowMonths: ws.config.eol?.windowMonths,
    exposurePaths: exposurePathsFrom(ws.config),
    staleAfterDays: staleAfterDays(ws.config),
    config: ws.config,
    sla: slaOf(ws.config.risk),
    radar: await loadRadarView(store, ws, opts.day),
    deliveryEvents: (await hasDeliveryEvents(store))
      ? (await workspaceDelivery(store, ws, opts.day)).sums.filter((s) => s.events !== null)
      : [],
  });
}
