// The executive summary as the report has it (docs/report.md#executive-summary): each area's rating,
// sentence, headline KPI and drivers; the register's counts; the top risks; the decisions needed.
// A team chosen above scopes it as `cto report --team` does.
import { Link, useSearch } from 'wouter';
import { RepoLink } from '../components/links.tsx';
import { KpiValue, NotPermitted, RatingBadge, Status, useReport } from '../components/report.tsx';
import { TeamPicker } from '../components/team-picker.tsx';
import { useCan } from '../session.tsx';

export function OverviewPage() {
  const team = new URLSearchParams(useSearch()).get('team');
  const can = useCan();
  const report = useReport(team);
  const m = report.data;
  return (
    <>
      <div className="page-head">
        <h1>Overview{m?.scope.team ? `: team ${m.scope.team}` : ''}</h1>
        {can('portfolio:read') && <TeamPicker current={team} base="/" />}
      </div>
      {!can('summary:read') && <NotPermitted what="the summary and the report" />}
      <Status loading={report.loading} error={report.error}>
        {m && (
          <>
            {m.notice && <p className="notice">{m.notice}</p>}
            {m.scope.note && <p className="notice">{m.scope.note}</p>}
            <p className="meta">
              Generated {m.generatedAt.slice(0, 16).replace('T', ' ')} UTC
              {m.summary.previousPeriod ? `; changes against ${m.summary.previousPeriod}` : ''}
              {m.scope.anonymized ? '; people under pseudonyms' : ''}.{' '}
              <a
                className="download"
                href={`/api/v1/exports/report.html${team ? `?team=${encodeURIComponent(team)}` : ''}`}
                download
              >
                Download the report (HTML)
              </a>
            </p>
            <section aria-labelledby="areas-title">
              <h2 id="areas-title">Areas</h2>
              <div className="areas">
                {m.summary.areas.map((a) => (
                  <article key={a.id} className={`area-card rating-edge-${a.rating}`}>
                    <h3>
                      <Link href={`/areas/${a.id}`}>{a.title}</Link>
                    </h3>
                    <RatingBadge rating={a.rating} />
                    <p>{a.sentence}</p>
                    {a.headline && (
                      <p className="headline">
                        <span className="kpi-label">{a.headline.label}</span>{' '}
                        <KpiValue area={a.id} kpi={a.headline} team={team} />
                      </p>
                    )}
                    {a.drivers.length > 0 && (
                      <ul className="drivers">
                        {a.drivers.map((d) => (
                          <li key={d}>{d}</li>
                        ))}
                      </ul>
                    )}
                  </article>
                ))}
              </div>
            </section>
            <section aria-labelledby="register-title">
              <h2 id="register-title">Risk register</h2>
              <p className="register">
                <RegisterCount
                  n={m.summary.register.open}
                  what="open"
                  status="open"
                  link={can('portfolio:read')}
                />
                <RegisterCount
                  n={m.summary.register.overdue}
                  what="past their due date"
                  status="overdue"
                  link={can('portfolio:read')}
                />
                <RegisterCount
                  n={m.summary.register.accepted}
                  what="accepted"
                  status="accepted"
                  link={can('portfolio:read')}
                />
              </p>
            </section>
            <section aria-labelledby="top-risks-title">
              <h2 id="top-risks-title">Top risks</h2>
              {m.summary.topRisks.length === 0 ? (
                <p>No open or accepted risk in the register.</p>
              ) : (
                <ol className="top-risks">
                  {m.summary.topRisks.map((r) => (
                    <li key={r.key}>
                      <span className={`sev sev-${r.severity}`}>{r.severity}</span>{' '}
                      {can('portfolio:read') ? (
                        <Link href={`/risks/${encodeURIComponent(r.key)}`}>{r.title}</Link>
                      ) : (
                        r.title
                      )}{' '}
                      <span className="muted">
                        in <RepoLink name={r.repository} />, {r.exposure}; score{' '}
                        <Link
                          href={`/findings${r.findingId ? `?id=${encodeURIComponent(r.findingId)}` : `?repository=${encodeURIComponent(r.repository)}`}`}
                          className="number"
                        >
                          {Math.round(r.score)}
                        </Link>
                        ; owner {r.owner}
                        {r.status === 'overdue' ? `; ${r.overdueDays} days overdue` : ''}
                        {r.status === 'accepted' ? `; accepted until ${r.due}` : ''}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <section aria-labelledby="decisions-title">
              <h2 id="decisions-title">Decisions needed</h2>
              {m.summary.decisions.length === 0 ? (
                <p>Nothing waits for a decision.</p>
              ) : (
                <ul className="decisions">
                  {m.summary.decisions.map((d) => (
                    <li key={`${d.kind}:${d.subject}:${d.repository ?? ''}`}>
                      <strong>{d.title}</strong>{' '}
                      <span className="muted">
                        {d.repository && (
                          <>
                            in <RepoLink name={d.repository} />;{' '}
                          </>
                        )}
                        {d.due ? `by ${d.due}; ` : ''}owner {d.owner}
                        {d.riskKey && can('portfolio:read') && (
                          <>
                            ; <Link href={`/risks/${encodeURIComponent(d.riskKey)}`}>the risk</Link>
                          </>
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </Status>
    </>
  );
}

function RegisterCount({
  n,
  what,
  status,
  link,
}: {
  n: number;
  what: string;
  status: string;
  link: boolean;
}) {
  return (
    <span className="register-count">
      {link ? (
        <Link href={`/risks?status=${status}`} className="number big">
          {n.toLocaleString('en-US')}
        </Link>
      ) : (
        <span className="big">{n.toLocaleString('en-US')}</span>
      )}{' '}
      {what}
    </span>
  );
}
