// Innovation and research: no source measures it yet; the section says so and shows any stored results.
import type { ReportData } from '../data.ts';
import type { AreaSection } from '../types.ts';
import { areaMetrics, buildSection, metricFigures } from './common.ts';

export function innovationSection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'innovation');
  // No cto command measures this area yet: the section names none.
  const missing: string[] = [];
  return buildSection(
    'innovation',
    data,
    { figures: metricFigures(metrics), charts: [], missing },
    'Not measured: no cto command measures innovation yet (no radar or experiments register).',
  );
}
