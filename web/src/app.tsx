// Routes of the dashboard: the login page until there is a session, then the layout with the pages.
import { useCallback, useEffect, useState } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { currentSession, logOut, type SessionUser } from './api.ts';
import { Layout } from './components/layout.tsx';
import { AreaPage } from './pages/area.tsx';
import { EvidencePage } from './pages/evidence.tsx';
import { FindingsPage } from './pages/findings.tsx';
import { LoginPage } from './pages/login.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { PortfolioPage } from './pages/portfolio.tsx';
import { RepositoryPage } from './pages/repository.tsx';
import { RiskPage, RisksPage } from './pages/risks.tsx';
import { ScansPage } from './pages/scans.tsx';
import { SearchPage } from './pages/search.tsx';
import { TeamPage } from './pages/team.tsx';
import { TrendsPage } from './pages/trends.tsx';
import { SessionContext } from './session.tsx';

export function App() {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [location, navigate] = useLocation();
  useEffect(() => {
    currentSession().then(
      (s) => setUser(s?.user ?? null),
      () => setUser(null),
    );
  }, []);
  const signOut = useCallback(() => {
    logOut().finally(() => {
      setUser(null);
      navigate('/login');
    });
  }, [navigate]);
  if (user === undefined) return <p className="loading">Loading…</p>;
  if (user === null) {
    return (
      <LoginPage
        onLogin={(u) => {
          setUser(u);
          if (location === '/login') navigate('/');
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={{ user, logOut: signOut }}>
      <Layout>
        <Switch>
          <Route path="/" component={OverviewPage} />
          <Route path="/login">
            <Redirect to="/" />
          </Route>
          <Route path="/areas/:id" component={AreaPage} />
          <Route path="/portfolio" component={PortfolioPage} />
          <Route path="/teams/:team" component={TeamPage} />
          <Route path="/repositories/:name" component={RepositoryPage} />
          <Route path="/risks" component={RisksPage} />
          <Route path="/risks/:key" component={RiskPage} />
          <Route path="/findings" component={FindingsPage} />
          <Route path="/evidence/:area/:kpi" component={EvidencePage} />
          <Route path="/trends" component={TrendsPage} />
          <Route path="/search" component={SearchPage} />
          <Route path="/scans" component={ScansPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </Layout>
    </SessionContext.Provider>
  );
}
