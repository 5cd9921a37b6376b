import { describe, expect, test } from 'vitest';
import type { RiskRow } from '../store/risks.ts';
import { median, remediationStats } from './register-stats.ts';

function row(key: string, over: Partial<RiskRow>): RiskRow {
  return {
    key,
    repository: 'api',
    kind: 'vulnerability',
    area: 'infrastructure-security',
    subject: 'npm/x',
    title: key,
    owner: 'Web',
    exposure: 'runtime',
    severity: 'high',
    score: 10,
    direct: 1,
    aliases: '[]',
    versions: '[]',
    since: null,
    action: '',
    first_seen_at: '2026-01-01T00:00:00.000Z',
    last_seen_at: '2026-01-01T00:00:00.000Z',
    closed_at: null,
    status: 'open',
    sla_due: null,
    decision: null,
    ...over,
  };
}

const closed = (key: string, days: number, over: Partial<RiskRow> = {}) =>
  row(key, {
    status: 'closed',
    closed_at: new Date(Date.parse('2026-01-01T00:00:00.000Z') + days * 86_400_000).toISOString(),
    ...over,
  });

describe('time to remediate', () => {
  test('median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 10, 2])).toBe(3);
  });

  test('per severity, team and repository; open ages to the reference date', () => {
    const rows = [
      closed('a', 2, { severity: 'critical' }),
      closed('b', 10, { severity: 'critical', owner: 'Data' }),
      closed('c', 30),
      closed('d', 50),
      closed('e', 70, { repository: 'web' }),
      row('f', { first_seen_at: '2026-02-01T10:00:00.000Z' }),
      row('g', { first_seen_at: '2026-01-11T10:00:00.000Z', repository: 'web', owner: 'Data' }),
      row('h', { status: 'accepted', first_seen_at: '2025-01-01T00:00:00.000Z' }),
    ];
    const s = remediationStats(rows, '2026-03-03');
    expect(s.all).toMatchObject({
      closed: 5,
      medianDaysToClose: 30,
      open: 2,
      oldestOpen: 'g',
      oldestOpenDays: 51,
    });
    expect(s.all.medianOpenDays).toBe(40.5);
    expect(s.bySeverity.map((g) => [g.name, g.closed, g.medianDaysToClose])).toEqual([
      ['critical', 2, 6],
      ['high', 3, 50],
    ]);
    expect(s.byTeam.map((g) => [g.name, g.medianDaysToClose, g.open])).toEqual([
      ['Data', 10, 1],
      ['Web', 40, 1],
    ]);
    expect(s.byRepository.map((g) => [g.name, g.closed, g.medianDaysToClose, g.oldestOpenDays])).toEqual([
      ['api', 4, 20, 30],
      ['web', 1, 70, 51],
    ]);
  });
});
