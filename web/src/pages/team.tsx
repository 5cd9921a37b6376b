// A team (teams.yaml): the report scoped to it (as `cto report --team`): each area's rating, its
// repositories (the next step of the drill-down) and its risks.
import { Link, useParams } from 'wouter';
import { RepoLink } from '../components/links.tsx';
import { KpiValue, RatingBadge, Status, useReport } from '../components/report.tsx';

export function TeamPage() {
  const { team } = useParams<{ team: string }>();
  const name = decodeURIComponent(team);
  const report = useReport(name);
  const m = report.data;
  return (
    <>
      <p className="crumbs">
        <Link href="/portfolio">Portfolio</Link> › team
      </p>
      <h1>Team {name}</h1>
      <Status loading={report.loading} error={report.error}>
        {m && (
          <>
            {m.scope.note && <p className="notice">{m.scope.note}</p>}
            <section aria-labelledby="team-areas">
              <h2 id="team-areas">Areas</h2>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th>Area</th>
                      <th>Rating</th>
                      <th>Headline</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.summary.areas.map((a) => (
                      <tr key={a.id}>
                        <td>
                          <Link href={`/areas/${a.id}?team=${encodeURIComponent(name)}`}>{a.title}</Link>
                        </td>
                        <td>
                          <RatingBadge rating={a.rating} />
                        </td>
                        <td>
                          {a.headline ? (
                            <>
                              {a.headline.label}: <KpiValue area={a.id} kpi={a.headline} team={name} />
                            </>
                          ) : (
                            'not measured'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section aria-labelledby="team-repos">
              <h2 id="team-repos">Repositories ({m.appendix.data.repositories.length})</h2>
              <ul className="chips">
                {m.appendix.data.repositories.map((r) => (
                  <li key={r.repository}>
                    <RepoLink name={r.repository} />
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="team-risks">
              <h2 id="team-risks">Risks</h2>
              <p>
                <Link href={`/risks?team=${encodeURIComponent(name)}`} className="number big">
                  {m.summary.register.open}
                </Link>{' '}
                open, {m.summary.register.overdue} past their due date, {m.summary.register.accepted} accepted
                in its repositories.
              </p>
            </section>
          </>
        )}
      </Status>
    </>
  );
}
