import { describe, expect, test } from 'vitest';
import type { RepositoryKnowledge } from '../../analyses/knowledge/views.ts';
import type { RiskRow } from '../../store/risks.ts';
import type { ReportData, ReportMetric } from '../data.ts';
import { budgetSection } from './budget.ts';
import { deliverySection } from './delivery.ts';
import { innovationSection } from './innovation.ts';
import { securityKpis } from './kpis.ts';
import { securitySection } from './security.ts';
import { teamSection } from './team.ts';
import { technologySection } from './technology.ts';

const metric = (repository: string, metric: string, value: number, area = 'delivery'): ReportMetric =>
  ({
    repository,
    metric,
    value,
    scope: 'repository',
    subject: '',
    unit: null,
    analysis: area,
    area,
    evidenceRef: { repositories: [repository] },
    sql: '',
  }) as unknown as ReportMetric;

const data = (metrics: ReportMetric[]): ReportData => ({
  now: new Date('2026-01-01T00:00:00Z'),
  snapshots: [],
  metrics,
  findings: [],
  months: [],
  topShares: new Map(),
  tags: [],
  deps: [],
  technologies: [],
  knowledge: { repositories: [], people: [], day: '2026-01-01' },
  register: [],
});

describe('delivery against the DORA clusters', () => {
  test('a change-failure proxy within the medium cluster stays green', () => {
    const s = deliverySection(data([metric('a', 'change-failure-rate-365d', 0.1)]));
    expect(s.rating).toBe('green');
  });
  test('a change-failure proxy over 30% is amber, over 45% red, with the figure rounded', () => {
    const amber = deliverySection(data([metric('a', 'change-failure-rate-365d', 0.3333)]));
    expect(amber.rating).toBe('amber');
    expect(amber.line).toContain('Change failure proxy over 30%: a 33%.');
    const red = deliverySection(data([metric('express', 'change-failure-rate-365d', 0.5677966101694916)]));
    expect(red.rating).toBe('red');
    expect(red.line).toContain('express 57%');
  });
  test('the 365-day figure wins over the all-time one', () => {
    const s = deliverySection(
      data([metric('a', 'change-failure-rate', 0.9), metric('a', 'change-failure-rate-365d', 0.05)]),
    );
    expect(s.rating).toBe('green');
  });
  test('figures over releases more than a year old do not rate: the work waiting for a release does', () => {
    // express: no release in 365 days, its all-time figures high; 55 changes wait, the oldest 544 days.
    const express = [
      metric('express', 'change-failure-rate', 0.57),
      metric('express', 'rework-rate', 0.57),
      metric('express', 'lead-time-median-last-10', 133.5),
      metric('express', 'releases', 236),
      metric('express', 'releases-365d', 0),
      metric('express', 'unreleased-commits', 55),
      metric('express', 'unreleased-age-max', 543.6),
    ];
    const s = deliverySection(data(express));
    expect(s.rating).toBe('amber');
    expect(s.reasons).toEqual([
      'No release in the last 365 days, with changes waiting: express 55 changes (the oldest 544 days).',
    ]);
    // The 365-day figures of another repository still rate as before.
    const both = deliverySection(data([...express, metric('flask', 'change-failure-rate-365d', 0.5)]));
    expect(both.rating).toBe('red');
    expect(both.line).toContain('Change failure proxy over 45%: flask 50%.');
    expect(both.line).not.toContain('express 57%');
    // Nothing waiting, or never released, or released within the year: no rule.
    const quiet = (m: string, v: number) =>
      deliverySection(data(express.map((x) => (x.metric === m ? metric('express', m, v) : x))));
    expect(quiet('unreleased-commits', 0).rating).toBe('green');
    expect(quiet('releases', 0).rating).toBe('green');
    expect(quiet('releases-365d', 3).rating).toBe('green');
  });
  test('a median lead time over a month is amber, over six months red; rework like change failure', () => {
    expect(deliverySection(data([metric('a', 'lead-time-median-365d', 40)])).rating).toBe('amber');
    expect(deliverySection(data([metric('a', 'lead-time-median-365d', 200)])).line).toContain(
      'Median lead time for changes over 180 days: a 200 days.',
    );
    expect(deliverySection(data([metric('a', 'rework-rate-365d', 0.5)])).rating).toBe('red');
  });
});

describe('knowledge: truck factor among active people', () => {
  const truck = (repository: string, v: number) => metric(repository, 'truck-factor', v, 'team-knowledge');
  const withActive = (metrics: ReportMetric[], active: Record<string, number>): ReportData => ({
    ...data(metrics),
    knowledge: {
      repositories: Object.entries(active).map(
        ([repository, truckFactor]) =>
          ({
            repository,
            active: { truckFactor, people: [], departed: [], keyPeople: 0, activeKeyPeople: 0 },
          }) as unknown as RepositoryKnowledge,
      ),
      people: [],
      day: '2026-01-01',
    },
  });
  test('one repository of three at 1 is amber, half or more red, none green', () => {
    expect(teamSection(withActive([truck('a', 1), truck('b', 2), truck('c', 3)], {})).rating).toBe('amber');
    const red = teamSection(withActive([truck('a', 1), truck('b', 2)], {}));
    expect(red.rating).toBe('red');
    expect(teamSection(withActive([truck('a', 2), truck('b', 3)], {})).rating).toBe('green');
  });
  test('the figure among active people wins over the published one', () => {
    const s = teamSection(withActive([truck('a', 3), truck('b', 3)], { a: 0, b: 2 }));
    expect(s.rating).toBe('red');
    expect(s.line).toContain(
      'Truck factor 1 or less among people active at 2026-01-01 in 1 of 2 repositories: a 0.',
    );
    expect(teamSection(withActive([truck('a', 1), truck('b', 3)], { a: 2, b: 3 })).rating).toBe('green');
  });
});

