// The report's chart definitions: pure functions from a chart of the report model (report.json's
// `charts`) to an Apache ECharts option and its size. The renderer (render.ts) draws them as SVG on the
// server; a web dashboard can give the same options to ECharts in the browser.
//
// Rules every definition keeps: text at 11 px or more; values written on the marks (a chart reads in
// black and white and without hovering); a period not ended at the report date is dashed and shaded
// "partial", never drawn as if complete.
import type { Chart, ChartSeries } from '../types.ts';
import { radarDefinition } from './radar.ts';

/** What the renderer needs: the ECharts option (plain data and formatter functions) and the size in px. */
export interface ChartDefinition {
  width: number;
  height: number;
  option: Record<string, unknown>;
}

/** Fits an A4 page between 12 mm margins (186 mm ≈ 700 CSS px) without scaling the text down. */
const CHART_WIDTH = 680;

const FONT = 'Helvetica, Arial, sans-serif';
const TEXT = '#1a1a1a';

/** Colours that stay distinct when printed in grey. */
const PALETTE = ['#1f4e79', '#c0504d', '#9bbb59', '#f79646', '#8064a2', '#4bacc6', '#7f7f7f', '#2c2c2c'];

const SEVERITY_COLOURS: Record<string, string> = {
  critical: '#7b0000',
  high: '#c0392b',
  medium: '#e67e22',
  low: '#f1c40f',
  info: '#95a5a6',
};

const RUNWAY_COLOURS = { past: '#c0392b', window: '#e67e22', supported: '#27ae60' } as const;

