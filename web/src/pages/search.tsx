// Search across repositories, people (only for roles with people-level access: the API decides),
// packages and advisories (those the register and the report's findings name), each hit linked.
import type { ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { type ListDocument, useApi } from '../api.ts';
import { EvidenceLink, RepoLink } from '../components/links.tsx';
import { useReport } from '../components/report.tsx';
import { useCan } from '../session.tsx';
import { useRepositories } from './portfolio.tsx';
import { useRisks } from './risks.tsx';

interface Person {
  name: string;
  emails?: string[];
}

const LIMIT = 30;

export function SearchPage() {
  const q = new URLSearchParams(useSearch()).get('q') ?? '';
  const [, navigate] = useLocation();
  const can = useCan();
  const portfolio = can('portfolio:read');
  const repos = useRepositories();
  const people = useApi<ListDocument<'people', Person>>(
    can('people:read') && q ? '/api/v1/people?limit=1000' : null,
  );
  const risks = useRisks();
  const report = useReport(null);
  const needle = q.trim().toLowerCase();
  const has = (s: string | undefined | null) => !!s && needle !== '' && s.toLowerCase().includes(needle);
  const findings = (report.data?.sections ?? []).flatMap((s) => s.findings);
  const packages = new Map<string, string>();
  const advisories = new Map<string, string>();
  for (const f of findings) {
    for (const p of f.evidence.packages ?? []) if (has(p)) packages.set(p, f.repository);
    for (const a of f.evidence.advisories ?? []) if (has(a)) advisories.set(a, f.repository);
  }
  for (const r of risks.data?.risks ?? []) {
    if (r.kind !== 'vulnerability') continue;
    if (has(r.subject)) packages.set(r.subject, r.repository);
    const ids = [r.key.slice(r.key.lastIndexOf(':') + 1), ...r.aliases];
    for (const a of ids) if (has(a)) advisories.set(a, r.repository);
  }
  const repoHits = (repos.data?.repositories ?? []).filter((r) => has(r.name));
  const peopleHits = (people.data?.people ?? []).filter((p) => has(p.name) || (p.emails ?? []).some(has));
  return (
    <>
      <h1>Search</h1>
      <form
        className="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          const v = String(new FormData(e.currentTarget).get('q') ?? '');
          navigate(`/search?q=${encodeURIComponent(v)}`);
        }}
      >
        <input
          name="q"
          type="search"
          defaultValue={q}
          placeholder="repository, package, advisory, person"
          aria-label="Search"
        />
        <button type="submit">Search</button>
      </form>
      {needle && (
        <div className="results">
          {portfolio && (
            <Hits title="Repositories" n={repoHits.length}>
              {repoHits.slice(0, LIMIT).map((r) => (
                <li key={r.name}>
                  <RepoLink name={r.name} />
                </li>
              ))}
            </Hits>
          )}
          <Hits title="Packages" n={packages.size}>
            {[...packages].slice(0, LIMIT).map(([p, repo]) => (
              <li key={p}>
                <EvidenceLink pkg={p} /> <span className="muted">({repo} and others)</span>
              </li>
            ))}
          </Hits>
          <Hits title="Advisories" n={advisories.size}>
            {[...advisories].slice(0, LIMIT).map(([a]) => (
              <li key={a}>
                <EvidenceLink advisory={a} />
              </li>
            ))}
          </Hits>
          {can('people:read') ? (
            <Hits title="People" n={peopleHits.length}>
              {people.error && <li className="muted">{people.error.message}</li>}
              {peopleHits.slice(0, LIMIT).map((p) => (
                <li key={`${p.name}:${p.emails?.[0] ?? ''}`}>
                  {p.name} {p.emails?.[0] && <span className="muted">{p.emails[0]}</span>}
                </li>
              ))}
            </Hits>
          ) : (
            <p className="muted">People are not searched: your role has no people-level access.</p>
          )}
          <p>
            <Link href={`/findings`}>Every finding</Link>
          </p>
        </div>
      )}
    </>
  );
}

function Hits({ title, n, children }: { title: string; n: number; children: ReactNode }) {
  return (
    <section>
      <h2>
        {title} ({n})
      </h2>
      {n === 0 ? <p className="muted">No match.</p> : <ul>{children}</ul>}
    </section>
  );
}
