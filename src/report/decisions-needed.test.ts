// Decisions needed, from a register built by the register's own syncs (acceptances in force, about to
// end and already expired), end-of-life problems with and without a decision, and departed key people.
import { afterAll, describe, expect, test } from 'vitest';
import { problem } from '../../test/fixtures/risk/problems.ts';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import type { RepositoryKnowledge } from '../analyses/knowledge/views.ts';
import { DEFAULT_SLA } from '../risk/config.ts';
import type { DecisionEntry } from '../risk/decisions.ts';
import { syncRegister } from '../risk/register.ts';
import type { Problem } from '../risk/types.ts';
import { registerRows } from '../store/risks.ts';
import { openStore } from '../store/store.ts';
import {
  DECISION_SOURCES,
  type DecisionContext,
  type DecisionSource,
  decisionsNeeded,
  windowEndOf,
} from './decisions-needed.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const FORM = problem();
const LODASH = problem({
  key: 'vulnerability:api:npm/lodash:GHSA-1',
  subject: 'npm/lodash',
  title: 'GHSA-1 in lodash',
  aliases: [],
});
const AXIOS = problem({
  key: 'vulnerability:web:npm/axios:GHSA-2',
  repository: 'web',
  subject: 'npm/axios',
  title: 'GHSA-2 in axios',
  aliases: [],
});
const eol = (repository: string, cycle: string, severity: Problem['severity'], eolDate: string): Problem =>
  problem({
    key: `end-of-life:${repository}:nodejs:${cycle}`,
    kind: 'end-of-life',
    area: 'technology-strategy',
    repository,
    subject: `nodejs ${cycle}`,
    title: `nodejs ${cycle} ${severity === 'high' ? 'is past its end of life' : 'reaches end of life within 6 months'}`,
    severity,
    eolDate,
    aliases: [],
    evidence: { files: ['.nvmrc'] },
  });
const NODE16 = eol('api', '16', 'high', '2023-09-11');
const NODE20 = eol('web', '20', 'medium', '2026-04-30');
const NODE18 = eol('web', '18', 'medium', '2026-05-30');
const CI_ONLY = eol('web', '14', 'low', '2023-04-30');
// A development tool past its end of life weighs as low (high x development): not a board decision.
const DEV_TOOL: Problem = {
  ...eol('api', '8', 'high', '2024-10-05'),
  key: 'end-of-life:api:eslint:8',
  subject: 'eslint 8',
  exposure: 'development',
};
const PROBLEMS = [FORM, LODASH, AXIOS, NODE16, NODE20, NODE18, CI_ONLY, DEV_TOOL];

const accept = (key: string, expires: string, owner = 'Platform'): DecisionEntry => ({
  key,
  accept: { reason: 'mitigated at the proxy', owner, expires },
});
const DECISIONS = [
  accept(FORM.key, '2026-01-12', 'Web'), // ends before the second sync: expired, open again
  accept(LODASH.key, '2026-03-01'), // ends within the window
  accept(AXIOS.key, '2027-06-30'), // ends after the window
  accept(NODE20.key, '2026-12-31'), // end of life decided: not a decision needed
];

const TODAY = '2026-01-20';

/** A repository's knowledge: key people (the truck factor's authors), some departed, and others who left. */
const departed = (
  repository: string,
  names: string[],
  keyPeople: number,
  dormantSince: number | null = null,
  truckFactor = keyPeople - names.length,
): RepositoryKnowledge =>
  ({
    repository,
    people: Array.from({ length: keyPeople }, (_, i) => ({
      person: `p-${names[i] ?? `stays-${i}`}`,
      name: names[i] ?? `Stays ${i}`,
      departed: i < names.length,
    })),
    active: {
      truckFactor,
      people: [],
      keyPeople,
      activeKeyPeople: keyPeople - names.length,
      // Everyone who left, key or not: not what the decision counts.
      departed: [...names, 'Occasional Contributor'].map((name) => ({ person: `p-${name}`, name })),
      restsOnDeparted: names.length === keyPeople,
      dormantSince,
    },
  }) as unknown as RepositoryKnowledge;

