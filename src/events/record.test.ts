import { afterAll, describe, expect, test } from 'vitest';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { auditRows } from '../store/accounts.ts';
import { deliveryEvents } from '../store/events.ts';
import { openStore } from '../store/store.ts';
import { recordDeployment, recordIncident } from './record.ts';
import { deploymentEventSchema, incidentEventSchema } from './schema.ts';

afterAll(async () => {
  await dropTestSchemas();
});

const BY = { actor: 'cli', source: 'cli', now: new Date('2024-03-01T00:00:00Z') };
const SHA = 'a'.repeat(40);

describe.each(ENGINES)('recording events on %s', (engine) => {
  test('one row per event id: the same event is unchanged, new content updates, another repository is refused', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      for (const name of ['shop', 'billing']) {
        await store.db
          .insertInto('repositories')
          .values({
            key: `/r/${name}`,
            name,
            path: `/r/${name}`,
            current_snapshot_id: null,
            created_at: BY.now.toISOString(),
          })
          .execute();
      }
      const d = (repository: string, extra: object = {}) =>
        deploymentEventSchema.parse({
          id: 'd-1',
          repository,
          commit: SHA,
          environment: 'production',
          ...extra,
        });
      expect((await recordDeployment(store, d('shop'), BY)).result).toBe('created');
      expect((await recordDeployment(store, d('shop'), BY)).result).toBe('unchanged');
      expect((await recordDeployment(store, d('shop', { status: 'failure' }), BY)).result).toBe('updated');
      await expect(recordDeployment(store, d('billing'), BY)).rejects.toThrow(/d-1 was recorded for shop/);
      const i = (extra: object) =>
        incidentEventSchema.parse({
          id: 'i-1',
          repository: 'shop',
          started_at: '2024-02-01T00:00:00Z',
          severity: 's1',
          ...extra,
        });
      expect((await recordIncident(store, i({ deployment: 'd-1' }), BY)).result).toBe('created');
      expect(
        (await recordIncident(store, i({ deployment: 'd-1', resolved_at: '2024-02-01T02:00:00Z' }), BY))
          .result,
      ).toBe('updated');
      const { deployments, incidents } = await deliveryEvents(store);
      expect(deployments.map((r) => [r.event_id, r.repository, r.status, r.finished_at])).toEqual([
        ['d-1', 'shop', 'failure', BY.now.toISOString()],
      ]);
      expect(incidents.map((r) => [r.event_id, r.resolved_ts])).toEqual([
        ['i-1', Date.UTC(2024, 1, 1, 2) / 1000],
      ]);
      expect((await auditRows(store)).map((r) => JSON.parse(r.detail).result)).toEqual([
        'updated',
        'created',
        'updated',
        'unchanged',
        'created',
      ]);
    } finally {
      await store.close();
    }
  });
});
