import { describe, expect, test } from 'vitest';
import { DORMANT_ACTION } from '../analyses/knowledge/findings.ts';
import type { RiskRow } from '../store/risks.ts';
import { summaryAreas } from './summary.ts';
import type { AreaSection, ReportFinding } from './types.ts';

const finding = (severity: ReportFinding['severity'], analysis: string, rule: string): ReportFinding => ({
  id: `f-${analysis}-${rule}-${severity}`,
  repository: 'api',
  analysis,
  rule,
  severity,
  subject: '',
  title: `${rule} in api`,
  detail: null,
  owner: 'Web',
  action: 'fix',
  evidence: {},
  sql: 'select 1',
});

const section = (over: Partial<AreaSection> & Pick<AreaSection, 'id' | 'rating'>): AreaSection => ({
  title: over.id,
  line: 'line',
  reasons: [],
  kpis: [],
  figures: [],
  charts: [],
  findings: [],
  topFindings: [],
  missing: [],
  ...over,
});

const overdue = { area: 'infrastructure-security', status: 'open', sla_due: '2026-01-01' } as RiskRow;

describe('the summary row of an area', () => {
  const [security, delivery, technology, budget] = summaryAreas(
    [
      section({
        id: 'infrastructure-security',
        rating: 'red',
        findings: [
          finding('critical', 'vulnerabilities', 'vulnerability'),
          finding('high', 'licences', 'licence-denied'),
          finding('low', 'licences', 'licence-unknown'),
        ],
        reasons: ['1 critical or high risk exposed at runtime past the SLA due date: api 1.'],
      }),
      section({
        id: 'delivery',
        rating: 'red',
        reasons: ['Change failure proxy over 45%: api 70%.', 'Rework proxy over 45%: api 70%.'],
      }),
      section({ id: 'technology-strategy', rating: 'green', findings: [finding('low', 'eol', 'x')] }),
      section({ id: 'budget-vendors', rating: 'grey', line: 'Not measured: import costs.' }),
    ],
    [overdue, { ...overdue, area: 'delivery' }, { ...overdue, status: 'accepted' }],
    '2026-02-01',
  );

  test('a sentence from the counts: what the rating means, the problems open, how many are overdue', () => {
    expect(security?.sentence).toBe(
      'Needs action now: 1 critical and 1 high security problems open (1 known vulnerability), 1 past its due date.',
    );
    expect(delivery?.sentence).toBe(
      'Needs action now: no critical, high or medium delivery problem open, 1 past its due date, but 2 figures cross their rating threshold.',
    );
    expect(technology?.sentence).toBe('In order: no critical, high or medium technology problem open.');
    expect(budget?.sentence).toBe('Not measured: import costs.');
  });

  test('what drives it: the rules that fired, then the most severe findings', () => {
    expect(security?.drivers).toEqual([
      '1 critical or high risk exposed at runtime past the SLA due date: api 1.',
      'critical: vulnerability in api (api)',
      'high: licence-denied in api (api)',
    ]);
    expect(technology?.drivers).toEqual([]);
    expect(security?.headline).toBeNull();
  });
});

test('a dormant repository is not counted among those resting on people who left', () => {
  const departed = finding('high', 'knowledge', 'knowledge-departed');
  const [team] = summaryAreas(
    [
      section({
        id: 'team-knowledge',
        rating: 'red',
        findings: [
          departed,
          { ...departed, repository: 'old', detail: DORMANT_ACTION, action: DORMANT_ACTION },
        ],
      }),
    ],
    [],
    '2026-02-01',
  );
  expect(team?.sentence).toBe(
    'Needs action now: 2 high knowledge problems open (1 resting on people who left).',
  );
});

describe('the summary row weighs findings by exposure', () => {
  test('development tools past end of life are said apart and do not drive the area', () => {
    const dev = (rule: string): ReportFinding => ({
      ...finding('high', 'eol', rule),
      exposure: 'development',
    });
    const [technology] = summaryAreas(
      [
        section({
          id: 'technology-strategy',
          rating: 'amber',
          findings: [
            {
              ...finding('high', 'eol', 'eol-past'),
              exposure: 'runtime',
              title: 'nodejs 16 is past its end of life',
            },
            { ...dev('eol-past'), title: 'eslint 8 is past its end of life' },
            { ...dev('eol-past'), title: 'mocha 9 is past its end of life' },
          ],
        }),
      ],
      [],
      '2026-02-01',
    );
    expect(technology?.sentence).toBe(
      'Needs attention: 1 high technology problem open (1 past end of life); 2 more only in development, test or CI tooling, weighed as low.',
    );
    expect(technology?.drivers).toEqual(['high: nodejs 16 is past its end of life (api)']);
    // Only medium weighed findings: the driver says where the high one is exposed.
    const [ci] = summaryAreas(
      [
        section({
          id: 'technology-strategy',
          rating: 'amber',
          findings: [
            {
              ...finding('high', 'eol', 'eol-past'),
              exposure: 'ci',
              title: 'rust 1.80 is past its end of life',
            },
          ],
        }),
      ],
      [],
      '2026-02-01',
    );
    expect(ci?.drivers).toEqual(['high, in ci: rust 1.80 is past its end of life (api)']);
  });
});
