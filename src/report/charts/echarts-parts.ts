// The Apache ECharts chart types and components the chart definitions (definitions.ts) draw with: the
// report's SVG renderer (render.ts) and the dashboard's canvas charts (web/src/components/chart.tsx)
// register the same ones, each with its own renderer.
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  PolarComponent,
  TitleComponent,
  VisualMapComponent,
} from 'echarts/components';

export const CHART_PARTS = [
  BarChart,
  LineChart,
  HeatmapChart,
  ScatterChart,
  PolarComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  VisualMapComponent,
];
