// Search across repositories, people (only those the caller's role may see: the API decides),
// packages and advisories, through GET /api/v1/search; each hit links to its page or its evidence.
import type { ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { type ListDocument, useApi } from '../api.ts';
import { EvidenceLink, RepoLink } from '../components/links.tsx';
import { useCan } from '../session.tsx';

interface Hit {
  kind: 'repository' | 'person' | 'package' | 'advisory';
  id: string;
  title: string;
  repository: string | null;
}

const LIMIT = 30;

/** Hits of one kind, one entry per id with every repository it was found in. */
function grouped(
  hits: Hit[],
  kind: Hit['kind'],
): Array<{ id: string; title: string; repositories: string[] }> {
  const byId = new Map<string, { id: string; title: string; repositories: string[] }>();
  for (const h of hits) {
    if (h.kind !== kind) continue;
    const entry = byId.get(h.id) ?? { id: h.id, title: h.title, repositories: [] };
    if (h.repository && !entry.repositories.includes(h.repository)) entry.repositories.push(h.repository);
    byId.set(h.id, entry);
  }
  return [...byId.values()];
}

export function SearchPage() {
  const q = new URLSearchParams(useSearch()).get('q') ?? '';
  const [, navigate] = useLocation();
  const can = useCan();
  const needle = q.trim();
  const found = useApi<ListDocument<'results', Hit>>(
    can('portfolio:read') && needle ? `/api/v1/search?q=${encodeURIComponent(needle)}&limit=1000` : null,
  );
  const hits = found.data?.results ?? [];
  const repos = grouped(hits, 'repository');
  const packages = grouped(hits, 'package');
  const advisories = grouped(hits, 'advisory');
  const people = grouped(hits, 'person');
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
      {!can('portfolio:read') && <p className="muted">Your role does not search the portfolio.</p>}
      {found.error && <p className="problem">{found.error.message}</p>}
      {needle && found.data && (
        <div className="results">
          <Hits title="Repositories" n={repos.length}>
            {repos.slice(0, LIMIT).map((r) => (
              <li key={r.id}>
                <RepoLink name={r.id} />
              </li>
            ))}
          </Hits>
          <Hits title="Packages" n={packages.length}>
            {packages.slice(0, LIMIT).map((p) => (
              <li key={p.id}>
                {p.title} <span className="muted">in</span> <Repos names={p.repositories} />
              </li>
            ))}
          </Hits>
          <Hits title="Advisories" n={advisories.length}>
            {advisories.slice(0, LIMIT).map((a) => (
              <li key={a.id}>
                <EvidenceLink advisory={a.id} /> <span className="muted">{a.title.slice(a.id.length)}</span>{' '}
                <span className="muted">in</span> <Repos names={a.repositories} />
              </li>
            ))}
          </Hits>
          {can('people:read') ? (
            <Hits title="People" n={people.length}>
              {people.slice(0, LIMIT).map((p) => (
                <li key={p.id}>
                  {p.title} <span className="muted">{p.id}</span>
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

function Repos({ names }: { names: string[] }) {
  return (
    <>
      {names.map((n, i) => (
        <span key={n}>
          {i > 0 && ', '}
          <RepoLink name={n} />
        </span>
      ))}
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
