import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import type { Exposure } from '../../collectors/types.ts';
import type { Severity } from '../../results.ts';
import type { Problem } from '../../risk/types.ts';
import type { Trend } from '../../trend/build.ts';
import type { ReportMetric } from '../data.ts';
import { REPORT_SCHEMA, type ReportModel } from '../types.ts';
import { writeReport } from '../write.ts';
import { riskMatrixChart, runwayChart, teamTrendChart } from './from-data.ts';

afterAll(() => cleanupTemp());

function runway(repository: string, subject: string, days: number): ReportMetric {
  return {
    snapshotId: 1,
    analysis: 'eol',
    metric: 'eol-runway',
    scope: 'package',
    subject,
    value: days,
    unit: 'days',
    evidence: null,
    repository,
    area: 'technology-strategy',
    evidenceRef: {},
    sql: 'select 1',
  };
}

function problem(severity: Severity, exposure: Exposure, n: number): Problem {
  return {
    key: `k${severity}${exposure}${n}`,
    kind: 'vulnerability',
    area: 'infrastructure-security',
    repository: 'r',
    subject: 's',
    title: 't',
    severity,
    exposure,
    direct: true,
    since: null,
    owner: 'unassigned',
    action: 'a',
    occurrences: [],
    aliases: [],
    evidence: {},
  };
}

describe('charts from report data', () => {
  test('the runway has one row per technology cycle, soonest first, naming the repositories using it', () => {
    const chart = runwayChart(
      [
        runway('gin', 'go 1.22', 90),
        runway('flask', 'python 3.8', -800),
        runway('jedis', 'python 3.8', -800),
        runway('jedis', 'java 17', 1500),
        runway('axios', 'node 18', -60),
      ],
      6,
    );
    expect(chart?.labels).toEqual([
      'python 3.8 (flask, jedis)',
      'node 18 (axios)',
      'go 1.22 (gin)',
      'java 17 (jedis)',
    ]);
    expect(chart?.series[0]?.values).toEqual([-800, -60, 90, 1500]);
    expect(chart?.windowDays).toBe(183);
    expect(runwayChart([], 6)).toBeNull();
  });

  test('the risk matrix counts open problems per severity and exposure', () => {
    const problems = [
      problem('critical', 'runtime', 1),
      problem('critical', 'runtime', 2),
      problem('high', 'ci', 1),
      problem('low', 'docs', 1),
    ];
    const chart = riskMatrixChart(problems);
    const cell = (sev: string, exp: string) =>
      chart?.series.find((s) => s.name === exp)?.values[chart.labels.indexOf(sev)];
    expect(cell('critical', 'runtime')).toBe(2);
    expect(cell('high', 'ci')).toBe(1);
    expect(cell('low', 'docs')).toBe(1);
    expect(cell('high', 'runtime')).toBe(0);
    const total = chart?.series.flatMap((s) => s.values).reduce<number>((a, b) => a + (b ?? 0), 0);
    expect(total).toBe(problems.length);
    expect(riskMatrixChart([])).toBeNull();
  });

  test('per-team small multiples take the trend by team, partial when its last point is', () => {
    const trend = {
      by: 'team',
      reference: '2026-12-06',
      since: null,
      points: [
        { date: '2026-06-30', kind: 'historical', partial: false },
        { date: '2026-09-30', kind: 'historical', partial: false },
        { date: '2026-12-06', kind: 'current', partial: true },
      ],
      series: ['Platform', 'Web'].map((subject, i) => ({
        metric: 'active-contributors-90d',
        label: 'contributors active (90 days)',
        unit: 'people',
        aggregate: 'sum',
        higherIsBetter: true,
        group: 'team',
        subject,
        repositories: [],
        values: [1 + i, null, 3 + i],
        first: null,
        last: null,
        change: null,
      })),
    } as Trend;
    const chart = teamTrendChart(trend, 'active-contributors-90d');
    expect(chart?.kind).toBe('small-multiples');
    expect(chart?.series.map((s) => s.name)).toEqual(['Platform', 'Web']);
    expect(chart?.series[1]?.values).toEqual([2, null, 4]);
    expect(chart?.partial).toBe(true);
    expect(teamTrendChart({ ...trend, points: trend.points.slice(2) }, 'active-contributors-90d')).toBeNull();
  });
});

describe('report files', () => {
  test('report.md shows each chart as an SVG file written beside it, with its numbers below', async () => {
    const dir = tempDir('cto-report-charts-');
    const model: ReportModel = {
      schema: REPORT_SCHEMA,
      tool: { name: 'cto', version: '0' },
      generatedAt: '2026-12-06T00:00:00.000Z',
      scope: { team: null, anonymized: false, note: null },
      notice: null,
      summary: {
        areas: [],
        previousPeriod: null,
        topRisks: [],
        register: { open: 0, overdue: 0, accepted: 0 },
        decisions: [],
      },
      sections: [
        {
          id: 'delivery',
          title: 'Delivery',
          rating: 'green',
          line: 'l',
          reasons: [],
          kpis: [],
          figures: [],
          findings: [],
          topFindings: [],
          missing: [],
          charts: [
            {
              id: 'activity',
              kind: 'line',
              title: 'Activity [monthly]',
              labels: ['2026-11', '2026-12'],
              series: [{ name: 'commits', values: [40, 3] }],
              partial: true,
              sql: 'select 1',
            },
            {
              id: 'risk-matrix',
              kind: 'matrix',
              title: 'Matrix',
              labels: ['high'],
              series: [{ name: 'runtime', values: [7] }],
              sql: 'select 1',
            },
          ],
        },
      ],
      changes: null,
      appendix: {
        definitions: [],
        data: { repositories: [], failedScans: [], feeds: [], toolVersion: '0', engine: 'sqlite' },
      },
    };
    await writeReport(model, dir, false);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    const links = [...md.matchAll(/!\[(?:\\.|[^\]\\])*\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(links).toEqual(['charts/activity.svg', 'charts/risk-matrix.svg']);
    for (const l of links) {
      expect(existsSync(join(dir, l)), l).toBe(true);
      expect(readFileSync(join(dir, l), 'utf8')).toMatch(/^<svg class="chart"/);
    }
    expect(md).toContain('![Activity \\[monthly\\]](charts/activity.svg)');
    expect(md).toContain('| 2026-12 (partial) | 3 |');
    expect(md).toContain('| high | 7 |');
  });
});
