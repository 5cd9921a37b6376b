// The report model from the store: current snapshots, what analyses stored, facts, and what changed.

import type { RepositorySummary } from '../analyses/delivery/summary.ts';
import { buildDirectory, directoryPseudonyms, loadDirectory } from '../analyses/knowledge/directory.ts';
import { loadReportBudget } from '../budget/report-budget.ts';
import type { ExposurePaths } from '../collectors/exposure.ts';
import type { LicencePolicy } from '../licences/policy.ts';
import type { Team } from '../office/teams.ts';
import type { RadarView } from '../radar/view.ts';
import { DEFAULT_STALE_AFTER_DAYS, snapshotAge } from '../reference-date.ts';
import type { Sla } from '../risk/config.ts';
import { collectProblems } from '../risk/problems.ts';
import type { Problem } from '../risk/types.ts';
import { currentPeople } from '../store/people.ts';
import { currentSnapshots, failedScans } from '../store/report.ts';
import { peopleOf } from '../store/report-facts.ts';
import type { Store } from '../store/store.ts';
import { buildTrend } from '../trend/build.ts';
import { TOOL_VERSION } from '../version.ts';
import { anonymizeJson } from './anonymize.ts';
import { budgetSection } from './areas/budget.ts';
import { deliverySection } from './areas/delivery.ts';
import { innovationSection } from './areas/innovation.ts';
import { addRadarFindings } from './areas/radar.ts';
import { securitySection } from './areas/security.ts';
import { teamSection } from './areas/team.ts';
import { technologySection } from './areas/technology.ts';
import { buildChanges, snapshotRef } from './changes.ts';
import { riskMatrixChart, teamTrendChart } from './charts/from-data.ts';
import { loadReportData, type ReportData } from './data.ts';
import { decisionsNeeded, windowEndOf } from './decisions-needed.ts';
import { loadDefinitions } from './definitions.ts';
import { experimentReportFindings } from './experiments.ts';
import { addFeedResults, feedDates } from './feeds.ts';
import { departedRisks } from './knowledge.ts';
import { loadKpiValues } from './kpi-values.ts';
import { addLicenceResults } from './licences.ts';
import { reportOffice, violationFindings } from './office.ts';
import { addProblemFindings, findingOfKey } from './problems.ts';
import { summaryAreas } from './summary.ts';
import { assignOwners, teamNote, teamRepositories } from './team-scope.ts';
import { topFindings } from './top-findings.ts';
import { registerCounts, topRisks } from './top-risks.ts';
import { REPORT_SCHEMA, type ReportModel } from './types.ts';

interface ReportOptions {
  since?: string;
  team?: string;
  /** Teams from teams.yaml, for owners and --team. */
  teams?: Team[];
  anonymize?: boolean;
  now?: Date;
  /**
   * The workspace's licence policy (null: none), to judge licences again at report time with the
   * licence feed as it is now; when absent, the licence findings stored by the scan are kept.
   */
  licencePolicy?: LicencePolicy | null;
  /** The workspace folder: the office files decision sources read (decisions-needed.ts). */
  workspaceDir?: string;
  /** Months before an end of life at which it is a finding (`eol.windowMonths`, default 6). */
  eolWindowMonths?: number;
  /** Path rules of exposure (cto.yaml `exposure:`), for findings whose subject is a path. */
  exposurePaths?: ExposurePaths;
  /** Snapshots older than this many days at the report's date are stale (default 90). */
  staleAfterDays?: number;
  /** cto.yaml, for the budget area (cost allocation rules, labour rates, hotspot exclusions). */
  config?: Record<string, unknown>;
  /** Days to fix per severity (cto.yaml `risk.sla`), for the overdue risks KPI; the defaults when absent. */
  sla?: Sla;
  /** The workspace's radar joined to usage (src/radar/), null when it has none. */
  radar?: RadarView | null;
  /** Delivery of the repositories with recorded events (src/analyses/delivery/workspace.ts). */
  deliveryEvents?: RepositorySummary[];
}

