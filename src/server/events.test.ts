// The delivery event webhooks end to end: a scanned repository, `cto serve`'s routes in process, signed
// requests, and `cto delivery --json` reading the same store before and after.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDeliveryRepo } from '../../test/fixtures/analyses/delivery/fixture.test-helper.ts';
import { cto } from '../../test/helpers/cli.ts';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { auditRows } from '../store/accounts.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { addUser, createToken } from './accounts.ts';
import { buildServer } from './server.ts';
import { signWebhook } from './webhook.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** The fixture's reference date: its windows hold its commits (2024-01-01 to 2024-03-01). */
const TODAY = '2024-03-01';
const KEY = randomBytes(32);

/** A recorded event's answer, or an error. */
interface Answer {
  schema?: string;
  eventId?: string;
  result?: string;
  error: { code: string; message: string };
}

describe.each(ENGINES)('delivery event webhooks on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let base = '';
  let target = '';
  let ws = '';
  let n = 0;
  let token = '';

  beforeAll(async () => {
    ws = tempDir('cto-ws-');
    const repo = buildDeliveryRepo(join(ws, 'repos', 'app'));
    target = freshStoreTarget(engine);
    const scan = cto(['scan', repo, '--today', TODAY, '--workspace', ws, '--db', target]);
    expect(scan.code, scan.stderr).toBe(0);
    store = await openStore(target);
    await addUser(store, { email: 'cto@example.com', role: 'member', password: 'a long password here' });
    token = (await createToken(store, { email: 'cto@example.com', name: 't', expiresAt: null })).token;
    app = await buildServer({ store, ws: loadWorkspace(ws), webhookKey: KEY });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  /** A commit of the fixture, by its subject. */
  const commit = (subject: string) =>
    execFileSync(
      'git',
      ['-C', join(ws, 'repos', 'app'), 'log', '--all', '--format=%H', `--grep=^${subject}$`],
      {
        encoding: 'utf8',
      },
    ).trim();

  const send = async (
    path: string,
    body: string,
    o: { id?: string; ts?: number; signature?: string; key?: Buffer } = {},
  ) => {
    const id = o.id ?? `msg_${engine}_${++n}`;
    const ts = o.ts ?? Math.floor(Date.now() / 1000);
    const res = await fetch(`${base}/api/v1/events/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': o.signature ?? signWebhook(o.key ?? KEY, id, ts, body),
      },
      body,
    });
    return { status: res.status, json: (await res.json()) as Answer };
  };

  const delivery = () => {
    const r = cto(['delivery', '--today', TODAY, '--json', '--workspace', ws, '--db', target]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout).repositories[0];
  };

  test('refused: a bad signature, another secret, an old or a future timestamp; nothing recorded', async () => {
    const body = JSON.stringify({
      repository: 'app',
      commit: commit('merge topic'),
      environment: 'production',
    });
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      [await send('deployments', body, { signature: 'v1,AAAA' }), 401, 'WEBHOOK_SIGNATURE'],
      [await send('deployments', body, { key: randomBytes(32) }), 401, 'WEBHOOK_SIGNATURE'],
      [await send('deployments', body, { ts: now - 6 * 60 }), 401, 'WEBHOOK_TIMESTAMP'],
      [await send('deployments', body, { ts: now + 6 * 60 }), 401, 'WEBHOOK_TIMESTAMP'],
    ] as const;
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect(res.json.error.code).toBe(code);
    }
    // A body changed after signing (the same JSON re-serialised) is refused too.
    const id = `msg_${engine}_reserialised`;
    const ts = Math.floor(Date.now() / 1000);
    const spaced = body.replace(/,/g, ', ');
    const changed = await fetch(`${base}/api/v1/events/deployments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': signWebhook(KEY, id, ts, spaced),
      },
      body,
    });
    expect(changed.status).toBe(401);
    expect(await store.db.selectFrom('deployments').selectAll().execute()).toEqual([]);
    const refused = (await auditRows(store)).filter((a) => a.action === 'webhook.refused');
    expect(refused.map((a) => JSON.parse(a.detail).code).sort()).toEqual([
      'WEBHOOK_SIGNATURE',
      'WEBHOOK_SIGNATURE',
      'WEBHOOK_SIGNATURE',
      'WEBHOOK_TIMESTAMP',
      'WEBHOOK_TIMESTAMP',
    ]);
    expect(refused[0]?.source).toBe('127.0.0.1');
  });

  test('a good webhook changes cto delivery: frequency, lead time, change failure and time to restore from events', async () => {
    const before = delivery();
    expect(before.sources).toMatchObject({
      leadTime: 'releases',
      changeFailure: 'releases',
      timeToRestore: null,
    });
    expect(before.leadTimeDays.last10).toEqual({ median: 2, p90: 7.8, changes: 7 });

    // Spacing and key order that JSON.stringify would not give back: the signature covers these bytes.
    const d1 = `{ "id": "deploy-1",  "environment": "Production", "repository": "app",\n  "commit": "${commit('merge topic').toUpperCase()}", "finished_at": "2024-01-10T00:00:00Z" }`;
    const first = await send('deployments', d1);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      schema: 'cto.event-recorded/v1',
      eventId: 'deploy-1',
      result: 'created',
    });
    const d2 = JSON.stringify({
      id: 'deploy-2',
      repository: 'app',
      commit: commit('feat e'),
      environment: 'production',
      started_at: '2024-02-01T23:30:00Z',
      finished_at: '2024-02-02T00:00:00+00:00',
      status: 'success',
    });
    expect((await send('deployments', d2)).status).toBe(200);
    // Staging and failed deployments are not production deployments.
    const staging = { repository: 'app', commit: commit('wip 1'), environment: 'staging' };
    expect(
      (await send('deployments', JSON.stringify({ ...staging, finished_at: '2024-02-21T00:00:00Z' }))).status,
    ).toBe(200);
    const failed = {
      ...staging,
      environment: 'production',
      status: 'failure',
      finished_at: '2024-02-22T00:00:00Z',
    };
    expect((await send('deployments', JSON.stringify(failed))).status).toBe(200);
    const incident = JSON.stringify({
      id: 'inc-1',
      repository: 'app',
      started_at: '2024-01-11T00:00:00Z',
      resolved_at: '2024-01-11T06:00:00Z',
      severity: 'sev2',
      deployment: 'deploy-1',
    });
    expect((await send('incidents', incident)).json).toMatchObject({ eventId: 'inc-1', result: 'created' });

    const after = delivery();
    expect(after.sources).toEqual({
      deploymentFrequency: 'events',
      leadTime: 'events',
      changeFailure: 'events',
      timeToRestore: 'events',
    });
    // deploy-1 ships init, feat a, feat b, fix c (9, 7, 5, 4 days); deploy-2 the revert, bump and feat e (21, 13, 1).
    expect(after.leadTimeDays.last10).toEqual({ median: 7, p90: 16.2, changes: 7 });
    expect(after.changeFailureRate).toEqual({ all: 0.5, last365d: 0.5 });
    expect(after.timeToRestoreHours).toEqual({ median: 6, p90: 6, resolved: 1, open: 0 });
    // Two deployment weeks, both counted in January: the median week of the window has none.
    expect(after.deploymentFrequency).toEqual({ bucket: 'fewer', source: 'events', deploymentsInWindow: 2 });
    expect(after.events).toEqual({
      productionDeployments: 2,
      deployments365d: 2,
      failed365d: 1,
      failedDeployments: ['deploy-1'],
      deploymentsNotInHistory: [],
      unlinkedIncidents: [],
    });
    // Rework has no event definition: it stays on the tags.
    expect(after.reworkRate).toEqual(before.reworkRate);
    // The API's report document shows the same figures in its delivery area.
    const report = await fetch(`${base}/api/v1/report?today=${TODAY}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const area = (
      (await report.json()) as { sections: { id: string; figures: { id: string; value: unknown }[] }[] }
    ).sections.find((a) => a.id === 'delivery');
    const value = (id: string) => area?.figures.find((f) => f.id === id)?.value;
    expect([
      value('d-events-failure-app'),
      value('d-events-lead-app'),
      value('d-events-restore-app'),
    ]).toEqual([0.5, 7, 6]);
  });

  test('a replayed message id is refused; the same event id under a new message changes nothing', async () => {
    const body = JSON.stringify({
      id: 'deploy-3',
      repository: 'app',
      commit: commit('wip 2'),
      environment: 'production',
      finished_at: '2024-03-01T12:00:00Z',
    });
    const ts = Math.floor(Date.now() / 1000);
    expect((await send('deployments', body, { id: `msg_${engine}_once`, ts })).json.result).toBe('created');
    const replay = await send('deployments', body, { id: `msg_${engine}_once`, ts });
    expect(replay.status).toBe(409);
    expect(replay.json.error.code).toBe('WEBHOOK_REPLAYED');
    const again = await send('deployments', body);
    expect(again.status).toBe(200);
    expect(again.json.result).toBe('unchanged');
    const rows = await store.db
      .selectFrom('deployments')
      .select('event_id')
      .where('event_id', '=', 'deploy-3')
      .execute();
    expect(rows).toHaveLength(1);
    // An incident without an id, sent twice under two messages, is one incident (its id comes from its fields).
    const open = JSON.stringify({ repository: 'app', started_at: '2024-02-25T00:00:00Z', severity: 'sev3' });
    const a = await send('incidents', open);
    const b = await send('incidents', open);
    expect([a.json.result, b.json.result]).toEqual(['created', 'unchanged']);
    expect(a.json.eventId).toBe(b.json.eventId);
    const actions = (await auditRows(store)).map((r) => r.action);
    expect(actions.filter((x) => x === 'event.deployment').length).toBeGreaterThanOrEqual(5);
    expect(actions).toContain('event.incident');
  });

  test('a bad event is 400 EVENT_INVALID naming the field; an unknown repository too', async () => {
    const bad = async (path: string, body: unknown) => {
      const r = await send(path, typeof body === 'string' ? body : JSON.stringify(body));
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('EVENT_INVALID');
      return r.json.error.message as string;
    };
    const ok = { repository: 'app', commit: commit('feat e'), environment: 'production' };
    expect(await bad('deployments', { ...ok, commit: commit('feat e').slice(0, 12) })).toMatch(
      /commit: a full commit SHA/,
    );
    expect(await bad('deployments', { ...ok, extra: 1 })).toMatch(/extra/);
    expect(await bad('deployments', { ...ok, finished_at: 'yesterday' })).toMatch(/finished_at/);
    expect(await bad('deployments', { ...ok, repository: 'nope' })).toMatch(
      /repository: no scanned repository is named "nope"/,
    );
    expect(await bad('deployments', '{"repository": ')).toMatch(/not JSON/);
    expect(
      await bad('incidents', {
        repository: 'app',
        started_at: '2024-01-02T00:00:00Z',
        resolved_at: '2024-01-01T00:00:00Z',
        severity: 's',
      }),
    ).toMatch(/resolved_at is before started_at/);
    expect(
      await bad('incidents', {
        repository: 'app',
        started_at: '2024-01-02T00:00:00Z',
        severity: 's',
        deployment: 'nope',
      }),
    ).toMatch(/no deployment nope/);
  });
});

test('without a secret the event routes answer 503 WEBHOOKS_OFF; the OpenAPI document describes their bodies', async () => {
  const store = await openStore(freshStoreTarget('sqlite'));
  const app = await buildServer({ store, ws: loadWorkspace(tempDir()), webhookKey: null });
  try {
    await addUser(store, { email: 'm@example.com', role: 'member', password: 'a long password here' });
    const { token } = await createToken(store, { email: 'm@example.com', name: 't', expiresAt: null });
    const doc = (
      await app.inject({ url: '/api/v1/openapi.json', headers: { authorization: `Bearer ${token}` } })
    ).json();
    const op = doc.paths['/api/v1/events/deployments'].post;
    expect(op.security).toEqual([{ standardWebhooks: [] }]);
    expect(op.requestBody.content['application/json'].schema.required.sort()).toEqual([
      'commit',
      'environment',
      'repository',
    ]);
    expect(op.responses['409'].description).toMatch(/WEBHOOK_REPLAYED/);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/events/deployments',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('WEBHOOKS_OFF');
  } finally {
    await app.close();
    await store.close();
  }
});
