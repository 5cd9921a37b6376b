// Technology strategy: what we run (languages, packages, runtimes, images) and the end-of-life runway.

import { runwayChart } from '../charts/from-data.ts';
import type { ReportData, ReportMetric } from '../data.ts';
import { metricName } from '../definitions.ts';
import type { AreaSection, Chart } from '../types.ts';
import { areaMetrics, buildSection, figure, metricFigures } from './common.ts';
import { technologyKpis } from './kpis.ts';
import { radarParts } from './radar.ts';

const LANGUAGE_METRICS = ['language-code-lines', 'code-lines', 'lines-code', 'code', 'lines', 'files'];

export function technologySection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'technology-strategy');
  const repos = data.snapshots.map((s) => s.repository);
  const direct = data.deps.reduce((s, d) => s + d.direct, 0);
  const total = data.deps.reduce((s, d) => s + d.total, 0);
  const runtimes = data.technologies.filter((t) => t.kind.startsWith('runtime:'));
  const images = data.technologies.filter((t) => t.kind.startsWith('image:'));
  const figures = [
    figure(
      't-repositories',
      'Repositories in the report',
      repos.length,
      'select repository, commit_sha, status, finished_at from current_snapshots',
      { repositories: repos },
    ),
    figure(
      't-direct-packages',
      'Direct packages (distinct per repository)',
      direct,
      'select repository, ecosystem, name, version from current_dependencies where direct = 1',
      { repositories: repos },
    ),
    figure(
      't-all-packages',
      'Package entries in manifests and lockfiles',
      total,
      'select repository, ecosystem, count(*) from current_dependencies group by 1, 2',
      { repositories: repos },
    ),
    figure(
      't-runtimes',
      'Runtime versions asked for',
      runtimes.length,
      'select distinct repository, kind, version, path from current_runtimes',
      {
        packages: [...new Set(runtimes.map((r) => `${r.kind.slice(8)} ${r.name}`))].slice(0, 50),
      },
    ),
    figure(
      't-images',
      'Images, CI actions and IaC modules used',
      images.length,
      'select distinct repository, kind, name, version from current_images',
      {
        packages: [...new Set(images.map((r) => r.name))].slice(0, 50),
      },
    ),
    ...metricFigures(metrics),
  ];
  const charts: Chart[] = [];
  const languages = languageChart(data.metrics);
  if (languages) charts.push(languages);
  const eol = runwayChart(data.metrics, data.eolWindowMonths ?? 6);
  if (eol) charts.push(eol);
  const missing: string[] = [];
  if (!languages) missing.push('languages analysis (lines per language)');
  if (!eol) missing.push('end-of-life runway (endoflife.date feed matched to runtimes)');
  if (!data.metrics.some((m) => m.analysis === 'technologies')) missing.push('technologies analysis');
  const radar = radarParts(data);
  const section = buildSection(
    'technology-strategy',
    data,
    {
      kpis: technologyKpis(data),
      figures: [...radar.figures, ...figures],
      charts: [...radar.charts, ...charts],
      missing: [...missing, ...radar.missing],
      // Not checked is never green: without lifecycles, a runtime past its end of life would pass unseen.
      unmeasured:
        data.eolProductsLoaded === 0 && runtimes.length + images.length > 0
          ? 'End of life not checked: no endoflife.date data loaded (`cto feed import <endoflife folder>` or `cto feed update`).'
          : null,
    },
    'Not measured: no technology analysis stored results; `cto scan <repository>` runs them.',
  );
  section.kpis = [...section.kpis, ...radar.kpis].slice(0, 6);
  if (radar.radar) section.radar = radar.radar;
  return section;
}

function languageChart(metrics: ReportMetric[]): Chart | null {
  const lang = metrics.filter((m) => m.analysis === 'languages' && m.subject !== '' && m.value !== null);
  const name = LANGUAGE_METRICS.find((n) => lang.some((m) => m.metric === n)) ?? lang[0]?.metric;
  if (!name) return null;
  const sums = new Map<string, number>();
  for (const m of lang)
    if (m.metric === name) sums.set(m.subject, (sums.get(m.subject) ?? 0) + (m.value ?? 0));
  const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return {
    id: 'languages',
    kind: 'bar',
    title: `Languages: ${metricName(name)} across repositories (top 12)`,
    labels: top.map(([l]) => l),
    series: [{ name: metricName(name), values: top.map(([, v]) => v) }],
    sql: `select subject, sum(value) from current_metrics where analysis = 'languages' and metric = '${name}' group by subject order by 2 desc`,
  };
}
