// One renderer for every chart: the chart's definition (definitions.ts) drawn by Apache ECharts'
// server-side SVG renderer. No DOM, browser, fonts or network; the same chart gives the same bytes.
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Chart } from '../types.ts';
import { type ChartDefinition, chartDefinition } from './definitions.ts';
import { CHART_PARTS } from './echarts-parts.ts';
import { esc } from './svg.ts';

echarts.use([...CHART_PARTS, SVGRenderer]);

/** The SVG of a definition, as ECharts draws it on the server. */
function renderDefinition(def: ChartDefinition): string {
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: def.width,
    height: def.height,
  });
  try {
    instance.setOption(def.option);
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/**
 * A chart of the report model as one standalone SVG element: titled for screen readers, scalable
 * (viewBox), without the hover style sheet and class names ECharts numbers per instance, so that
 * several charts sit in one page and the output does not depend on what was drawn before.
 */
export function renderChart(chart: Chart): string {
  const def = chartDefinition(chart);
  const svg = renderDefinition(def)
    .replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/\n+/g, '\n')
    .trim();
  const open = svg.indexOf('>');
  const head = svg
    .slice(0, open)
    .replace(
      /^<svg /,
      `<svg class="chart" data-chart="${esc(chart.id)}" role="img" aria-label="${esc(chart.title)}" `,
    );
  return `${head}><title>${esc(chart.title)}</title>${svg.slice(open + 1)}`;
}
