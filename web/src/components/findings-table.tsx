// Findings of the report in a table: severity, what, where, owner; each row links to the finding's
// evidence (its repository, files, packages, advisories).
import { Link } from 'wouter';
import type { ReportFinding } from '../../../src/report/types.ts';
import { type Column, DataTable } from './data-table.tsx';
import { RepoLink } from './links.tsx';

const SEVERITY_ORDER: Record<string, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

const COLUMNS: Column<ReportFinding>[] = [
  {
    id: 'severity',
    header: 'Severity',
    value: (f) => SEVERITY_ORDER[f.severity] ?? 0,
    cell: (f) => <span className={`sev sev-${f.severity}`}>{f.severity}</span>,
  },
  {
    id: 'title',
    header: 'Finding',
    value: (f) => f.title,
    cell: (f) => <Link href={`/findings?id=${encodeURIComponent(f.id)}`}>{f.title}</Link>,
  },
  {
    id: 'repository',
    header: 'Repository',
    value: (f) => f.repository,
    cell: (f) => <RepoLink name={f.repository} />,
    facet: true,
  },
  { id: 'owner', header: 'Owner', value: (f) => f.owner, facet: true },
  { id: 'exposure', header: 'Exposure', value: (f) => f.exposure ?? 'runtime', facet: true, secondary: true },
  { id: 'rule', header: 'Rule', value: (f) => `${f.analysis}/${f.rule}`, secondary: true },
];

export function FindingsTable({
  findings,
  filters,
}: {
  findings: readonly ReportFinding[];
  filters?: Record<string, string>;
}) {
  return (
    <DataTable
      label="Findings"
      rows={findings}
      columns={COLUMNS}
      initialSort={{ id: 'severity', desc: true }}
      {...(filters ? { initialFilters: filters } : {})}
      empty="No finding."
    />
  );
}
