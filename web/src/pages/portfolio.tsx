// The portfolio: every repository with its current snapshot (as `cto repos`) and the teams; the first
// step of the drill-down portfolio → team → repository → file or package.
import { Link } from 'wouter';
import { type ListDocument, type RepositorySummary, useApi } from '../api.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { NotPermitted, Status } from '../components/report.tsx';
import { useTeams } from '../components/team-picker.tsx';
import { useCan } from '../session.tsx';

const repoHref = (name: string) => `/repositories/${encodeURIComponent(name)}`;

const COLUMNS: Column<RepositorySummary>[] = [
  {
    id: 'name',
    header: 'Repository',
    value: (r) => r.name,
    cell: (r) => <Link href={repoHref(r.name)}>{r.name}</Link>,
  },
  {
    id: 'commits',
    header: 'Commits',
    value: (r) => r.commits,
    numeric: true,
    cell: (r) => (
      <Link href={repoHref(r.name)} className="number">
        {r.commits.toLocaleString('en-US')}
      </Link>
    ),
  },
  {
    id: 'authors',
    header: 'Authors',
    value: (r) => r.authors,
    numeric: true,
    cell: (r) => (
      <Link href={repoHref(r.name)} className="number">
        {r.authors.toLocaleString('en-US')}
      </Link>
    ),
  },
  {
    id: 'files',
    header: 'Files',
    value: (r) => r.files,
    numeric: true,
    cell: (r) => (
      <Link href={repoHref(r.name)} className="number">
        {r.files.toLocaleString('en-US')}
      </Link>
    ),
  },
  { id: 'last', header: 'Last commit', value: (r) => r.lastCommitAt?.slice(0, 10) ?? null, secondary: true },
  { id: 'status', header: 'Scan', value: (r) => r.status, facet: true, secondary: true },
];

export function PortfolioPage() {
  const repos = useRepositories();
  const teams = useTeams();
  if (!useCan()('portfolio:read')) return <NotPermitted what="the portfolio" />;
  return (
    <>
      <h1>Portfolio</h1>
      {teams.length > 0 && (
        <section aria-labelledby="teams-title">
          <h2 id="teams-title">Teams</h2>
          <ul className="chips">
            {teams.map((t) => (
              <li key={t}>
                <Link href={`/teams/${encodeURIComponent(t)}`}>{t}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="repos-title">
        <h2 id="repos-title">Repositories</h2>
        <Status loading={repos.loading} error={repos.error}>
          {repos.data && (
            <>
              {repos.data.page.total > repos.data.repositories.length && (
                <p className="notice">
                  The first {repos.data.repositories.length} of {repos.data.page.total} repositories.
                </p>
              )}
              <DataTable
                label="Repositories"
                rows={repos.data.repositories}
                columns={COLUMNS}
                initialSort={{ id: 'name', desc: false }}
              />
            </>
          )}
        </Status>
      </section>
    </>
  );
}

/** Every repository of the store (as `cto repos`), for the roles that may read it. */
export function useRepositories() {
  const can = useCan();
  return useApi<ListDocument<'repositories', RepositorySummary>>(
    can('portfolio:read') ? '/api/v1/repositories?limit=1000' : null,
  );
}
