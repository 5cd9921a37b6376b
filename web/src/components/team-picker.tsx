// Choose a team (teams.yaml): the page reloads scoped to it, its address saying so (`?team=`).
import { useLocation } from 'wouter';
import type { Trend } from '../../../src/trend/build.ts';
import { useApi } from '../api.ts';
import { useCan } from '../session.tsx';

/** The teams of teams.yaml, as `cto trend --by team` names them. */
export function useTeams(): string[] {
  const can = useCan();
  const trend = useApi<Trend>(
    can('portfolio:read') ? '/api/v1/trend?by=team&metric=active-contributors-90d' : null,
  );
  return [
    ...new Set((trend.data?.series ?? []).filter((s) => s.group === 'team').map((s) => s.subject)),
  ].sort();
}

export function TeamPicker({ current, base }: { current: string | null; base: string }) {
  const teams = useTeams();
  const [, navigate] = useLocation();
  if (teams.length === 0) return null;
  return (
    <label className="team-picker">
      Team{' '}
      <select
        name="team"
        value={current ?? ''}
        onChange={(e) =>
          navigate(e.target.value ? `${base}?team=${encodeURIComponent(e.target.value)}` : base)
        }
      >
        <option value="">all teams</option>
        {teams.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}