export async function buildReport(store: Store, opts: ReportOptions = {}): Promise<ReportModel> {
  const now = opts.now ?? new Date();
  const teams = opts.teams ?? [];
  const all = await currentSnapshots(store);
  const scoped = opts.team ? teamRepositories(teams, opts.team, all) : null;
  const snapshots = scoped ?? all;
  const failed = await failedScans(store);
  const data = await loadReportData(store, snapshots, now);
  // Compared before feed results join the findings: feed matches are compared on their own
  // (both dates' facts against today's feeds, in buildChanges).
  const changes = opts.since ? await buildChanges(store, opts.since, data) : null;
  const today = now.toISOString().slice(0, 10);
  const windowMonths = opts.eolWindowMonths ?? 6;
  const vulns = data.snapshots.length > 0 ? await addFeedResults(store, data, windowMonths) : null;
  const inScope = new Set(data.snapshots.map((s) => s.repository));
  await addLicenceResults(store, data, opts.licencePolicy);
  const problems =
    data.snapshots.length > 0
      ? await collectProblems(store, {
          today,
          snapshotIds: data.snapshots.map((s) => s.snapshotId),
          teams,
          windowMonths,
          licencePolicy: opts.licencePolicy,
          vulnerabilities: vulns?.findings.filter((f) => inScope.has(f.repository)),
          exposurePaths: opts.exposurePaths,
        })
      : [];
  addProblemFindings(data, problems);
  data.office = await reportOffice(store, {
    workspaceDir: opts.workspaceDir ?? null,
    today,
    teams,
    windowMonths,
  });
  data.findings.push(
    ...violationFindings(data.office, inScope, teams).map((f) => ({ ...f, area: 'innovation' as const })),
  );
  if (opts.radar !== undefined) data.radar = opts.radar;
  if (opts.deliveryEvents) data.deliveryEvents = opts.deliveryEvents.filter((d) => inScope.has(d.repository));
  addRadarFindings(data);
  data.findings.push(
    ...experimentReportFindings(data.office, inScope).map((f) => ({ ...f, area: 'innovation' as const })),
  );
  assignOwners(data, teams);
  data.kpiValues = await loadKpiValues(store, {
    snapshots: data.snapshots,
    today,
    since: opts.since,
    baseline: changes?.baseline,
    teams,
    eolWindowMonths: windowMonths,
    sla: opts.sla,
  });
  // A team's view: its findings, plus unowned ones in the repositories it owns.
  const inView = (f: { owner: string }) =>
    f.owner === opts.team || (scoped !== null && f.owner === 'unassigned');
  if (opts.team) {
    data.findings = data.findings.filter(inView);
    data.register = data.register.filter(inView);
  }
  // The problems in view, for the risk matrix.
  const ranked = opts.team ? problems.filter(inView) : problems;
  const decisions = await decisionsNeeded({
    store,
    today,
    windowMonths,
    windowEnd: windowEndOf(today, windowMonths),
    workspaceDir: opts.workspaceDir ?? null,
    teams,
    repositories: [...inScope],
    register: data.register,
    problems,
    knowledge: data.knowledge,
  });
  const budget = await loadReportBudget(
    store,
    opts.workspaceDir ? { dir: opts.workspaceDir, config: opts.config ?? {} } : null,
    teams,
    today,
  );
  const sections = [
    technologySection,
    innovationSection,
    securitySection,
    teamSection,
    deliverySection,
    (d: ReportData) => budgetSection(d, budget),
  ].map((build) => build(data));
  uniqueFigureIds(sections);
  await addPortfolioCharts(store, sections, { ranked, teams, team: opts.team, today, windowMonths });
  const idOfKey = findingOfKey(data.findings);
  const scores = new Map<string, number>();
  for (const r of data.register) {
    const id = idOfKey(r.key);
    if (id !== null && (scores.get(id) ?? -1) < r.score) scores.set(id, r.score);
  }
  for (const s of sections) s.topFindings = topFindings(s.findings, scores);
  if (changes && opts.team) {
    const mine = <T extends { owner: string }>(l: T[]) => l.filter(inView);
    Object.assign(changes, {
      newFindings: mine(changes.newFindings),
      fixedFindings: mine(changes.fixedFindings),
      risksOpened: mine(changes.risksOpened),
      risksClosed: mine(changes.risksClosed),
    });
  }
  const model: ReportModel = {
    schema: REPORT_SCHEMA,
    tool: { name: 'cto', version: TOOL_VERSION },
    generatedAt: now.toISOString(),
    scope: {
      team: opts.team ?? null,
      anonymized: opts.anonymize === true,
      note: opts.team ? teamNote(opts.team, scoped !== null) : null,
    },
    notice: notice(data, failed.length),
    summary: {
      areas: summaryAreas(sections, data.register, today),
      previousPeriod: sections.flatMap((s) => s.kpis[0]?.previousPeriod ?? [])[0] ?? null,
      topRisks: departedRisks(topRisks(data.register, today, findingOfKey(data.findings)), data.findings),
      register: registerCounts(data.register, today),
      decisions: opts.team ? decisions.filter(inView) : decisions,
    },
    sections,
    changes,
    appendix: {
      definitions: loadDefinitions(),
      data: {
        repositories: snapshots.map((s) => {
          const age = snapshotAge(
            s.finishedAt,
            now.toISOString().slice(0, 10),
            opts.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS,
          );
          return { ...snapshotRef(s), ageDays: age?.days ?? null, stale: age?.stale ?? false };
        }),
        failedScans: failed,
        feeds: await feedDates(store),
        toolVersion: TOOL_VERSION,
        engine: store.engine,
      },
    },
  };
  if (!opts.anonymize) return model;
  // Each person's one pseudonym (src/people/pseudonym.ts), the same as every command's --anonymize gives.
  const pseudonyms = await reportPseudonyms(store, opts, today);
  return anonymizeJson(model, [...(await identities(store, data)), ...pseudonyms.keys()], pseudonyms);
}

