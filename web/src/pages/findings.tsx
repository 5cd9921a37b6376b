// Findings of every area, or those a link names: one finding (`?id=`), or those of a repository, a
// file, a package or an advisory (`?repository=&file=&package=&advisory=`): the evidence behind numbers.
import { Link, useSearch } from 'wouter';
import type { ReportFinding } from '../../../src/report/types.ts';
import { Evidence } from '../components/evidence.tsx';
import { FindingsTable } from '../components/findings-table.tsx';
import { RepoLink } from '../components/links.tsx';
import { Status, useReport } from '../components/report.tsx';

function matches(f: ReportFinding, p: URLSearchParams): boolean {
  const repository = p.get('repository');
  const file = p.get('file');
  const pkg = p.get('package');
  const advisory = p.get('advisory');
  const subject = p.get('subject');
  if (subject && f.subject !== subject) return false;
  if (repository && f.repository !== repository) return false;
  if (file && !f.evidence.files?.includes(file)) return false;
  if (pkg && !f.evidence.packages?.includes(pkg) && f.subject !== pkg) return false;
  if (advisory && !f.evidence.advisories?.includes(advisory) && f.subject !== advisory) return false;
  return true;
}

/** The CSV export of the same findings: the filters the export takes (area, repository), the rest in the file. */
function csvHref(p: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const k of ['area', 'repository']) {
    const v = p.get(k);
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return `/api/v1/exports/findings.csv${s ? `?${s}` : ''}`;
}

export function FindingsPage() {
  const params = new URLSearchParams(useSearch());
  const report = useReport(null);
  const area = params.get('area');
  const all = (report.data?.sections ?? [])
    .filter((s) => !area || s.id === area)
    .flatMap((s) => s.findings.map((f) => ({ f, area: s })));
  const id = params.get('id');
  const one = id ? all.find((x) => x.f.id === id) : undefined;
  const named = ['area', 'repository', 'subject', 'file', 'package', 'advisory'].filter((k) => params.get(k));
  return (
    <Status loading={report.loading} error={report.error}>
      {id && report.data && !one && <p className="problem">No finding {id} in the report.</p>}
      {one ? (
        <>
          <p className="crumbs">
            <Link href={`/areas/${one.area.id}`}>{one.area.title}</Link> › finding
          </p>
          <h1>{one.f.title}</h1>
          <p>
            <span className={`sev sev-${one.f.severity}`}>{one.f.severity}</span> in{' '}
            <RepoLink name={one.f.repository} />, {one.f.exposure ?? 'runtime'}; owner {one.f.owner}; rule{' '}
            <code>
              {one.f.analysis}/{one.f.rule}
            </code>
          </p>
          {one.f.detail && <p>{one.f.detail}</p>}
          <p>
            <strong>Action:</strong> {one.f.action}
          </p>
          <h2>Evidence</h2>
          <Evidence evidence={one.f.evidence} sql={one.f.sql} repository={one.f.repository} />
        </>
      ) : (
        <>
          <h1>
            Findings
            {named.map((k) => ` · ${k} ${params.get(k)}`).join('')}
          </h1>
          <p>
            {named.length > 0 && (
              <>
                <Link href="/findings">All findings</Link> ·{' '}
              </>
            )}
            <a className="download" href={csvHref(params)} download>
              Download as CSV
            </a>
          </p>
          <FindingsTable findings={all.map((x) => x.f).filter((f) => matches(f, params))} />
        </>
      )}
    </Status>
  );
}
