// One area of the report (technology strategy, security, knowledge, ...): its rating and why, its KPIs
// each linked to its evidence, the report's charts drawn interactively, the findings that matter and
// every finding in a table that sorts and filters.
import { Link, useParams, useSearch } from 'wouter';
import type { AreaSection } from '../../../src/report/types.ts';
import { FindingsTable } from '../components/findings-table.tsx';
import { LazyChart } from '../components/lazy-chart.tsx';
import { KpiValue, RatingBadge, Status, useReport } from '../components/report.tsx';
import { TeamPicker } from '../components/team-picker.tsx';
import { useCan } from '../session.tsx';

export function AreaPage() {
  const { id } = useParams<{ id: string }>();
  const team = new URLSearchParams(useSearch()).get('team');
  const can = useCan();
  const report = useReport(team);
  const section = report.data?.sections.find((s) => s.id === id);
  return (
    <Status loading={report.loading} error={report.error}>
      {report.data && !section && <p className="problem">No area {id} in the report.</p>}
      {section && (
        <>
          <div className="page-head">
            <h1>
              {section.title}
              {team ? `: team ${team}` : ''}
            </h1>
            {can('portfolio:read') && <TeamPicker current={team} base={`/areas/${id}`} />}
          </div>
          <Area section={section} team={team} />
        </>
      )}
    </Status>
  );
}

function Area({ section, team }: { section: AreaSection; team: string | null }) {
  const byId = new Map(section.findings.map((f) => [f.id, f]));
  return (
    <>
      <p>
        <RatingBadge rating={section.rating} /> {section.line}
      </p>
      {section.reasons.length > 0 && (
        <ul className="drivers">
          {section.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {section.missing.length > 0 && (
        <p className="notice">Not checked (no data in the store): {section.missing.join('; ')}.</p>
      )}
      <section aria-labelledby="kpis-title">
        <h2 id="kpis-title">Key figures</h2>
        {section.kpis.length === 0 ? (
          <p>No key figure: not measured.</p>
        ) : (
          <dl className="kpis">
            {section.kpis.map((k) => (
              <div key={k.id} className="kpi">
                <dt>{k.label}</dt>
                <dd>
                  <KpiValue area={section.id} kpi={k} team={team} />
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      {section.charts.length > 0 && (
        <section aria-labelledby="charts-title">
          <h2 id="charts-title">Charts</h2>
          {section.charts.map((c) => (
            <LazyChart key={c.id} chart={c} />
          ))}
        </section>
      )}
      {section.topFindings.length > 0 && (
        <section aria-labelledby="top-title">
          <h2 id="top-title">What matters</h2>
          <ol className="top-findings">
            {section.topFindings.map((t) => {
              const f = byId.get(t.id);
              if (!f) return null;
              return (
                <li key={t.id}>
                  <span className={`sev sev-${f.severity}`}>{f.severity}</span>{' '}
                  <Link href={`/findings?id=${encodeURIComponent(f.id)}`}>{f.title}</Link>{' '}
                  <span className="muted">
                    in{' '}
                    <Link href={`/findings?subject=${encodeURIComponent(f.subject)}`} className="number">
                      {t.repositories.length}
                    </Link>{' '}
                    {t.repositories.length === 1 ? 'repository' : 'repositories'}
                    {t.score !== null ? `; score ${Math.round(t.score)}` : ''}; {f.action}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {section.radar && (
        <section aria-labelledby="radar-title">
          <h2 id="radar-title">Technology radar {section.radar.release}</h2>
          <ol className="radar-list">
            {section.radar.items.map((i) => (
              <li key={i.number} value={i.number}>
                <strong>{i.title}</strong> {i.ring}, {i.quadrant}
                {i.change ? ` (${i.change})` : ''}; in {i.runtimeRepositories.length} repositories at run
                time, {i.activePeople} active people
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <FindingsTable findings={section.findings} />
      </section>
    </>
  );
}
