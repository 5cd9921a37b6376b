// One entry point: a chart of the report model as an SVG string.
import type { Chart } from '../types.ts';
import { renderBars } from './bar.ts';
import { renderLine } from './line.ts';
import { renderTimeline } from './timeline.ts';

export function renderChart(chart: Chart): string {
  switch (chart.kind) {
    case 'bar':
    case 'stacked-bar':
      return renderBars(chart);
    case 'line':
      return renderLine(chart);
    case 'timeline':
      return renderTimeline(chart);
  }
}