describe.each(ENGINES)('decisions needed on %s', (engine) => {
  test('acceptances ending within the window or expired, undecided end of life, key people who left', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      const sync = (at: string) =>
        syncRegister(store, {
          problems: PROBLEMS,
          scopes: ['api', 'web'].map((repository) => ({ repository, snapshotId: null, commit: null })),
          decisions: DECISIONS,
          sla: DEFAULT_SLA,
          at,
          score: () => 10,
        });
      await sync('2026-01-10T09:00:00.000Z');
      await sync(`${TODAY}T09:00:00.000Z`);
      const ctx: DecisionContext = {
        store,
        today: TODAY,
        windowMonths: 6,
        windowEnd: windowEndOf(TODAY, 6),
        workspaceDir: null,
        teams: [{ name: 'Platform', members: [], handles: [], owns: ['gin'] }] as never,
        repositories: ['api', 'web', 'gin', 'flask', 'jedis', 'ripgrep', 'zeta'],
        register: await registerRows(store),
        problems: PROBLEMS,
        knowledge: {
          repositories: [
            departed('gin', ['Ada'], 2),
            departed('flask', [], 3),
            departed('jedis', ['Bo', 'Cy'], 2),
            // One of three left, but the files Fay was main author of are over half: 0 among those active.
            departed('ripgrep', ['Fay'], 3, null, 0),
            // Nobody committed in the window: its last commit on 2024-10-23.
            departed('zeta', ['Dee'], 1, Date.UTC(2024, 9, 23, 12) / 1000),
          ],
          people: [],
          day: TODAY,
        },
      };
      const items = await decisionsNeeded(ctx);
      // Soonest due first; the undated last.
      expect(items.map((d) => [d.kind, d.repository, d.due, d.owner])).toEqual([
        ['end-of-life', 'api', '2023-09-11', 'Web'],
        ['acceptance-expiring', 'api', '2026-01-12', 'Web'],
        ['acceptance-expiring', 'api', '2026-03-01', 'Platform'],
        ['end-of-life', 'web', '2026-05-30', 'Web'],
        ['key-people-left', 'gin', null, 'Platform'],
        ['key-people-left', 'jedis', null, 'unassigned'],
        ['key-people-left', 'ripgrep', null, 'unassigned'],
        ['key-people-left', 'zeta', null, 'unassigned'],
      ]);
      expect(items[0]?.title).toBe(
        'api: nodejs 16 is past its end of life; upgrade, or accept it in risks.yaml.',
      );
      expect(items[1]?.title).toBe(
        `api: acceptance expired 2026-01-12, open again: ${FORM.title}; renew it or fix.`,
      );
      expect(items[1]?.riskKey).toBe(FORM.key);
      expect(items[2]?.title).toBe(
        'api: acceptance expires 2026-03-01 for GHSA-1 in lodash; renew it or fix.',
      );
      expect(items[4]?.title).toBe(
        'gin: 1 of 2 key people has left, truck factor among those active 1; decide who takes over (Ada).',
      );
      expect(items[4]?.evidence.people).toEqual(['p-Ada']);
      expect(items[5]?.title).toBe(
        'jedis: all 2 key people have left, truck factor among those active 0 (over half the files have no active main author); decide who takes over (Bo, Cy).',
      );
      expect(items[6]?.title).toBe(
        'ripgrep: 1 of 3 key people has left, truck factor among those active 0 (over half the files have no active main author); decide who takes over (Fay).',
      );
      // A dormant repository: the decision is its future, not who takes over.
      expect(items[7]?.title).toBe(
        'zeta: dormant, no commit since 2024-10-23; decide whether to archive it or who maintains it (its key people: Dee).',
      );
      for (const d of items) expect(d.sql).toMatch(/^select /);

      // A source added to the list joins the same order.
      const renewals: DecisionSource = {
        kind: 'renewal-due',
        label: 'contracts to renew',
        collect: () => [
          {
            kind: 'renewal-due',
            title: 'Renew the CI contract',
            subject: 'ci',
            repository: null,
            due: '2026-02-01',
            owner: 'Platform',
            riskKey: null,
            evidence: {},
            sql: 'select 1',
          },
        ],
      };
      const more = await decisionsNeeded(ctx, [...DECISION_SOURCES, renewals]);
      expect(more.map((d) => d.kind)).toEqual([
        'end-of-life',
        'acceptance-expiring',
        'renewal-due',
        'acceptance-expiring',
        'end-of-life',
        'key-people-left',
        'key-people-left',
        'key-people-left',
        'key-people-left',
      ]);
    } finally {
      await store.close();
    }
  });
});

test('the window ends six months of 365.25 / 12 days after the report day', () => {
  expect(windowEndOf('2026-01-20', 6)).toBe('2026-07-21');
  expect(windowEndOf('2026-01-20', 0)).toBe('2026-01-20');
});
