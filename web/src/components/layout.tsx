// The frame of every page: the navigation (a bar on a laptop, a scrolling strip on a phone), who is
// signed in, and the page.
import { type ReactNode, useEffect } from 'react';
import { Link, useLocation } from 'wouter';
import { useCan, useSession } from '../session.tsx';
import { useReport } from './report.tsx';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const active = href === '/' ? location === '/' : location.startsWith(href);
  return (
    <Link
      href={href}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { user, logOut } = useSession();
  const can = useCan();
  const portfolio = can('portfolio:read');
  const report = useReport(null);
  const [location] = useLocation();
  // A new page starts at its top, as it would after a full load.
  useEffect(() => {
    if (location) window.scrollTo(0, 0);
  }, [location]);
  return (
    <div className="shell">
      <header className="top">
        <Link href="/" className="brand">
          cto
        </Link>
        <nav className="nav" aria-label="Pages">
          <NavLink href="/">Overview</NavLink>
          {portfolio && <NavLink href="/portfolio">Portfolio</NavLink>}
          {portfolio && <NavLink href="/risks">Risks</NavLink>}
          <NavLink href="/findings">Findings</NavLink>
          {portfolio && <NavLink href="/trends">Trends</NavLink>}
          <NavLink href="/search">Search</NavLink>
          {can('scans:read') && <NavLink href="/scans">Scans</NavLink>}
        </nav>
        <div className="who">
          <span className="who-email" title={user.role}>
            {user.email} ({user.role})
          </span>
          <button type="button" className="link-button" onClick={logOut}>
            Log out
          </button>
        </div>
      </header>
      {(report.data?.sections.length ?? 0) > 0 && (
        <nav className="subnav" aria-label="Areas">
          {report.data?.sections.map((s) => (
            <NavLink key={s.id} href={`/areas/${s.id}`}>
              <span className={`dot dot-${s.rating}`} aria-hidden="true" />
              {s.title}
            </NavLink>
          ))}
        </nav>
      )}
      <main className="page">{children}</main>
    </div>
  );
}
