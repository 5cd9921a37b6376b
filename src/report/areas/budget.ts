// Budget and vendors: no data source exists yet; the section says so and shows any stored results.
import type { ReportData } from '../data.ts';
import type { AreaSection } from '../types.ts';
import { areaMetrics, buildSection, metricFigures } from './common.ts';

export function budgetSection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'budget-vendors');
  const missing = metrics.length === 0 ? ['cost import (FinOps FOCUS)', 'vendor register'] : [];
  return buildSection(
    'budget-vendors',
    data,
    { figures: metricFigures(metrics), charts: [], missing },
    'No data: import costs.',
  );
}
