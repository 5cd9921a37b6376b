// Team and knowledge: truck factor from the analysis when stored, and the share of commits made by
// the most active author (from history) as a concentration measure that needs no analysis.
import type { ReportData } from '../data.ts';
import type { AreaSection, Chart, Figure } from '../types.ts';
import { areaMetrics, buildSection, figure, metricFigures, slug } from './common.ts';

export function teamSection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'team-knowledge');
  const truck = metrics.filter((m) => m.metric === 'truck-factor' && m.subject === '' && m.value !== null);
  const charts: Chart[] = [];
  if (truck.length > 0)
    charts.push({
      id: 'truck-factor',
      kind: 'bar',
      title:
        'Truck factor per repository (people who would have to leave before half the files are orphaned)',
      labels: truck.map((m) => m.repository),
      series: [{ name: 'truck factor', values: truck.map((m) => m.value ?? 0) }],
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
    ...metricFigures(metrics),
  ];
  const missing = truck.length === 0 ? ['truck-factor analysis (per repository)'] : [];
  return buildSection(
    'team-knowledge',
    data,
    { figures, charts, missing },
    'No data: the truck-factor and off-boarding analyses have not stored results.',
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
