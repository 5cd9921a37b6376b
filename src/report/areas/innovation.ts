// Innovation and research: the radar and experiments registers when an analysis stored them.
import type { ReportData } from '../data.ts';
import type { AreaSection } from '../types.ts';
import { areaMetrics, buildSection, metricFigures } from './common.ts';

export function innovationSection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'innovation');
  const missing =
    metrics.length === 0
      ? ['technology radar (office radar file)', 'experiments register', 'upstream release feeds']
      : [];
  return buildSection(
    'innovation',
    data,
    { figures: metricFigures(metrics), charts: [], missing },
    'No data: no radar or experiments register is loaded.',
  );
}
