// The charts as SVG files beside report.md (GitHub shows them as images): one file per chart.
import type { Chart, ReportModel } from '../types.ts';
import { renderChart } from './render.ts';

/** The chart's file, relative to the report's folder. */
export function chartFile(chart: Chart): string {
  return `charts/${chart.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.svg`;
}

/** Every chart of the report's sections with its file name and SVG text. */
export function chartFiles(model: ReportModel): Array<{ file: string; svg: string }> {
  return model.sections.flatMap((s) =>
    s.charts.map((c) => ({ file: chartFile(c), svg: `${renderChart(c)}\n` })),
  );
}
