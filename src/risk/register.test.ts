import { afterAll, describe, expect, test } from 'vitest';
import { problem } from '../../test/fixtures/risk/problems.ts';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { registerEvents, registerRows } from '../store/risks.ts';
import { openStore } from '../store/store.ts';
import { DEFAULT_SLA } from './config.ts';
import type { DecisionEntry } from './decisions.ts';
import { type RegisterScope, type SyncInput, syncRegister } from './register.ts';
import type { Problem } from './types.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const API: RegisterScope = { repository: 'api', snapshotId: 1, commit: 'a'.repeat(40) };
const WEB: RegisterScope = { repository: 'web', snapshotId: 2, commit: 'b'.repeat(40) };

function input(problems: Problem[], at: string, over: Partial<SyncInput> = {}): SyncInput {
  return { problems, scopes: [API, WEB], decisions: [], sla: DEFAULT_SLA, at, score: () => 50, ...over };
}

const FORM = problem();
const EOL = problem({
  key: 'end-of-life:api:nodejs:16',
  kind: 'end-of-life',
  subject: 'nodejs 16',
  title: 'nodejs 16 is past its end of life',
  severity: 'high',
  aliases: [],
});

describe.each(ENGINES)('the register on %s', (engine) => {
  test('opens, keeps first seen, closes what a later scan no longer sees, reopens under the same key', async () => {
    const store = await openStore(freshStoreTarget(engine));
    await syncRegister(store, input([FORM, EOL], '2026-01-10T09:00:00.000Z'));
    let rows = await registerRows(store);
    expect(rows.map((r) => [r.key, r.status, r.sla_due])).toEqual([
      ['end-of-life:api:nodejs:16', 'open', '2026-02-09'],
      [FORM.key, 'open', '2026-01-17'],
    ]);
    // The upgrade commit: form-data is gone from api's next scan.
    const upgrade = { ...API, snapshotId: 3, commit: 'c'.repeat(40) };
    await syncRegister(store, input([EOL], '2026-01-12T09:00:00.000Z', { scopes: [upgrade] }));
    rows = await registerRows(store);
    const form = () => rows.find((r) => r.key === FORM.key);
    expect(form()).toMatchObject({ status: 'closed', closed_at: '2026-01-12T09:00:00.000Z' });
    expect(rows.find((r) => r.key === EOL.key)?.last_seen_at).toBe('2026-01-12T09:00:00.000Z');
    // A sync of another repository leaves api's rows alone.
    await syncRegister(store, input([], '2026-01-13T09:00:00.000Z', { scopes: [WEB] }));
    expect((await registerRows(store, ['api'])).map((r) => r.status)).toEqual(['open', 'closed']);
    // The revert: it comes back, same key, first seen kept.
    const revert = { ...API, snapshotId: 4, commit: 'd'.repeat(40) };
    await syncRegister(store, input([FORM, EOL], '2026-01-15T09:00:00.000Z', { scopes: [revert] }));
    rows = await registerRows(store);
    expect(form()).toMatchObject({
      status: 'open',
      closed_at: null,
      first_seen_at: '2026-01-10T09:00:00.000Z',
      last_seen_at: '2026-01-15T09:00:00.000Z',
    });
    const history = (await registerEvents(store, [FORM.key])).map((e) => [
      e.event,
      e.snapshot_id,
      e.commit_sha?.[0],
    ]);
    expect(history).toEqual([
      ['opened', 1, 'a'],
      ['closed', 3, 'c'],
      ['reopened', 4, 'd'],
    ]);
    await store.close();
  });

  test('an acceptance holds through its expiry date, then the risk reopens with an expired event', async () => {
    const store = await openStore(freshStoreTarget(engine));
    const decisions: DecisionEntry[] = [
      { key: FORM.key, accept: { reason: 'test server only', owner: 'Web', expires: '2026-03-31' } },
      {
        advisory: 'cve-2025-7783',
        repository: 'web',
        'not-affected': { justification: 'component_not_present' },
      },
    ];
    const webForm = problem({ repository: 'web' });
    await syncRegister(store, input([FORM, webForm], '2026-03-01T00:00:00.000Z', { decisions }));
    expect((await registerRows(store)).map((r) => [r.repository, r.status])).toEqual([
      ['api', 'accepted'],
      ['web', 'not-affected'],
    ]);
    await syncRegister(store, input([FORM, webForm], '2026-03-31T12:00:00.000Z', { decisions }));
    expect((await registerRows(store, ['api']))[0]?.status).toBe('accepted');
    await syncRegister(store, input([FORM, webForm], '2026-04-01T08:00:00.000Z', { decisions }));
    expect((await registerRows(store, ['api']))[0]?.status).toBe('open');
    const events = (await registerEvents(store, [FORM.key])).map((e) => [e.event, e.at]);
    expect(events).toEqual([
      ['opened', '2026-03-01T00:00:00.000Z'],
      ['accepted', '2026-03-01T00:00:00.000Z'],
      ['expired', '2026-04-01T00:00:00.000Z'],
    ]);
    // Withdrawing a decision is an event too.
    await syncRegister(store, input([FORM, webForm], '2026-04-02T08:00:00.000Z'));
    expect((await registerEvents(store, [webForm.key])).map((e) => e.event)).toEqual([
      'opened',
      'not-affected',
      'withdrawn',
    ]);
    await store.close();
  });
});
