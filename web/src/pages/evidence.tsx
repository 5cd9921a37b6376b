// A KPI's evidence: the figure, its trend, what it rests on and the query that reproduces it.
import { Link, useParams, useSearch } from 'wouter';
import { Evidence } from '../components/evidence.tsx';
import { round, Status, useReport } from '../components/report.tsx';

export function EvidencePage() {
  const { area, kpi } = useParams<{ area: string; kpi: string }>();
  const team = new URLSearchParams(useSearch()).get('team');
  const report = useReport(team);
  const section = report.data?.sections.find((s) => s.id === area);
  const k = section?.kpis.find((x) => x.id === decodeURIComponent(kpi));
  return (
    <Status loading={report.loading} error={report.error}>
      {report.data && !k && (
        <p className="problem">
          No key figure {kpi} in {area}.
        </p>
      )}
      {section && k && (
        <>
          <p className="crumbs">
            <Link href="/">Overview</Link> › <Link href={`/areas/${section.id}`}>{section.title}</Link> ›
            evidence
          </p>
          <h1>{k.label}</h1>
          <p className="big-figure">{k.display}</p>
          <p>
            {k.previous !== null && k.previousPeriod
              ? `On ${k.previousPeriod}: ${round(k.previous)}${k.change !== null ? ` (change ${k.change > 0 ? '+' : ''}${round(k.change)})` : ''}.`
              : 'Nothing to compare with: no earlier snapshot measured it.'}
          </p>
          <Evidence evidence={k.evidence} sql={k.sql} />
          <p>
            <Link href={`/findings?area=${section.id}`} className="number">
              {section.findings.length}
            </Link>{' '}
            {section.findings.length === 1 ? 'finding' : 'findings'} in {section.title}.
          </p>
        </>
      )}
    </Status>
  );
}
