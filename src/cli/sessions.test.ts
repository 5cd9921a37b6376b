// `cto sessions list|revoke` and `cto users disable` end browser sessions in the store at once.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { addUser } from '../server/accounts.ts';
import { openSession, resolveSession } from '../server/sessions.ts';
import { auditRows, findUser } from '../store/accounts.ts';
import { openStore, type Store } from '../store/store.ts';

let db: string;
let ws: string;
let store: Store;
const secrets: string[] = [];

beforeAll(async () => {
  ws = tempDir();
  db = join(tempDir(), 'cto.db');
  store = await openStore(db);
  for (const email of ['ada@example.com', 'bo@example.com']) {
    await addUser(store, { email, role: 'member', password: 'a long password for sessions' });
    const user = await findUser(store, email);
    for (let i = 0; i < 2; i++) {
      const opened = await openSession(
        store,
        user as { id: number; email: string; role: string },
        { method: 'password', source: '192.0.2.1' },
        new Date(),
      );
      secrets.push(opened.secret);
    }
  }
}, 60_000);

afterAll(async () => {
  await store?.close();
  cleanupTemp();
});

const run = (...args: string[]) => cto([...args, '--workspace', ws, '--db', db]);
const live = async () =>
  (await Promise.all(secrets.map((s) => resolveSession(store, s, new Date())))).map((r) => 'session' in r);

describe('cto sessions', () => {
  test('list shows the live sessions; revoke ends one by id, then all of a user; disable ends the rest', async () => {
    const listed = run('sessions', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const doc = JSON.parse(listed.stdout) as {
      schema: string;
      sessions: { id: number; email: string; source: string }[];
    };
    expect(doc.schema).toBe('cto.sessions/v1');
    expect(doc.sessions.map((s) => s.email).sort()).toEqual([
      'ada@example.com',
      'ada@example.com',
      'bo@example.com',
      'bo@example.com',
    ]);
    expect(doc.sessions[0]?.source).toBe('192.0.2.1');
    expect(JSON.stringify(doc)).not.toMatch(/secret|hash/);
    const adaFirst = Math.min(...doc.sessions.filter((s) => s.email === 'ada@example.com').map((s) => s.id));
    const one = run('sessions', 'revoke', String(adaFirst));
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/1 session ended/);
    expect(await live()).toEqual([false, true, true, true]);
    const user = run('sessions', 'revoke', '--user', 'ada@example.com');
    expect(user.stdout).toMatch(/1 session ended/);
    expect(await live()).toEqual([false, false, true, true]);
    const disabled = run('users', 'disable', 'bo@example.com');
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(await live()).toEqual([false, false, false, false]);
    const table = run('sessions', 'list');
    expect(table.stdout).toMatch(/No live sessions/);
    expect(
      run('sessions', 'list', '--all')
        .stdout.split('\n')
        .filter((l) => l.includes('@')).length,
    ).toBe(4);
    const actions = (await auditRows(store)).map((r) => `${r.action} ${r.actor}`);
    expect(actions.filter((a) => a === 'session.revoked cli')).toHaveLength(2);
    expect(
      JSON.parse((await auditRows(store)).find((r) => r.action === 'user.disabled')?.detail ?? '{}'),
    ).toEqual({
      email: 'bo@example.com',
      sessionsEnded: 2,
    });
  });

  test('revoke needs an id or --user, not both; an unknown user is named', () => {
    expect(run('sessions', 'revoke').code).toBe(2);
    expect(run('sessions', 'revoke', '1', '--user', 'ada@example.com').code).toBe(2);
    const unknown = run('sessions', 'revoke', '--user', 'nobody@example.com');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no user nobody@example.com/);
  });
});
