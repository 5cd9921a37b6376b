import { expect, test } from 'vitest';
import type { DeploymentRow, IncidentRow } from '../../store/events.ts';
import { eventFigures } from './events.ts';
import type { CommitFact } from './graph.ts';

const DAY = 86_400;
const T0 = Date.UTC(2024, 0, 1) / 1000;

/** A line of history c0 <- c1 <- ... <- c5, one commit a day from T0. */
const COMMITS: CommitFact[] = Array.from({ length: 6 }, (_, i) => ({
  sha: `c${i}`,
  parents: i === 0 ? '' : `c${i - 1}`,
  author_ts: T0 + i * DAY,
  committer_ts: T0 + i * DAY,
  subject: `change ${i}`,
}));

let n = 0;
function deployment(commit: string, day: number, extra: Partial<DeploymentRow> = {}): DeploymentRow {
  n++;
  return {
    id: n,
    event_id: `d${n}`,
    repository: 'r',
    commit_sha: commit,
    environment: 'production',
    status: 'success',
    started_at: null,
    finished_at: '',
    finished_ts: T0 + day * DAY,
    source: 'cli',
    received_at: '',
    ...extra,
  };
}

function incident(extra: Partial<IncidentRow>): IncidentRow {
  return {
    id: 1,
    event_id: `i${++n}`,
    repository: 'r',
    severity: 'sev1',
    started_at: '',
    started_ts: T0 + 10 * DAY,
    resolved_at: null,
    resolved_ts: null,
    deployment_event_id: null,
    commit_sha: null,
    source: 'cli',
    received_at: '',
    ...extra,
  };
}

test('a change ships with the first production deployment that reaches it; a rollback ships nothing new', () => {
  const deployments = [
    deployment('c2', 3), // ships c0, c1, c2: 3, 2, 1 days
    deployment('c4', 5, { environment: 'staging' }), // not production
    deployment('c5', 6, { status: 'failure' }), // not a deployment
    deployment('c4', 6), // ships c3, c4: 3, 2 days
    deployment('c2', 7), // rollback: nothing new
    deployment('c5', 40), // after as-of: not yet
  ];
  const f = eventFigures(deployments, [], COMMITS, T0 + 30 * DAY, T0);
  expect(f.deployments).toBe(3);
  expect(f.lead365.changes).toBe(5);
  expect(f.lead365.median).toBe(2 * DAY);
  expect(f.lead365.p90).toBe(3 * DAY);
  expect(f.notInHistory).toEqual([]);
  expect(f.changeFailure.all).toBe(0);
});

test('incidents: linked by deployment id or by a shipped commit; time to restore over resolved ones', () => {
  const [a, b] = [deployment('c2', 3), deployment('c5', 6)];
  const deployments = [a, b] as DeploymentRow[];
  const staging = deployment('c5', 5, { environment: 'staging' });
  const incidents = [
    incident({ deployment_event_id: a?.event_id, resolved_ts: T0 + 10 * DAY + 3600 }), // a: 1 h
    // Names a staging deployment but a commit shipped by b: b failed.
    incident({
      deployment_event_id: staging.event_id,
      commit_sha: 'c4',
      resolved_ts: T0 + 10 * DAY + 5 * 3600,
    }),
    incident({ commit_sha: 'unknown' }), // open, unlinked
  ];
  const f = eventFigures([...deployments, staging], incidents, COMMITS, T0 + 30 * DAY, T0);
  expect(f.changeFailure).toMatchObject({ all: 1, failed: [a?.event_id, b?.event_id] });
  expect(f.unlinkedIncidents).toEqual([incidents[2]?.event_id]);
  expect(f.restore).toEqual({ median: 3 * 3600, p90: 4.6 * 3600, resolved: 2, open: 1 });
});

test('a deployment of a commit outside the scanned history is counted, its changes are not', () => {
  const f = eventFigures([deployment('c1', 2), deployment('ffff', 4)], [], COMMITS, T0 + 30 * DAY, T0);
  expect(f.deployments).toBe(2);
  expect(f.notInHistory).toHaveLength(1);
  expect(f.lead365.changes).toBe(2);
});
