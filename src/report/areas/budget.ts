// Budget and vendors: no data source exists yet; the section says so and shows any stored results.
import type { ReportData } from '../data.ts';
import type { AreaSection } from '../types.ts';
import { areaMetrics, buildSection, metricFigures } from './common.ts';

export function budgetSection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'budget-vendors');
  // No cto command imports costs or vendors yet: the section names none.
  const missing: string[] = [];
  return buildSection(
    'budget-vendors',
    data,
    { figures: metricFigures(metrics), charts: [], missing },
    'Not measured: no cto command measures budget or vendors yet (no cost import, no vendor register).',
  );
}
