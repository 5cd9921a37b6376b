// Query-time results from the loaded feeds: the vulnerability coverage, end-of-life runways as report
// figures, and the feed import dates for the appendix. Vulnerabilities and end-of-life items join the
// findings as problems (src/risk/problems.ts), one per advisory and package or product cycle.

import { coverageFor } from '../findings/coverage.ts';
import { findEol } from '../findings/eol/find.ts';
import { findVulnerabilities } from '../findings/vulnerabilities/find.ts';
import type { Store } from '../store/store.ts';
import { q, type ReportData, type ReportMetric } from './data.ts';

/** Sets the vulnerability coverage and adds runway metrics; returns the matches for the problems. */
export async function addFeedResults(
  store: Store,
  data: ReportData,
  windowMonths: number,
): Promise<Awaited<ReturnType<typeof findVulnerabilities>>> {
  const vulns = await findVulnerabilities(store);
  data.vulnCoverage = coverageFor(vulns.coverage, new Set(data.snapshots.map((s) => s.repository)));
  const today = data.now.toISOString().slice(0, 10);
  data.eolWindowMonths = windowMonths;
  const ids = data.snapshots.map((s) => s.snapshotId);
  const { rows, productsLoaded } = await findEol(store, { today, windowMonths, snapshotIds: ids });
  data.eolProductsLoaded = productsLoaded;
  for (const r of rows) {
    // A floor has no runway: it is not the runtime in use (its problem, if any, comes from src/risk).
    if (r.role === 'floor' || r.runwayMonths === null || !r.product) continue;
    const subject = `${r.product} ${r.cycle ?? r.version ?? ''}`.trim();
    const sql = `select repository, kind, version, path from current_runtimes where repository = ${q(r.repository)}`;
    data.metrics.push(eolMetric(r.repository, subject, Math.round(r.runwayMonths * 30.44), sql, r.paths));
  }
  return vulns;
}

function eolMetric(
  repository: string,
  subject: string,
  days: number,
  sql: string,
  files: string[],
): ReportMetric {
  return {
    snapshotId: 0,
    analysis: 'eol',
    metric: 'eol-runway',
    scope: 'package',
    subject,
    value: days,
    unit: 'days',
    evidence: null,
    repository,
    area: 'technology-strategy',
    evidenceRef: { repositories: [repository], files },
    sql,
  };
}

export async function feedDates(store: Store): Promise<Array<{ name: string; date: string | null }>> {
  const rows = await store.db
    .selectFrom('feed_imports')
    .select((eb) => ['feed', 'ecosystem', eb.fn.max('imported_at').as('at')])
    .where('status', '=', 'active')
    .groupBy(['feed', 'ecosystem'])
    .orderBy('feed')
    .orderBy('ecosystem')
    .execute();
  return rows.map((r) => ({
    name: `${r.feed}${r.ecosystem ? ` ${r.ecosystem}` : ''}`,
    date: r.at ? String(r.at) : null,
  }));
}
