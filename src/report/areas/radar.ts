// Technology strategy from the radar (docs/office.md#radar): coverage and drift (HOLD in runtime
// use, runtime technologies the radar does not name) as KPIs, figures and findings, the drawn radar
// and its list view. Nothing here when the workspace has no radar: the area says it is missing.
import type { RadarView } from '../../radar/view.ts';
import { blipLayout } from '../charts/radar.ts';
import type { ReportData } from '../data.ts';
import { makeKpi } from '../kpi.ts';
import type { AreaId, Chart, Figure, Kpi, RadarList } from '../types.ts';
import { figure } from './common.ts';

const ACTIONS: Record<string, string> = {
  'radar-hold-in-use': 'Plan the move off it, or change its ring with a decision.',
  'radar-adopt-single-owner': 'Spread the knowledge, or move it out of ADOPT.',
  'radar-trial-without-decision': 'Decide: adopt, hold or drop it, and link the decision.',
};

/** Radar findings as report findings of the area, one per repository for HOLD in use (its owner's to act on). */
export function addRadarFindings(data: ReportData): void {
  const radar = data.radar;
  if (!radar) return;
  const area: AreaId = 'technology-strategy';
  for (const f of radar.findings) {
    if (f.rule === 'radar-unmentioned-runtime') continue; // the coverage KPI and figure carry these
    const repositories = f.rule === 'radar-hold-in-use' ? f.repositories : [f.repositories.join(', ')];
    for (const repository of repositories)
      data.findings.push({
        id: `radar-${f.rule}-${f.subject}-${repository}`.replace(/[^a-z0-9-]+/gi, '-').toLowerCase(),
        repository,
        analysis: 'radar',
        rule: f.rule,
        severity: f.severity,
        subject: f.subject,
        title: f.title,
        detail: null,
        owner: 'unassigned',
        action: ACTIONS[f.rule] ?? '',
        evidence: { repositories: f.repositories },
        sql: `-- cto radar --json: radar.findings where rule = '${f.rule}' and subject = '${f.subject}'`,
        area,
      });
  }
}

interface RadarParts {
  kpis: Kpi[];
  figures: Figure[];
  charts: Chart[];
  missing: string[];
  radar?: RadarList;
}

export function radarParts(data: ReportData): RadarParts {
  const radar = data.radar;
  if (radar === undefined) return { kpis: [], figures: [], charts: [], missing: [] };
  if (radar === null)
    return {
      kpis: [],
      figures: [],
      charts: [],
      missing: ['technology radar (radar/<release>/*.md; `cto office init` writes a starter one)'],
    };
  const hold = radar.items.filter((i) => i.stance === 'hold' && i.runtimeRepositories.length > 0);
  const sql = '-- cto radar --json';
  const kpis = [
    makeKpi(
      {
        id: 'radar-coverage',
        label: 'technologies in runtime use that the radar names (strategy coverage)',
        value: radar.coverage.percent,
        unit: '%',
        better: 'up',
        evidence: { packages: radar.coverage.unmentioned.map((u) => u.name).slice(0, 50) },
        sql: `${sql}: radar.coverage`,
      },
      null,
      null,
    ),
    makeKpi(
      {
        id: 'radar-hold-in-use',
        label: 'HOLD technologies in runtime use',
        value: hold.length,
        unit: '',
        better: 'down',
        evidence: { repositories: [...new Set(hold.flatMap((i) => i.runtimeRepositories))] },
        sql: `${sql}: radar.findings where rule = 'radar-hold-in-use'`,
      },
      null,
      null,
    ),
  ];
  const figures = [
    figure(
      't-radar-unmentioned',
      'Technologies in runtime use the radar does not name',
      radar.coverage.unmentioned.length,
      `${sql}: radar.coverage.unmentioned`,
      { packages: radar.coverage.unmentioned.map((u) => u.name).slice(0, 50) },
    ),
  ];
  const chart = radarChart(radar);
  return { kpis, figures, charts: [chart], missing: [], radar: radarList(radar, blipLayout(chart).crowded) };
}

/** The drawn radar: blips numbered as in the list; items not featured (AOE) are listed, not drawn. */
function radarChart(radar: RadarView): Chart {
  const drawn = radar.items.filter((i) => i.featured);
  const ring = (id: string) => radar.rings.findIndex((r) => r.id === id);
  const quadrant = (id: string) => radar.quadrants.findIndex((q) => q.id === id);
  return {
    id: 'radar',
    kind: 'radar',
    title: `Technology radar, release ${radar.release} (numbers as in the list)`,
    labels: drawn.map((i) => `${i.number}`),
    series: [
      { name: 'ring', values: drawn.map((i) => ring(i.ring)) },
      { name: 'quadrant', values: drawn.map((i) => quadrant(i.quadrant)) },
    ],
    rings: radar.rings.map((r) => r.title),
    quadrants: radar.quadrants.map((q) => q.title),
    sql: '-- cto radar --json: radar.items',
  };
}

/** The list view; `crowded` (some blips would touch on the drawing): the list comes first. */
function radarList(radar: RadarView, crowded: boolean): RadarList {
  const title = (list: Array<{ id: string; title: string }>, id: string) =>
    list.find((x) => x.id === id)?.title ?? id;
  return {
    release: radar.release,
    previousRelease: radar.previousRelease,
    coveragePercent: radar.coverage.percent,
    crowded,
    items: radar.items.map((i) => ({
      number: i.number,
      title: i.title,
      ring: title(radar.rings, i.ring),
      quadrant: title(radar.quadrants, i.quadrant),
      change: i.isNew ? 'new' : i.moved ? `moved ${i.moved}` : '',
      runtimeRepositories: i.runtimeRepositories,
      teams: i.teams,
      activePeople: i.activePeople,
      trend: i.trend,
    })),
  };
}
