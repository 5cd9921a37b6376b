// The charts load with ECharts in their own file, when a page first draws one: the sign-in page and
// the overview do not wait for it.
import { lazy, Suspense } from 'react';
import type { Chart } from '../../../src/report/types.ts';

const ChartView = lazy(() => import('./chart.tsx').then((m) => ({ default: m.ChartView })));

export function LazyChart({ chart }: { chart: Chart }) {
  return (
    <Suspense fallback={<p className="loading">Loading the chart…</p>}>
      <ChartView chart={chart} />
    </Suspense>
  );
}
