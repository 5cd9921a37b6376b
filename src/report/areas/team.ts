// Team and knowledge: truck factor from the analysis when stored, and the share of commits made by
// the most active author (from history) as a concentration measure that needs no analysis.
import type { ActiveFigures } from '../../analyses/knowledge/views.ts';
import { ACTIVE_WINDOW_DAYS, dayBefore, RECENT_WINDOW_DAYS } from '../../reference-date.ts';
import type { ReportData } from '../data.ts';
import type { AreaSection, Chart, Figure } from '../types.ts';
import { areaMetrics, buildSection, figure, metricFigures, slug } from './common.ts';
import { teamKpis } from './kpis.ts';
import { knowledgeRules } from './rules.ts';

export function teamSection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'team-knowledge');
  const truck = metrics.filter((m) => m.metric === 'truck-factor' && m.subject === '' && m.value !== null);
  const charts: Chart[] = [];
  const { day, repositories: known } = data.knowledge;
  const activeOf = new Map(known.map((k) => [k.repository, k.active]));
  if (truck.length > 0)
    charts.push({
      id: 'truck-factor',
      kind: 'bar',
      title: `Truck factor per repository among people active at ${day}, and as published (people who would have to leave before half the files are orphaned)`,
      labels: truck.map((m) => m.repository),
      series: [
        {
          name: 'among active people',
          values: truck.map((m) => activeOf.get(m.repository)?.truckFactor ?? 0),
        },
        { name: 'published', values: truck.map((m) => m.value ?? 0) },
      ],
      sql: "select repository, value from current_metrics where metric = 'truck-factor' and subject = ''",
    });
  const shares = data.snapshots
    .map((s) => ({ s, share: data.topShares.get(s.snapshotId) }))
    .filter((x) => x.share && x.share.total > 0);
  if (shares.length > 0)
    charts.push({
      id: 'knowledge-concentration',
      kind: 'bar',
      title: 'Knowledge concentration: share of all commits by the most active author (e-mail, any case)',
      labels: shares.map((x) => x.s.repository),
      series: [
        {
          name: 'top author share',
          values: shares.map((x) => round((100 * (x.share?.top ?? 0)) / (x.share?.total ?? 1))),
        },
      ],
      unit: '%',
      sql: 'select repository, lower(author_email), count(*) from current_commits group by 1, 2 order by 3 desc',
    });
  const figures: Figure[] = [
    ...data.snapshots.map((s) =>
      figure(
        `k-authors-${slug(s.repository)}`,
        `Authors, distinct e-mails in any case (${s.repository})`,
        s.authorsCount,
        `select count(distinct lower(trim(author_email))) from current_commits where repository = '${s.repository.replace(/'/g, "''")}'`,
        {
          repositories: [s.repository],
          commits: [s.commit],
        },
      ),
    ),
    ...shares.map((x) =>
      figure(
        `k-top-share-${slug(x.s.repository)}`,
        `Share of commits by the most active author (${x.s.repository})`,
        round((100 * (x.share?.top ?? 0)) / (x.share?.total ?? 1)),
        `select lower(trim(author_email)), count(*) from commits c join snapshot_segments ss on ss.segment_id = c.snapshot_id where ss.snapshot_id = ${x.s.snapshotId} group by 1 order by 2 desc`,
        {
          repositories: [x.s.repository],
          people: x.share?.topEmail ? [x.share.topEmail] : [],
        },
        '%',
      ),
    ),
    ...known.flatMap((k) => activeFigures(k.repository, k.active, data)),
    // Windowed metrics are shown as counted at the report's day (above), not as the scan stored them.
    ...metricFigures(metrics, SCAN_WINDOWED),
  ];
  const missing = truck.length === 0 ? ['truck factor analysis (per repository)'] : [];
  return buildSection(
    'team-knowledge',
    data,
    {
      kpis: teamKpis(data),
      figures,
      charts,
      missing,
      rules: knowledgeRules(
        truck.map((m) => ({
          repository: m.repository,
          value: activeOf.get(m.repository)?.truckFactor ?? m.value ?? 0,
        })),
        `among people active at ${day}`,
      ),
    },
    'Not measured: the truck factor and off-boarding analyses stored nothing; `cto scan <repository>` runs them, `cto knowledge` shows them.',
  );
}

const SCAN_WINDOWED = new Set([
  'truck-factor-active',
  'active-key-people',
  'active-contributors-90d',
  'active-contributors-365d',
]);

/** The repository's figures at the report's day: truck factor among active people, active key people and contributors. */
function activeFigures(repository: string, active: ActiveFigures, data: ReportData): Figure[] {
  const { day, people } = data.knowledge;
  const mine = people.filter((p) => p.repository === repository && !p.bot);
  const where = `repository = '${repository.replace(/'/g, "''")}'`;
  const since = (n: number) =>
    `select count(distinct person_id) from current_person_days where ${where} and day > '${dayBefore(day, n)}' and day <= '${day}'`;
  const evidence = (ids: string[]) => ({ repositories: [repository], people: ids });
  return [
    figure(
      `k-active-tf-${slug(repository)}`,
      `Truck factor among people active at ${day} (${repository}; published ${active.keyPeople})`,
      active.truckFactor,
      `select path, person_id from current_file_authors where ${where}`,
      evidence(active.people.map((p) => p.person)),
      'people',
    ),
    figure(
      `k-active-key-${slug(repository)}`,
      `Key people still active at ${day} (${repository}), of ${active.keyPeople}`,
      active.activeKeyPeople,
      `select person_id, last_commit_at from current_people where ${where}`,
      evidence(active.departed.map((p) => p.person)),
      'people',
    ),
    figure(
      `k-active-90-${slug(repository)}`,
      `People with a commit in the 90 days before ${day} (${repository})`,
      mine.filter((p) => p.commits90d > 0).length,
      since(RECENT_WINDOW_DAYS),
      { repositories: [repository] },
      'people',
    ),
    figure(
      `k-active-365-${slug(repository)}`,
      `People with a commit in the 365 days before ${day} (${repository})`,
      mine.filter((p) => p.commits365d > 0).length,
      since(ACTIVE_WINDOW_DAYS),
      { repositories: [repository] },
      'people',
    ),
  ];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
