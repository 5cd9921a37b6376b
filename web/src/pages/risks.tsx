// The risk register (as `cto risks --all`): a table that sorts and filters by team (the owner),
// repository, severity and status; `?team=` and `?status=` preset it. A risk's page shows its record.
import { Link, useParams, useSearch } from 'wouter';
import type { RiskJson as RiskRow } from '../../../src/cli/risks.ts';
import { type ListDocument, useApi } from '../api.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { RepoLink } from '../components/links.tsx';
import { NotPermitted, Status } from '../components/report.tsx';
import { useCan } from '../session.tsx';

const today = () => new Date().toISOString().slice(0, 10);

/** The status on today: an open risk past its SLA due date is overdue (docs/risk.md). */
function stateOf(r: RiskRow): string {
  return r.status === 'open' && r.slaDue !== null && r.slaDue < today() ? 'overdue' : r.status;
}

const SEVERITY_ORDER: Record<string, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };
const riskHref = (key: string) => `/risks/${encodeURIComponent(key)}`;

const COLUMNS: Column<RiskRow>[] = [
  {
    id: 'severity',
    header: 'Severity',
    value: (r) => SEVERITY_ORDER[r.severity] ?? 0,
    cell: (r) => <span className={`sev sev-${r.severity}`}>{r.severity}</span>,
  },
  {
    id: 'title',
    header: 'Risk',
    value: (r) => r.title,
    cell: (r) => <Link href={riskHref(r.key)}>{r.title}</Link>,
  },
  {
    id: 'repository',
    header: 'Repository',
    value: (r) => r.repository,
    cell: (r) => <RepoLink name={r.repository} />,
    facet: true,
  },
  { id: 'team', header: 'Team', value: (r) => r.owner, facet: true },
  { id: 'area', header: 'Area', value: (r) => r.area, facet: true, secondary: true },
  { id: 'state', header: 'Status', value: stateOf, facet: true },
  {
    id: 'score',
    header: 'Score',
    value: (r) => Math.round(r.score),
    numeric: true,
    cell: (r) => (
      <Link href={riskHref(r.key)} className="number">
        {Math.round(r.score)}
      </Link>
    ),
  },
  { id: 'due', header: 'Due', value: (r) => r.slaDue, secondary: true },
];

/** `?status=open` is every risk the register counts as open: open and overdue ones. */
function statusMatches(r: RiskRow, status: string | null): boolean {
  if (!status) return true;
  const s = stateOf(r);
  return status === 'open' ? s === 'open' || s === 'overdue' : s === status;
}

/** The register, for the roles that may read it (none asked otherwise). */
export function useRisks() {
  const can = useCan();
  return useApi<ListDocument<'risks', RiskRow> & { notChecked: string[] }>(
    can('portfolio:read') ? '/api/v1/risks?status=all&limit=1000' : null,
  );
}

export function RisksPage() {
  const params = new URLSearchParams(useSearch());
  const status = params.get('status');
  const team = params.get('team');
  const repository = params.get('repository');
  const filters: Record<string, string> = {};
  if (team) filters.team = team;
  if (repository) filters.repository = repository;
  const risks = useRisks();
  const rows = (risks.data?.risks ?? []).filter((r) => statusMatches(r, status));
  if (!useCan()('portfolio:read')) return <NotPermitted what="the risk register" />;
  return (
    <>
      <h1>Risks{status ? `: ${status}` : ''}</h1>
      {status && (
        <p>
          <Link href="/risks">Every risk of the register</Link>
        </p>
      )}
      <Status loading={risks.loading} error={risks.error}>
        {/* An empty register is clean only where it could see: what was not checked comes first. */}
        {risks.data?.notChecked.map((line) => (
          <p key={line} className="notice not-checked">
            {line}
          </p>
        ))}
        {risks.data && risks.data.page.total > risks.data.risks.length && (
          <p className="notice">
            The first {risks.data.risks.length} of {risks.data.page.total} risks.
          </p>
        )}
        <DataTable
          key={`${status}:${team}:${repository}`}
          label="Risks"
          rows={rows}
          columns={COLUMNS}
          initialSort={{ id: 'score', desc: true }}
          initialFilters={filters}
          empty="The register is empty."
        />
      </Status>
    </>
  );
}

export function RiskPage() {
  const { key } = useParams<{ key: string }>();
  const k = decodeURIComponent(key);
  const risks = useRisks();
  const r = risks.data?.risks.find((x) => x.key === k);
  const decision = (r?.decision ?? null) as Record<string, unknown> | null;
  if (!useCan()('portfolio:read')) return <NotPermitted what="the risk register" />;
  return (
    <Status loading={risks.loading} error={risks.error}>
      {risks.data && !r && <p className="problem">No risk {k} in the register.</p>}
      {r && (
        <>
          <p className="crumbs">
            <Link href="/risks">Risks</Link> › {r.repository}
          </p>
          <h1>{r.title}</h1>
          <p>
            <span className={`sev sev-${r.severity}`}>{r.severity}</span> {stateOf(r)}; score{' '}
            <strong>{Math.round(r.score)}</strong> (severity × exposure × reachability × age)
          </p>
          <dl className="facts">
            <dt>Repository</dt>
            <dd>
              <RepoLink name={r.repository} />
            </dd>
            <dt>Team</dt>
            <dd>
              <Link href={`/risks?team=${encodeURIComponent(r.owner)}`}>{r.owner}</Link>
            </dd>
            <dt>Subject</dt>
            <dd>
              <Link
                href={`/findings?repository=${encodeURIComponent(r.repository)}&subject=${encodeURIComponent(r.subject)}`}
              >
                {r.subject}
              </Link>
            </dd>
            <dt>Kind</dt>
            <dd>{r.kind}</dd>
            <dt>Exposure</dt>
            <dd>{r.exposure}</dd>
            <dt>First seen</dt>
            <dd>{r.firstSeen.slice(0, 10)}</dd>
            <dt>Last seen</dt>
            <dd>{r.lastSeen.slice(0, 10)}</dd>
            <dt>Due (SLA)</dt>
            <dd>{r.slaDue ?? 'no SLA for its severity'}</dd>
            <dt>Action</dt>
            <dd>{r.action}</dd>
            <dt>Decision</dt>
            <dd>{decision ? <code>{JSON.stringify(decision)}</code> : 'none in risks.yaml'}</dd>
            <dt>Key</dt>
            <dd>
              <code>{r.key}</code>
            </dd>
          </dl>
          <p>
            <Link href={`/findings?repository=${encodeURIComponent(r.repository)}`}>
              Findings of {r.repository}
            </Link>
          </p>
        </>
      )}
    </Status>
  );
}
