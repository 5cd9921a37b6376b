// A repository: its current snapshot (as `cto repos`), its findings of every area, its risks, and the
// files and packages its findings name (the last step of the drill-down, each linked to its findings).
import { Link, useParams } from 'wouter';
import { FindingsTable } from '../components/findings-table.tsx';
import { EvidenceLink } from '../components/links.tsx';
import { NotPermitted, Status, useReport } from '../components/report.tsx';
import { useCan } from '../session.tsx';
import { useRepositories } from './portfolio.tsx';
import { useRisks } from './risks.tsx';

export function RepositoryPage() {
  const { name: raw } = useParams<{ name: string }>();
  const name = decodeURIComponent(raw);
  const repos = useRepositories();
  const report = useReport(null);
  const risks = useRisks();
  const repo = repos.data?.repositories.find((r) => r.name === name);
  const findings = (report.data?.sections ?? [])
    .flatMap((s) => s.findings)
    .filter((f) => f.repository === name);
  const files = [...new Set(findings.flatMap((f) => f.evidence.files ?? []))].sort();
  const packages = [...new Set(findings.flatMap((f) => f.evidence.packages ?? []))].sort();
  const open = (risks.data?.risks ?? []).filter(
    (r) => r.repository === name && (r.status === 'open' || r.status === 'accepted'),
  );
  if (!useCan()('portfolio:read')) return <NotPermitted what="repositories" />;
  return (
    <>
      <p className="crumbs">
        <Link href="/portfolio">Portfolio</Link> › repository
      </p>
      <h1>{name}</h1>
      <p>
        Download:{' '}
        <a href={`/api/v1/exports/cyclonedx?repository=${encodeURIComponent(name)}`} download>
          SBOM (CycloneDX)
        </a>{' '}
        ·{' '}
        <a href={`/api/v1/exports/cyclonedx-vex?repository=${encodeURIComponent(name)}`} download>
          VEX (CycloneDX)
        </a>{' '}
        ·{' '}
        <a href={`/api/v1/exports/findings.csv?repository=${encodeURIComponent(name)}`} download>
          findings (CSV)
        </a>
      </p>
      <Status loading={repos.loading} error={repos.error}>
        {repos.data && !repo && <p className="problem">No repository {name} in the store.</p>}
        {repo && (
          <dl className="facts">
            <dt>Commit</dt>
            <dd>
              <code>{repo.commit?.slice(0, 12) ?? 'not scanned'}</code> {repo.ref ?? ''}
            </dd>
            <dt>Commits</dt>
            <dd>{repo.commits.toLocaleString('en-US')}</dd>
            <dt>Authors</dt>
            <dd>{repo.authors.toLocaleString('en-US')}</dd>
            <dt>Files</dt>
            <dd>{repo.files.toLocaleString('en-US')}</dd>
            <dt>History</dt>
            <dd>
              {repo.firstCommitAt?.slice(0, 10) ?? '?'} to {repo.lastCommitAt?.slice(0, 10) ?? '?'}
            </dd>
            <dt>Scanned</dt>
            <dd>
              {repo.scannedAt?.slice(0, 16).replace('T', ' ') ?? 'never'} ({repo.status ?? 'no scan'})
            </dd>
          </dl>
        )}
      </Status>
      <section aria-labelledby="repo-risks">
        <h2 id="repo-risks">Risks</h2>
        <Status loading={risks.loading} error={risks.error}>
          <p>
            <Link href={`/risks?repository=${encodeURIComponent(name)}`} className="number big">
              {open.length}
            </Link>{' '}
            open or accepted.
          </p>
          <ul>
            {open
              .sort((a, b) => b.score - a.score)
              .slice(0, 10)
              .map((r) => (
                <li key={r.key}>
                  <span className={`sev sev-${r.severity}`}>{r.severity}</span>{' '}
                  <Link href={`/risks/${encodeURIComponent(r.key)}`}>{r.title}</Link>
                </li>
              ))}
          </ul>
        </Status>
      </section>
      <Status loading={report.loading} error={report.error}>
        {(files.length > 0 || packages.length > 0) && (
          <section aria-labelledby="repo-evidence" className="two-col">
            <h2 id="repo-evidence">Files and packages with findings</h2>
            <div>
              <h3>Files ({files.length})</h3>
              <ul>
                {files.slice(0, 100).map((f) => (
                  <li key={f}>
                    <EvidenceLink repository={name} file={f} />
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>Packages ({packages.length})</h3>
              <ul>
                {packages.slice(0, 100).map((p) => (
                  <li key={p}>
                    <EvidenceLink repository={name} pkg={p} />
                  </li>
                ))}
              </ul>
            </div>
          </section>
        )}
        <section aria-labelledby="repo-findings">
          <h2 id="repo-findings">Findings</h2>
          <FindingsTable findings={findings} />
        </section>
      </Status>
    </>
  );
}
