// cto users, cto tokens, cto audit and cto serve as a person uses them, on a scanned workspace.
import { type ChildProcess, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServe } from '../helpers/browser.ts';
import { CTO_BIN, cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
let ws = '';
let server: ChildProcess | undefined;
let base = '';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const repo = buildRepo(join(tempDir(), 'alpha'), [
    { author: ADA, date: daysAgo(40), files: { 'x.txt': 'x\n', 'a.ts': 'export const a = 1;\n' } },
    { author: BOB, date: daysAgo(30), files: { 'y.txt': 'y\n' } },
    { author: ADA, date: daysAgo(20), files: { 'a.ts': 'export const a = 2;\n' } },
  ]);
  ws = tempDir();
  expect(cto(['scan', repo, '--workspace', ws]).code).toBe(0);
  for (const role of ['member', 'board']) {
    const pw = spawnSync(
      process.execPath,
      [CTO_BIN, '-w', ws, 'users', 'add', `${role}@office.test`, '--role', role, '--password-stdin'],
      { input: 'a sufficiently long password\n', encoding: 'utf8', env: { ...process.env, CTO_DB: '' } },
    );
    expect(pw.status, pw.stderr).toBe(0);
    const t = cto(['-w', ws, 'tokens', 'create', `${role}@office.test`, '--name', 'ci', '--expires', '1d']);
    expect(t.code, t.stderr).toBe(0);
    tokens[role] = t.stdout.split('\n')[0] as string;
  }
  ({ server, base } = await startServe(ws));
}, 120_000);

afterAll(() => {
  server?.kill('SIGTERM');
  cleanupTemp();
});

const get = (url: string, role: string) =>
  fetch(`${base}${url}`, { headers: { authorization: `Bearer ${tokens[role]}` } });

test('users add without a password prints a one-time password once; a bad role is a USAGE error', () => {
  const added = cto(['-w', ws, 'users', 'add', 'Chief@Office.test', '--role', 'admin']);
  expect(added.code).toBe(0);
  expect(added.stdout).toMatch(/One-time password \(shown once\): [A-Za-z0-9_-]{22}\n/);
  expect(cto(['-w', ws, 'users', 'add', 'chief@office.test', '--role', 'admin']).stderr).toMatch(
    /USER_EXISTS/,
  );
  const bad = cto(['-w', ws, 'users', 'add', 'x@office.test', '--role', 'boss']);
  expect([bad.code, bad.stderr]).toEqual([
    2,
    expect.stringMatching(/--role takes admin, member, lead or board, not "boss" \[USAGE\]/),
  ]);
  const list = JSON.parse(cto(['-w', ws, 'users', 'list', '--json']).stdout) as {
    users: { email: string }[];
  };
  expect(list.users.map((u) => u.email)).toEqual([
    'board@office.test',
    'chief@office.test',
    'member@office.test',
  ]);
});

test('the server reads the same repositories as cto repos', async () => {
  const { page, ...api } = (await (await get('/api/v1/repositories', 'member')).json()) as {
    page: { total: number };
    repositories: { name: string; commit: string }[];
  };
  const cli = JSON.parse(cto(['-w', ws, 'repos', '--json']).stdout) as {
    repositories: { name: string; commit: string }[];
  };
  expect(api).toEqual(cli);
  expect(page.total).toBe(1);
  expect(api.repositories.map((r) => r.name)).toEqual(['alpha']);
});

test('the board gets the summary under pseudonyms; people-level data is refused to members and the board', async () => {
  const summary = async (role: string) =>
    (await (await get('/api/v1/report/summary', role)).json()) as {
      scope: { anonymized: boolean };
      summary: { register: { open: number } };
    };
  const board = await summary('board');
  expect(board.scope.anonymized).toBe(true);
  // A member reads people under pseudonyms too (docs/server.md#people-level-data).
  expect((await summary('member')).scope.anonymized).toBe(true);
  // The same register counts as the report's (the scan opened the knowledge risks of alpha).
  expect(board.summary.register.open).toBeGreaterThan(0);
  expect((await get('/api/v1/people', 'member')).status).toBe(403);
  expect((await get('/api/v1/people', 'board')).status).toBe(403);
});

test('cto audit lists user and token creation and the failed and denied requests', async () => {
  await fetch(`${base}/api/v1/risks`, { headers: { authorization: 'Bearer cto_000000000000_nope' } });
  const audit = JSON.parse(cto(['-w', ws, 'audit', '--json']).stdout) as {
    schema: string;
    entries: { action: string; actor: string; source: string }[];
  };
  expect(audit.schema).toBe('cto.audit/v1');
  const actions = audit.entries.map((e) => e.action);
  expect(actions.filter((a) => a === 'user.created')).toHaveLength(3);
  expect(actions.filter((a) => a === 'token.created')).toHaveLength(2);
  expect(actions).toContain('auth.failed');
  expect(audit.entries.find((e) => e.action === 'access.denied')?.actor).toMatch(/@office\.test$/);
  expect(audit.entries.find((e) => e.action === 'auth.failed')?.source).toBe('127.0.0.1');
});

test('cto tokens list shows prefixes, never secrets; a revoked token stops working', async () => {
  const listed = cto(['-w', ws, 'tokens', 'list', '--json']);
  const doc = JSON.parse(listed.stdout) as { schema: string; tokens: { prefix: string; email: string }[] };
  expect(doc.schema).toBe('cto.tokens/v1');
  const prefix = (tokens.member as string).split('_')[1] as string;
  expect(doc.tokens.find((t) => t.email === 'member@office.test')?.prefix).toBe(prefix);
  // The secret is everything after the prefix: base64url, so it may itself hold '_'.
  const secret = (tokens.member as string).slice(`cto_${prefix}_`.length);
  expect(secret).toHaveLength(43);
  expect(listed.stdout).not.toContain(secret);
  expect(cto(['-w', ws, 'tokens', 'revoke', prefix]).code).toBe(0);
  expect((await get('/api/v1/repositories', 'member')).status).toBe(401);
  expect(cto(['-w', ws, 'tokens', 'revoke', prefix]).stderr).toMatch(/no active token.*\[USAGE\]/);
});