function colourFor(name: string, i: number): string {
  return SEVERITY_COLOURS[name] ?? PALETTE[i % PALETTE.length] ?? '#333';
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const withUnit = (v: number, unit?: string) => `${fmt(v)}${unit ? `${unit === '%' ? '' : ' '}${unit}` : ''}`;

function base(): Record<string, unknown> {
  return {
    animation: false,
    backgroundColor: '#fff',
    textStyle: { fontFamily: FONT, fontSize: 12, color: TEXT },
  };
}

function legendOf(series: ChartSeries[], colours: boolean): Record<string, unknown> | undefined {
  if (series.length < 2 || !colours) return undefined;
  return {
    top: 0,
    left: 0,
    itemWidth: 14,
    itemHeight: 10,
    textStyle: { fontSize: 12, color: TEXT },
    data: series.map((s) => s.name),
  };
}

export function chartDefinition(chart: Chart): ChartDefinition {
  switch (chart.kind) {
    case 'bar':
    case 'stacked-bar':
      return barDefinition(chart);
    case 'line':
      return lineDefinition(chart);
    case 'timeline':
      return runwayDefinition(chart);
    case 'matrix':
      return matrixDefinition(chart);
    case 'small-multiples':
      return smallMultiplesDefinition(chart);
    case 'radar':
      return radarDefinition(chart);
  }
}

/**
 * Horizontal bars, one row per label: one bar per series side by side, or (stacked-bar) the series
 * stacked with the row's total written after it.
 */
function barDefinition(chart: Chart): ChartDefinition {
  const stacked = chart.kind === 'stacked-bar';
  const rows = chart.labels.length;
  const grouped = !stacked && chart.series.length > 1;
  const rowHeight = grouped ? 12 * chart.series.length + 12 : 24;
  const legend = legendOf(chart.series, true);
  const top = legend ? 30 : 10;
  const height = top + rows * rowHeight + 34;
  const totals = chart.labels.map((_, i) => chart.series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
  const series: Record<string, unknown>[] = chart.series.map((s, j) => ({
    type: 'bar',
    name: s.name,
    data: s.values.map((v) => v ?? 0),
    itemStyle: { color: colourFor(s.name, j), borderColor: '#000', borderWidth: 0.4 },
    barMaxWidth: 16,
    ...(stacked
      ? { stack: 'total' }
      : {
          label: {
            show: true,
            position: 'right',
            fontSize: 11,
            color: TEXT,
            formatter: (p: { value: number }) => withUnit(p.value, chart.unit),
          },
        }),
  }));
  if (stacked)
    // An empty bar at the end of each stack that carries the row's total as its label.
    series.push({
      type: 'bar',
      name: 'total',
      stack: 'total',
      data: totals.map(() => 0),
      itemStyle: { color: 'transparent' },
      label: {
        show: true,
        position: 'right',
        fontSize: 11,
        color: TEXT,
        formatter: (p: { dataIndex: number }) => withUnit(totals[p.dataIndex] ?? 0, chart.unit),
      },
    });
  return {
    width: CHART_WIDTH,
    height,
    option: {
      ...base(),
      legend,
      grid: { left: 8, right: 80, top, bottom: 8 },
      xAxis: {
        type: 'value',
        axisLabel: { fontSize: 11, color: TEXT },
        splitLine: { lineStyle: { color: '#e3e3e3' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: chart.labels.map((l) => clip(l, 32)),
        axisLabel: { fontSize: 12, color: TEXT, interval: 0 },
        axisTick: { show: false },
      },
      series,
    },
  };
}

/**
 * A series over ordered labels with the last period marked when partial: the segment into it is
 * dashed, its point hollow and the span shaded and labelled "partial".
 */
function lineSeries(
  s: ChartSeries,
  j: number,
  labels: string[],
  partial: boolean,
  extra: Record<string, unknown> = {},
): Record<string, unknown>[] {
  const n = s.values.length;
  const colour = colourFor(s.name, j);
  const values = s.values.map((v) => v ?? '-');
  const line = {
    type: 'line',
    name: s.name,
    symbol: 'circle',
    symbolSize: 5,
    lineStyle: { color: colour, width: 2 },
    ...extra,
  };
  if (!partial || n < 2)
    return [{ ...line, itemStyle: { color: colour }, data: values, connectNulls: false }];
  return [
    {
      ...line,
      itemStyle: { color: colour },
      data: values.map((v, i) => (i === n - 1 ? '-' : v)),
      ...(j === 0
        ? {
            markArea: {
              silent: true,
              itemStyle: { color: 'rgba(127,127,127,0.15)' },
              label: { show: true, position: 'insideTop', fontSize: 11, color: '#444' },
              data: [[{ name: 'partial', xAxis: labels[n - 2] }, { xAxis: labels[n - 1] }]],
            },
          }
        : {}),
    },
    {
      ...line,
      lineStyle: { color: colour, width: 2, type: 'dashed' },
      // The partial period's point is hollow; the point before it is the solid line's.
      symbol: 'emptyCircle',
      symbolSize: 7,
      itemStyle: { color: colour, borderWidth: 1.5 },
      data: values.map((v, i) => (i === n - 2 ? { value: v, symbol: 'none' } : i === n - 1 ? v : '-')),
    },
  ];
}

function lineDefinition(chart: Chart): ChartDefinition {
  const legend = legendOf(chart.series, true);
  const partial = chart.partial === true;
  return {
    width: CHART_WIDTH,
    height: 260,
    option: {
      ...base(),
      legend,
      grid: { left: 8, right: 24, top: legend ? 40 : 30, bottom: 8 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: chart.labels,
        // About eight labels, counted back from the last so that the last period is always named.
        axisLabel: {
          fontSize: 11,
          color: TEXT,
          interval: (i: number) => (chart.labels.length - 1 - i) % Math.ceil(chart.labels.length / 8) === 0,
        },
      },
      yAxis: {
        type: 'value',
        name: chart.unit ?? '',
        nameTextStyle: { fontSize: 11, color: TEXT, align: 'left' },
        axisLabel: { fontSize: 11, color: TEXT },
        splitLine: { lineStyle: { color: '#e3e3e3' } },
      },
      series: chart.series.flatMap((s, j) => lineSeries(s, j, chart.labels, partial)),
    },
  };
}

/** A span of days as people say it: "20 days", "5 months", "2.3 years". */
function spanText(days: number): string {
  const d = Math.abs(days);
  if (d < 61) return `${Math.round(d)} day${Math.round(d) === 1 ? '' : 's'}`;
  if (d < 730) return `${Math.round(d / 30.44)} months`;
  return `${fmt(Math.round((10 * d) / 365.25) / 10)} years`;
}

function runwayColour(days: number, windowDays: number): string {
  if (days < 0) return RUNWAY_COLOURS.past;
  if (days <= windowDays) return RUNWAY_COLOURS.window;
  return RUNWAY_COLOURS.supported;
}

/**
 * End-of-life runway: one row per item, a bar from the report date to its end of life (series[0]: days,
 * negative when past). Past end of life red, within the window amber, else green; written in words.
 */
function runwayDefinition(chart: Chart): ChartDefinition {
  const days = (chart.series[0]?.values ?? []).map((v) => v ?? 0);
  const windowDays = chart.windowDays ?? 183;
  const lo = Math.min(0, ...days);
  const hi = Math.max(windowDays, ...days);
  // The words are written right of each bar (right of the report-date line for past items): leave
  // them about 120 px of the plot's 480.
  const max = Math.ceil(Math.max(hi + (hi - lo) * 0.35, -lo * 0.45));
  return {
    width: CHART_WIDTH,
    height: 40 + chart.labels.length * 24 + 24,
    option: {
      ...base(),
      grid: { left: 8, right: 16, top: 28, bottom: 8 },
      xAxis: {
        type: 'value',
        min: Math.floor(lo),
        max,
        axisLabel: { show: false },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: chart.labels.map((l) => clip(l, 36)),
        axisLabel: { fontSize: 12, color: TEXT, interval: 0 },
        axisTick: { show: false },
        axisLine: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: chart.series[0]?.name ?? 'days',
          barMaxWidth: 16,
          data: days.map((d) => ({
            value: d,
            itemStyle: { color: runwayColour(d, windowDays), borderColor: '#000', borderWidth: 0.4 },
            label: {
              show: true,
              position: 'right',
              fontSize: 11,
              color: TEXT,
              formatter: d < 0 ? `ended ${spanText(d)} ago` : `${spanText(d)} left`,
            },
          })),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#000', type: 'dashed', width: 1 },
            label: { show: true, position: 'start', formatter: 'report date', fontSize: 11, color: TEXT },
            data: [{ xAxis: 0 }],
          },
        },
      ],
    },
  };
}

/** Risk levels of a cell from the score's default weights (docs/risk.md): severity × exposure. */
const SEVERITY_WEIGHT: Record<string, number> = { critical: 10, high: 7, medium: 4, low: 1, info: 0 };
const EXPOSURE_WEIGHT: Record<string, number> = {
  runtime: 1,
  build: 0.5,
  ci: 0.4,
  development: 0.25,
  test: 0.2,
  example: 0.1,
  docs: 0.05,
};

/** The cell's colour: red from 7 (high at runtime), amber from 3.5, yellow from 1.5, else pale. */
function matrixCellColour(severity: string, exposure: string): string {
  const w = (SEVERITY_WEIGHT[severity] ?? 0) * (EXPOSURE_WEIGHT[exposure] ?? 0);
  if (w >= 7) return '#e06666';
  if (w >= 3.5) return '#f6b26b';
  if (w >= 1.5) return '#ffe599';
  return '#d9ead3';
}

/**
 * Risk matrix: rows are severities (labels), columns exposures (one series each, values are counts of
 * open problems). Each cell is coloured by its risk level and holds its count.
 */
function matrixDefinition(chart: Chart): ChartDefinition {
  const columns = chart.series.map((s) => s.name);
  const data = chart.labels.flatMap((sev, y) =>
    chart.series.map((s, x) => {
      const n = s.values[y] ?? 0;
      return {
        value: [x, y, n],
        itemStyle: { color: matrixCellColour(sev, s.name), borderColor: '#fff', borderWidth: 2 },
        label: { fontWeight: n > 0 ? 'bold' : 'normal', color: n > 0 ? TEXT : '#777' },
      };
    }),
  );
  return {
    width: CHART_WIDTH,
    height: 60 + chart.labels.length * 36,
    option: {
      ...base(),
      grid: { left: 8, right: 8, top: 8, bottom: 28 },
      xAxis: {
        type: 'category',
        data: columns,
        name: 'exposure',
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: { fontSize: 11, color: TEXT },
        axisLabel: { fontSize: 12, color: TEXT, interval: 0 },
        axisTick: { show: false },
        splitArea: { show: false },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: chart.labels,
        axisLabel: { fontSize: 12, color: TEXT, interval: 0 },
        axisTick: { show: false },
      },
      // Heatmaps need a visual map; the colours come from each cell's itemStyle, so it draws nothing.
      visualMap: { show: false, type: 'piecewise', dimension: 2, pieces: [{ min: 0 }], inRange: {} },
      series: [
        {
          type: 'heatmap',
          name: chart.title,
          data,
          label: {
            show: true,
            fontSize: 13,
            formatter: (p: { value: number[] }) => fmt(p.value[2] ?? 0),
          },
        },
      ],
    },
  };
}

/**
 * Small multiples: one small line chart per series (a team), side by side, all on the same scale so
 * they compare at a glance; the last period dashed when partial.
 */
function smallMultiplesDefinition(chart: Chart): ChartDefinition {
  const n = chart.series.length;
  const cols = Math.min(3, Math.max(1, n));
  const rows = Math.ceil(n / cols);
  const cellW = CHART_WIDTH / cols;
  const cellH = 150;
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const partial = chart.partial === true;
  const last = chart.labels.length - 1;
  const grids = chart.series.map((_, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    return { left: col * cellW + 44, top: row * cellH + 26, width: cellW - 90, height: cellH - 60 };
  });
  return {
    width: CHART_WIDTH,
    height: rows * cellH + 8,
    option: {
      ...base(),
      title: chart.series.map((s, i) => ({
        text: clip(s.name, 28),
        left: (grids[i]?.left ?? 0) - 36,
        top: (grids[i]?.top ?? 0) - 22,
        textStyle: { fontSize: 12, fontWeight: 'bold', color: TEXT },
      })),
      grid: grids,
      xAxis: grids.map((_, i) => ({
        type: 'category',
        gridIndex: i,
        boundaryGap: false,
        data: chart.labels,
        axisLabel: {
          fontSize: 11,
          color: TEXT,
          interval: (index: number) => index === 0 || index === last,
          showMinLabel: true,
          showMaxLabel: true,
        },
        axisTick: { show: false },
      })),
      yAxis: grids.map((_, i) => ({
        type: 'value',
        gridIndex: i,
        min: 0,
        max: max > 0 ? niceMax(max) : 1,
        splitNumber: 2,
        axisLabel: { fontSize: 11, color: TEXT },
        splitLine: { lineStyle: { color: '#e3e3e3' } },
      })),
      series: chart.series.flatMap((s, i) =>
        lineSeries({ ...s, name: s.name }, 0, chart.labels, partial, { xAxisIndex: i, yAxisIndex: i }),
      ),
    },
  };
}

/** A rounded axis maximum (1, 2 or 5 times a power of ten) at or above `max`. */
function niceMax(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}
