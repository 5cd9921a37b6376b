// An area's KPIs: a figure in words with its trend against the previous period (docs/report.md,
// "KPIs"). The value and the previous value are read the same way (report/kpi-values.ts), so the
// change compares like with like; the direction is `flat` when both round to the same text.
import { figureValue } from './format.ts';
import type { EvidenceRef, Kpi, KpiDirection } from './types.ts';

/** What an area says about a KPI: everything but its trend. */
export interface KpiSpec {
  id: string;
  label: string;
  value: number | null;
  unit: string;
  better: 'up' | 'down' | null;
  evidence: EvidenceRef;
  sql: string;
}

/** The trend of a value against the previous one: null fields when either is unknown. */
export function kpiTrend(
  value: number | null,
  previous: number | null,
  unit: string,
): Pick<Kpi, 'change' | 'changeRelative' | 'direction'> {
  if (value === null || previous === null) return { change: null, changeRelative: null, direction: null };
  const change = value - previous;
  const same = figureValue({ value, unit }) === figureValue({ value: previous, unit });
  const direction: KpiDirection = same || change === 0 ? 'flat' : change > 0 ? 'up' : 'down';
  return {
    change: roundChange(change),
    changeRelative: previous === 0 ? null : Math.round((change / Math.abs(previous)) * 1000) / 1000,
    direction,
  };
}

/** A KPI from its spec and the value of the previous period (`period`: the date compared with). */
export function makeKpi(spec: KpiSpec, previous: number | null, period: string | null): Kpi {
  const known = period !== null ? previous : null;
  return {
    ...spec,
    display: spec.value === null ? 'not measured' : figureValue(spec),
    previous: known,
    previousPeriod: period,
    ...kpiTrend(spec.value, known, spec.unit),
  };
}

const roundChange = (n: number) => Math.round(n * 1000) / 1000;

/** Whether the KPI's move is good news (true), bad news (false), or neither/unknown (null). */
export function kpiGood(k: Pick<Kpi, 'direction' | 'better'>): boolean | null {
  if (k.direction === null || k.direction === 'flat' || k.better === null) return null;
  return k.direction === k.better;
}

/** An arrow for the direction: ↑ ↓ →, or '' when there is nothing to compare with. */
export function kpiArrow(k: Pick<Kpi, 'direction'>): string {
  return k.direction === 'up' ? '↑' : k.direction === 'down' ? '↓' : k.direction === 'flat' ? '→' : '';
}

/**
 * The trend in words: "up 12 people (+25%) from 48 people on 2026-09-30", "unchanged from 48 people
 * on 2026-09-30", "no value on 2026-09-30 to compare with", or '' when the KPI has no previous
 * period. A share moves in percentage points. `date: false` leaves the date out (a table's header says it).
 */
export function kpiTrendText(k: Kpi, opts: { date?: boolean } = {}): string {
  if (k.previousPeriod === null) return '';
  const on = opts.date === false ? '' : ` on ${k.previousPeriod}`;
  if (k.direction === null) return `no value${on} to compare with`;
  const was = figureValue({ value: k.previous, unit: k.unit });
  if (k.direction === 'flat') return `unchanged from ${was}${on}`;
  const by = Math.abs(k.change ?? 0);
  const amount =
    k.unit === 'ratio'
      ? `${Math.round(100 * by)} points`
      : k.unit === '%'
        ? `${figureValue({ value: by, unit: '' })} points`
        : figureValue({ value: by, unit: k.unit });
  const relative =
    k.changeRelative !== null && k.unit !== 'ratio' && k.unit !== '%'
      ? ` (${k.changeRelative > 0 ? '+' : '−'}${figureValue({ value: Math.abs(k.changeRelative), unit: 'ratio' })})`
      : '';
  return `${k.direction} ${amount}${relative} from ${was}${on}`;
}
