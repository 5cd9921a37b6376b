// A chart of the report model drawn in the browser by Apache ECharts from the report's own definition
// (src/report/charts/definitions.ts): the same chart as the report, plus hover tooltips, a legend that
// toggles series, and a width that follows the screen.
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { chartDefinition } from '../../../src/report/charts/definitions.ts';
import { CHART_PARTS } from '../../../src/report/charts/echarts-parts.ts';
import type { Chart } from '../../../src/report/types.ts';

echarts.use([...CHART_PARTS, TooltipComponent, CanvasRenderer]);

const TOOLTIP: Partial<Record<Chart['kind'], Record<string, unknown>>> = {
  line: { trigger: 'axis' },
  bar: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  'stacked-bar': { trigger: 'axis', axisPointer: { type: 'shadow' } },
  timeline: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  'small-multiples': { trigger: 'axis' },
  matrix: { trigger: 'item' },
  radar: { trigger: 'item' },
};

/** Room under each grid for the axis labels, which the canvas would otherwise cut at its edge. */
const AXIS_ROOM = 14;

function withAxisRoom(option: Record<string, unknown>): Record<string, unknown> {
  const grow = (g: unknown) =>
    g && typeof g === 'object' && typeof (g as { bottom?: unknown }).bottom === 'number'
      ? { ...g, bottom: (g as { bottom: number }).bottom + AXIS_ROOM }
      : g;
  const grid = option.grid;
  if (grid === undefined || Array.isArray(grid)) return option;
  return { ...option, grid: grow(grid) };
}

export function ChartView({ chart }: { chart: Chart }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const def = chartDefinition(chart);
    // The radar keeps its square; the others take the width they are given.
    const square = chart.kind === 'radar';
    const option = withAxisRoom(def.option);
    const height = def.height + (option === def.option ? 0 : AXIS_ROOM);
    const instance = echarts.init(el, null, {
      renderer: 'canvas',
      height,
      ...(square ? { width: def.width } : {}),
    });
    instance.setOption({ ...option, tooltip: { confine: true, ...TOOLTIP[chart.kind] } });
    const resize = new ResizeObserver(() => {
      if (!square) instance.resize({ height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [chart]);
  return (
    <figure className="chart">
      <figcaption>{chart.title}</figcaption>
      <div className="chart-canvas" ref={box} role="img" aria-label={chart.title} />
      <details className="sql">
        <summary>Query</summary>
        <code>{chart.sql}</code>
      </details>
    </figure>
  );
}
