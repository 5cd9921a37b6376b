import { describe, expect, it } from 'vitest';
import type { ChangeRow, HotspotRow } from '../store/hotspots.ts';
import { debtInterest } from './debt.ts';
import { labourEffort, monthsBefore } from './labour.ts';

const TEAMS = [
  { name: 'Platform', members: ['ada@example.com'], handles: [], owns: ['api'] },
  { name: 'Web', members: [], handles: [], owns: ['web'] },
];
const PEOPLE = [
  { repository: 'api', personId: 'ada', names: ['Ada'], emails: ['ada@example.com'] },
  { repository: 'web', personId: 'ada', names: ['Ada'], emails: ['ada@example.com'] },
  { repository: 'web', personId: 'bob', names: ['Bob'], emails: ['bob@example.com'] },
];
const LABOUR = { currency: 'EUR', default: '9000', teams: { Platform: '12000.30' } };

describe('labour', () => {
  it('the window is the complete months before the reference month', () => {
    expect(monthsBefore('2026-01-15', 3)).toEqual(['2025-10', '2025-11', '2025-12']);
  });

  it("one person-month per active month, split over repositories by commits, priced at the person's team rate", () => {
    const l = labourEffort(
      [
        { repository: 'api', personId: 'ada', month: '2026-10', commits: 3 },
        { repository: 'web', personId: 'ada', month: '2026-10', commits: 1 },
        { repository: 'web', personId: 'bob', month: '2026-10', commits: 7 },
        { repository: 'web', personId: 'bob', month: '2026-11', commits: 2 },
        // Outside the window.
        { repository: 'web', personId: 'bob', month: '2026-12', commits: 9 },
      ],
      PEOPLE,
      TEAMS,
      LABOUR,
      ['2026-10', '2026-11'],
    );
    // Ada: 3/4 of a month in api, 1/4 in web, at Platform's rate; Bob: no team of his own, web's owner Web
    // has no rate: the default, one full month in October and one in November.
    expect(l.repositories.map((r) => [r.name, r.personMonths, r.cost?.amount])).toEqual([
      ['web', 2.25, '21000.08'], // 12000.30/4 + 9000 + 9000 = 21000.075
      ['api', 0.75, '9000.23'], // 12000.30 × 3/4 = 9000.225
    ]);
    expect(l.repositories[0]?.costPerMonth).toEqual({ amount: '10500.04', currency: 'EUR' });
    expect(l.teams.map((t) => [t.name, t.personMonths])).toEqual([
      ['Web', 2],
      ['Platform', 1],
    ]);
    expect(l.unratedPersonMonths).toBe(0);
  });

  it('without a rate, effort is counted and cost is unknown', () => {
    const l = labourEffort(
      [{ repository: 'web', personId: 'bob', month: '2026-10', commits: 1 }],
      PEOPLE,
      TEAMS,
      null,
      ['2026-10'],
    );
    expect(l.repositories[0]).toMatchObject({ personMonths: 1, cost: null });
    expect(l.unratedPersonMonths).toBe(1);
  });
});

describe('debt interest', () => {
  const hotspot = (path: string): HotspotRow =>
    ({ repository: 'web', path, complexity: 40, code: 100, score: 1000, category: 'code' }) as HotspotRow;
  const ts = Date.parse('2026-10-10T00:00:00Z') / 1000;
  const change = (sha: string, author: string, path: string, added: number): ChangeRow => ({
    sha,
    ts,
    date: '2026-10-10',
    author,
    path,
    oldPath: null,
    status: 'M',
    added,
    deleted: 0,
  });

  it("interest = the person's labour cost in the repository × ½ (commit share + churn share) in the hotspot", () => {
    const l = labourEffort(
      [{ repository: 'web', personId: 'bob', month: '2026-10', commits: 4 }],
      PEOPLE,
      TEAMS,
      { currency: 'EUR', default: '8000' },
      ['2026-10'],
    );
    const d = debtInterest(
      [
        {
          repository: 'web',
          hotspots: [hotspot('a.js'), hotspot('b.js')],
          // Newest first. Bob: 4 commits, 100 lines; a.js in 2 commits with 60 lines, b.js in 1 with 10.
          changes: [
            change('c4', 'Bob@example.com', 'c.js', 30),
            change('c3', 'bob@example.com', 'b.js', 10),
            change('c2', 'bob@example.com', 'a.js', 50),
            change('c1', 'bob@example.com', 'a.js', 10),
          ],
          personOf: new Map([['bob@example.com', 'bob']]),
        },
      ],
      l.cells,
      ['2026-10'],
      'EUR',
    );
    // a.js: 8000 × ½ (2/4 + 60/100) = 4400; b.js: 8000 × ½ (1/4 + 10/100) = 1400.
    expect(
      d.hotspots.map((h) => [h.path, h.perMonth?.amount, h.perYear?.amount, h.commitShare, h.churnShare]),
    ).toEqual([
      ['a.js', '4400.00', '52800.00', 0.5, 0.6],
      ['b.js', '1400.00', '16800.00', 0.25, 0.1],
    ]);
    expect(d.repositories).toEqual([
      {
        repository: 'web',
        perMonth: { amount: '5800.00', currency: 'EUR' },
        perYear: { amount: '69600.00', currency: 'EUR' },
        shareOfLabour: 0.725,
      },
    ]);
  });
});
