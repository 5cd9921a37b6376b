// The report document (GET /api/v1/report, as `cto report --json`), read once per team and shared by
// the overview, the area pages and the findings; with small pieces every page uses to show it.
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Kpi, Rating, ReportModel } from '../../../src/report/types.ts';
import { type ApiError, query, useApi } from '../api.ts';
import { useCan } from '../session.tsx';

export function useReport(team: string | null) {
  const can = useCan();
  return useApi<ReportModel>(can('summary:read') ? `/api/v1/report${query({ team })}` : null);
}

const RATING_WORDS: Record<Rating, string> = {
  red: 'red: act now',
  amber: 'amber: attention',
  green: 'green: in order',
  grey: 'grey: not measured',
};

export function RatingBadge({ rating }: { rating: Rating }) {
  return <span className={`rating rating-${rating}`}>{RATING_WORDS[rating]}</span>;
}

/** A KPI's value, linked to its evidence; the change against the previous period beside it. */
export function KpiValue({ area, kpi, team }: { area: string; kpi: Kpi; team?: string | null }) {
  const change =
    kpi.direction && kpi.change !== null
      ? `${kpi.change > 0 ? '+' : ''}${round(kpi.change)}${kpi.unit === 'ratio' ? '' : ` ${kpi.unit}`.trimEnd()} since ${kpi.previousPeriod}`
      : null;
  const good = kpi.direction && kpi.better ? (kpi.direction === kpi.better ? 'good' : 'bad') : 'neutral';
  return (
    <span className="kpi-value">
      <Link
        href={`/evidence/${area}/${encodeURIComponent(kpi.id)}${query({ team })}`}
        className="number"
        title="evidence"
      >
        {kpi.display}
      </Link>
      {change && kpi.direction !== 'flat' && <span className={`change change-${good}`}>{change}</span>}
    </span>
  );
}

export function round(n: number): string {
  const a = Math.abs(n);
  return n.toLocaleString('en-US', { maximumFractionDigits: a >= 100 ? 0 : a >= 1 ? 1 : 2 });
}

/** What a page shows while loading, or when the API refused or failed. */
export function Status({
  loading,
  error,
  children,
}: {
  loading: boolean;
  error: ApiError | undefined;
  children?: ReactNode;
}) {
  if (error) {
    return (
      <p className="problem" role="alert">
        {error.status === 403 ? 'Not for your role: ' : ''}
        {error.message} <code>{error.code}</code>
      </p>
    );
  }
  if (loading) return <p className="loading">Loading…</p>;
  return <>{children}</>;
}

/** Who may see this page: a message instead of a request the API would refuse. */
export function NotPermitted({ what }: { what: string }) {
  return <p className="problem">Your role may not read {what}; ask an admin for another role.</p>;
}