/** The per-team metric drawn as small multiples in Team and knowledge (a `cto trend` key metric). */
const TEAM_TREND_METRIC = 'active-contributors-90d';

/**
 * Charts over more than one area's data: the risk matrix of the open problems (Infrastructure and
 * security) and, with teams.yaml, one small chart per team of contributors active (Team and knowledge).
 */
async function addPortfolioCharts(
  store: Store,
  sections: ReportModel['sections'],
  o: { ranked: Problem[]; teams: Team[]; team?: string; today: string; windowMonths: number },
): Promise<void> {
  const matrix = riskMatrixChart(o.ranked);
  if (matrix) sections.find((s) => s.id === 'infrastructure-security')?.charts.push(matrix);
  if (o.teams.length === 0) return;
  const trend = await buildTrend(store, {
    metric: TEAM_TREND_METRIC,
    by: 'team',
    today: o.today,
    teams: o.teams,
    eolWindowMonths: o.windowMonths,
  });
  if (o.team) trend.series = trend.series.filter((s) => s.subject === o.team);
  const perTeam = teamTrendChart(trend, TEAM_TREND_METRIC);
  if (perTeam) sections.find((s) => s.id === 'team-knowledge')?.charts.push(perTeam);
}

function notice(data: ReportData, failed: number): string | null {
  if (data.snapshots.length > 0)
    return failed > 0
      ? `${failed} repositories' latest scan failed; their last good snapshot is used where there is one.`
      : null;
  if (failed > 0)
    return `Every scan in the store failed (${failed} repositories): there is nothing to report yet. See the failed scans in the appendix, fix them and run \`cto scan\` again.`;
  return 'The store holds no scanned repository yet: run `cto scan <path>` first, then `cto report`.';
}

async function identities(store: Store, data: ReportData): Promise<string[]> {
  const fromHistory = await peopleOf(
    store,
    data.snapshots.map((s) => s.snapshotId),
  );
  const fromResults = [
    ...data.metrics.filter((m) => m.scope === 'person').map((m) => m.subject),
    ...data.metrics.flatMap((m) => m.evidenceRef.people ?? []),
    ...data.findings.flatMap((f) => f.evidence.people ?? []),
    ...[...data.topShares.values()].map((s) => s.topEmail),
  ];
  return [...fromHistory, ...fromResults];
}

/** The pseudonym of each name, e-mail and person id of the people in the current snapshots. */
async function reportPseudonyms(
  store: Store,
  opts: ReportOptions,
  today: string,
): Promise<Map<string, string>> {
  if (opts.workspaceDir) {
    const { directory, stored } = await loadDirectory(store, opts.workspaceDir, opts.config ?? {}, today);
    return directoryPseudonyms(directory, stored);
  }
  const stored = await currentPeople(store, today);
  return directoryPseudonyms(buildDirectory(stored, {}), stored);
}

/** Figure ids are anchors in the HTML: make any repeated id unique with a numeric suffix. */
function uniqueFigureIds(sections: ReportModel['sections']): void {
  const seen = new Map<string, number>();
  for (const f of sections.flatMap((s) => s.figures)) {
    const n = seen.get(f.id) ?? 0;
    seen.set(f.id, n + 1);
    if (n > 0) f.id = `${f.id}-${n + 1}`;
  }
}
