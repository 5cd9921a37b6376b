// Innovation and research: the office's decision records and objectives joined to the snapshots —
// violations of accepted decisions (findings), objectives on and off track, proposed decisions waiting
// too long. Grey only when the workspace has no office (no decisions/, no objectives.yaml).
import type { ReportData } from '../data.ts';
import { q } from '../data.ts';
import { experimentKpis } from '../experiments.ts';
import { makeKpi } from '../kpi.ts';
import type { AreaSection, Kpi } from '../types.ts';
import { areaMetrics, buildSection, metricFigures } from './common.ts';
import type { MetricRule } from './rules.ts';

/** The facts decision checks read, per repository: how to look at what they were evaluated on. */
const FACTS_SQL =
  'select repository, count(*) as facts from (select repository from current_dependencies union all select repository from current_runtimes union all select repository from current_images union all select repository from current_files) x group by repository order by repository';

export function innovationSection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'innovation');
  const office = data.office ?? null;
  const kpis: Kpi[] = [];
  const rules: MetricRule[] = [];
  const decisions = office?.decisions ?? null;
  if (decisions) {
    const inView = new Set(data.snapshots.map((s) => s.repository));
    const violations = (decisions.evaluation?.violations ?? []).filter((v) => inView.has(v.repository));
    const files = decisions.records.map((r) => r.file);
    const enforced = decisions.records.filter((r) => r.status === 'accepted' && r.checks.length > 0);
    kpis.push(
      kpi(
        'decision-violations',
        'violations of accepted decisions in the current snapshots',
        violations.length,
        'violations',
        'down',
        { repositories: [...new Set(violations.map((v) => v.repository))], files },
        FACTS_SQL,
      ),
      kpi(
        'decisions-enforced',
        'accepted decisions with checks',
        enforced.length,
        'decisions',
        'up',
        { files: enforced.map((r) => r.file) },
        FACTS_SQL,
      ),
    );
    if (decisions.needed.length > 0)
      kpis.push(
        kpi(
          'decisions-proposed-waiting',
          `proposed decisions waiting over ${decisions.proposedMaxAgeDays} days`,
          decisions.needed.length,
          'decisions',
          'down',
          { files: decisions.needed.map((d) => d.file) },
          FACTS_SQL,
        ),
      );
  }
  const objectives = office?.objectives ?? null;
  if (objectives) {
    const krs = objectives.objectives.flatMap((o) => o.keyResults);
    const measured = krs.filter((k) => k.status !== 'not measured');
    const good = measured.filter((k) => k.status === 'on track' || k.status === 'achieved');
    const off = objectives.objectives.filter((o) => o.status === 'off track');
    const sql = objectivesSql(krs.flatMap((k) => (k.metric ? [k.metric] : [])));
    kpis.push(
      kpi(
        'key-results-on-track',
        'key results on track or achieved',
        measured.length === 0 ? null : good.length / measured.length,
        'ratio',
        'up',
        { files: ['objectives.yaml'] },
        sql,
      ),
      kpi(
        'objectives-off-track',
        'objectives off track',
        off.length,
        'objectives',
        'down',
        { files: ['objectives.yaml'] },
        sql,
      ),
    );
    if (off.length > 0)
      rules.push({
        rating: 'amber',
        reason: `${off.length} of ${objectives.objectives.length} objectives off track: ${off.map((o) => o.title).join('; ')}.`,
      });
  }
  // Experiments (experiments/*.md): their own part, report/experiments.ts.
  kpis.push(...experimentKpis(office));
  const notMeasured =
    objectives?.objectives.flatMap((o) => o.keyResults).filter((k) => k.status === 'not measured').length ??
    0;
  return buildSection(
    'innovation',
    data,
    {
      kpis: kpis.slice(0, 6),
      figures: metricFigures(metrics),
      charts: [],
      missing: office
        ? []
        : [
            'decision records (decisions/) and objectives (objectives.yaml): `cto office init` writes a starter office',
          ],
      analysed: office !== null || metrics.length > 0,
      rules,
      unmeasured: notMeasured > 0 ? `${notMeasured} key results not measured.` : null,
    },
    'Not measured: no office in the workspace (no decisions/, no objectives.yaml; `cto office init` writes a starter).',
  );
}

function kpi(
  id: string,
  label: string,
  value: number | null,
  unit: string,
  better: 'up' | 'down',
  evidence: Kpi['evidence'],
  sql: string,
): Kpi {
  return makeKpi({ id, label, value, unit, better, evidence, sql }, null, null);
}

function objectivesSql(metrics: string[]): string {
  const names = [...new Set(metrics)];
  return names.length === 0
    ? 'select repository, metric, value from current_metrics where 1 = 0'
    : `select repository, metric, value, unit from current_metrics where subject = '' and metric in (${names.map(q).join(', ')}) order by metric, repository`;
}
