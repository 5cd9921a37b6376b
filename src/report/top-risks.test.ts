import { describe, expect, test } from 'vitest';
import { DORMANT_ACTION } from '../analyses/knowledge/findings.ts';
import type { RiskRow } from '../store/risks.ts';
import { departedRisks } from './knowledge.ts';
import { registerCounts, riskDueText, riskStatusText, topRisks } from './top-risks.ts';

const row = (over: Partial<RiskRow>): RiskRow => ({
  key: 'vulnerability:api:npm/form-data:GHSA-a',
  repository: 'api',
  kind: 'vulnerability',
  area: 'infrastructure-security',
  subject: 'npm/form-data',
  title: 'GHSA-a in form-data',
  owner: 'Web',
  exposure: 'runtime',
  severity: 'high',
  score: 7,
  direct: 1,
  aliases: '[]',
  versions: '["4.0.0"]',
  since: null,
  action: 'upgrade',
  first_seen_at: '2026-01-01T00:00:00.000Z',
  last_seen_at: '2026-01-01T00:00:00.000Z',
  closed_at: null,
  status: 'open',
  sla_due: '2026-01-31',
  decision: null,
  ...over,
});

const TODAY = '2026-02-10';

describe('the register top items', () => {
  const rows = [
    row({ score: 7 }),
    // The same advisory under another id (its alias) in the same package: one risk.
    row({ key: 'vulnerability:api:npm/form-data:CVE-1', aliases: '["GHSA-a"]', score: 6 }),
    // The same advisory in another repository is another risk.
    row({ key: 'vulnerability:web:npm/form-data:GHSA-a', repository: 'web', score: 6 }),
    row({
      key: 'end-of-life:api:nodejs:16',
      kind: 'end-of-life',
      subject: 'nodejs 16',
      title: 'nodejs 16 is past its end of life',
      score: 9,
      sla_due: '2026-03-01',
      status: 'accepted',
      decision: JSON.stringify({ decision: 'accept', reason: 'r', owner: 'Ops', expires: '2026-06-30' }),
    }),
    // An acceptance that ended before the report's day counts as open (here overdue).
    row({
      key: 'finding:knowledge:truck-factor-one:api:',
      kind: 'finding:knowledge:truck-factor-one',
      subject: '',
      title: 'Truck factor 1',
      score: 5,
      status: 'accepted',
      decision: JSON.stringify({ decision: 'accept', reason: 'r', owner: 'Ops', expires: '2026-02-01' }),
    }),
    row({ key: 'vulnerability:api:npm/x:GHSA-c', subject: 'npm/x', score: 20, status: 'closed' }),
    row({ key: 'vulnerability:api:npm/y:GHSA-d', subject: 'npm/y', score: 20, status: 'not-affected' }),
  ];

  test('open and accepted items, highest score first, each risk once, with status on the report day', () => {
    const top = topRisks(rows, TODAY, (k) => (k.startsWith('end-of-life') ? 'f-1' : null));
    expect(top.map((r) => [r.key, r.status, r.due, r.overdueDays])).toEqual([
      ['end-of-life:api:nodejs:16', 'accepted', '2026-06-30', null],
      ['vulnerability:api:npm/form-data:GHSA-a', 'overdue', '2026-01-31', 10],
      ['vulnerability:web:npm/form-data:GHSA-a', 'overdue', '2026-01-31', 10],
      ['finding:knowledge:truck-factor-one:api:', 'overdue', '2026-01-31', 10],
    ]);
    expect(top[0]?.findingId).toBe('f-1');
    expect(top.map((r) => `${riskStatusText(r)}, ${riskDueText(r)}`)).toEqual([
      'accepted, until 2026-06-30',
      'overdue 10 days, due 2026-01-31',
      'overdue 10 days, due 2026-01-31',
      'overdue 10 days, due 2026-01-31',
    ]);
    expect(topRisks(rows, TODAY, () => null, 2)).toHaveLength(2);
  });

  test('counts: open (of which overdue) and accepted on the day', () => {
    expect(registerCounts(rows, TODAY)).toEqual({ open: 4, overdue: 4, accepted: 1 });
    expect(registerCounts(rows, '2026-01-15')).toEqual({ open: 3, overdue: 0, accepted: 2 });
  });
});

test('a knowledge-departed risk reads as its finding does at the report day (dormant since the scan)', () => {
  const risk = row({
    key: 'finding:knowledge:knowledge-departed:old:',
    kind: 'finding:knowledge:knowledge-departed',
    repository: 'old',
    area: 'team-knowledge',
    subject: '',
    title: 'Knowledge rests on departed people: all 2 key people have made no commit ...',
    action: 'Pair a second person on the code and spread reviews.',
  });
  const other = row({ score: 3 });
  const finding = {
    id: 'f-old',
    area: 'team-knowledge',
    repository: 'old',
    analysis: 'knowledge',
    rule: 'knowledge-departed',
    severity: 'high',
    subject: '',
    title: 'Dormant since 2024-10-23: no commit in the 365 days before the reference date, ...',
    detail: DORMANT_ACTION,
    owner: 'unassigned',
    action: DORMANT_ACTION,
    evidence: {},
    sql: 'select 1',
  } as const;
  const top = topRisks([risk, other], TODAY, (k) => (k === risk.key ? 'f-old' : null));
  const shown = departedRisks(top, [finding]);
  expect(shown.map((r) => [r.key, r.title, r.action])).toEqual([
    [risk.key, finding.title, DORMANT_ACTION],
    [other.key, other.title, other.action],
  ]);
});