describe('an area without data', () => {
  test('is grey, says "Not measured" and names the command, or says that none exists', () => {
    const empty = data([]);
    const delivery = deliverySection(empty);
    expect(delivery.rating).toBe('grey');
    expect(delivery.line).toMatch(/^Not measured: .*`cto scan <repository>`/);
    expect(teamSection(empty).line).toMatch(/^Not measured: .*`cto knowledge`/);
    expect(securitySection(empty).line).toMatch(/^Not measured: .*`cto feed import/);
    const innovation = innovationSection(empty);
    expect(innovation.rating).toBe('grey');
    expect(innovation.line).toMatch(/^Not measured: no office in the workspace.*`cto office init`/);
    expect(innovation.missing).toEqual([expect.stringContaining('`cto office init`')]);
    const budget = budgetSection(empty);
    expect(budget.rating).toBe('grey');
    expect(budget.line).toMatch(/^Not measured: .*`cto costs import`/);
  });
});

describe('security: overdue risks by exposure', () => {
  const risk = (over: Partial<RiskRow>): RiskRow => ({
    key: `vulnerability:api:npm/x:${Math.random()}`,
    repository: 'api',
    kind: 'vulnerability',
    area: 'infrastructure-security',
    subject: 'npm/x',
    title: 'GHSA in x',
    owner: 'Web',
    exposure: 'runtime',
    severity: 'high',
    score: 7,
    direct: 1,
    aliases: '[]',
    versions: '[]',
    since: null,
    action: 'upgrade',
    first_seen_at: '2025-11-01T00:00:00.000Z',
    last_seen_at: '2025-12-31T00:00:00.000Z',
    closed_at: null,
    status: 'open',
    // Overdue on the fixtures' day, 2026-01-01.
    sla_due: '2025-12-01',
    decision: null,
    ...over,
  });
  const low = {
    ...({} as ReportData['findings'][number]),
    id: 'f-low',
    area: 'infrastructure-security' as const,
    repository: 'api',
    analysis: 'licences',
    rule: 'licence-unknown',
    severity: 'low' as const,
    subject: 'x',
    title: 'unknown licence',
    owner: 'Web',
    evidence: {},
  };
  const rate = (register: RiskRow[]) => securitySection({ ...data([]), findings: [low], register });

  test('a critical or high risk at runtime past its SLA due date is red, naming the repositories', () => {
    const s = rate([
      risk({}),
      risk({ repository: 'web', severity: 'critical' }),
      risk({ repository: 'web' }),
    ]);
    expect(s.rating).toBe('red');
    expect(s.reasons).toEqual([
      '3 critical or high risks exposed at runtime past the SLA due date: web 2, api 1.',
    ]);
  });
  test('any other overdue risk at runtime or build, or a critical one elsewhere, is amber', () => {
    expect(rate([risk({ severity: 'medium' })]).rating).toBe('amber');
    expect(rate([risk({ exposure: 'build' })]).rating).toBe('amber');
    const dev = rate([risk({ exposure: 'development', severity: 'critical' })]);
    expect(dev.rating).toBe('amber');
    expect(dev.reasons).toEqual(['1 risk past the SLA due date (development): api 1.']);
  });
  test('not yet due, accepted, a high one in development or another area leave the rating alone', () => {
    const s = rate([
      risk({ sla_due: '2026-01-01' }),
      risk({ status: 'accepted' }),
      risk({ exposure: 'development' }),
      risk({ area: 'technology-strategy', kind: 'end-of-life' }),
    ]);
    expect(s.reasons).toEqual([]);
    expect(s.rating).toBe('green');
  });
});

describe('the register KPIs', () => {
  test('count the register on the report day, as the summary does', () => {
    const row = (key: string, sla: string, status = 'open') =>
      ({ key, status, sla_due: sla, area: 'infrastructure-security', decision: null }) as unknown as RiskRow;
    const kpis = securityKpis({
      ...data([]),
      register: [row('a', '2025-12-01'), row('b', '2026-03-01'), row('c', '2025-01-01', 'closed')],
    });
    const value = (id: string) => kpis.find((k) => k.id === id)?.value;
    expect(value('kpi-risks-open')).toBe(2);
    expect(value('kpi-risks-overdue')).toBe(1);
  });
});

describe('technology strategy without lifecycles', () => {
  const analysed = (eolProductsLoaded: number | undefined): ReportData => ({
    ...data([metric('shop', 'language-code-lines', 1200, 'technology-strategy')]),
    snapshots: [{ repository: 'shop', snapshotId: 1 } as ReportData['snapshots'][number]],
    technologies: [{ snapshotId: 1, kind: 'runtime:node', name: 'node 18' }],
    eolProductsLoaded,
  });

  test('runtimes with no endoflife.date data loaded are grey, never green, and the line says why', () => {
    const section = technologySection(analysed(0));
    expect(section.rating).toBe('grey');
    expect(section.line).toContain('End of life not checked');
  });

  test('the same portfolio with lifecycles loaded and nothing past its end is green', () => {
    const section = technologySection(analysed(420));
    expect(section.rating).toBe('green');
    expect(section.line).not.toContain('not checked');
  });
});
