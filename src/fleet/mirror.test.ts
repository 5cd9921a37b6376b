import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addCommits, buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { fetchMirror, fetchTransport, mirrorPathFor } from './mirror.ts';

afterAll(cleanupTemp);

function remote(): string {
  const dir = tempDir('cto-remote-');
  return buildRepo(
    join(dir, 'svc.git'),
    [
      { files: { 'a.txt': 'one\n' } },
      { files: { 'b.txt': 'two\n' } },
      { branch: 'release', from: 0, files: { 'c.txt': 'three\n' } },
    ],
    { bare: true, tags: [{ name: 'v1.0.0', at: 1, message: 'first' }], head: 'main' },
  );
}

const refsOf = (dir: string) => git(dir, ['for-each-ref', '--format=%(objectname) %(refname)']);

describe('fetchTransport', () => {
  it('allows https, ssh and file; refuses other transports, helpers, credentials in the URL and option-like URLs', () => {
    expect(fetchTransport('https://github.com/acme/api.git')).toBe('https');
    expect(fetchTransport('git@github.com:acme/api.git')).toBe('ssh');
    expect(fetchTransport('ssh://git@host/acme/api.git')).toBe('ssh');
    expect(fetchTransport('file:///srv/git/api.git')).toBe('file');
    expect(fetchTransport('/srv/git/api.git')).toBe('file');
    for (const [url, why] of [
      ['http://example.com/a.git', /http transport is not allowed/],
      ['git://example.com/a.git', /git transport is not allowed/],
      ['ext::sh -c touch% /tmp/pwned', /remote helpers/],
      ['fd::17', /remote helpers/],
      ['https://user:secret@example.com/a.git', /credentials in the URL/],
      ['--upload-pack=touch /tmp/pwned', /may not start/],
    ] as const) {
      expect(() => fetchTransport(url), url).toThrow(why);
    }
  });

  it('keeps no password in the messages it builds', () => {
    expect(() => fetchTransport('https://user:secret@example.com/a.git')).toThrow(/^(?!.*secret).*$/);
  });
});

describe('mirrorPathFor', () => {
  it('files mirrors by host and path, never outside the cache', () => {
    expect(mirrorPathFor('/c', 'https://github.com/acme/api.git')).toBe('/c/github.com/acme/api.git');
    expect(mirrorPathFor('/c', 'git@gitlab.example.com:g/sub/p.git')).toBe(
      '/c/gitlab.example.com/g/sub/p.git',
    );
    expect(mirrorPathFor('/c', 'file:///srv/../../etc/x')).toBe('/c/local/srv/etc/x.git');
    expect(mirrorPathFor('/c', 'https://h/../../x.git')).toBe('/c/h/x.git');
  });
});

describe('fetchMirror over file://', () => {
  const cache = tempDir('cto-cache-');

  it('makes a bare mirror with every branch and tag, HEAD on the default branch, and no remote in its config', async () => {
    const origin = remote();
    const dest = mirrorPathFor(cache, `file://${origin}`);
    const first = await fetchMirror(`file://${origin}`, dest);
    expect(first).toMatchObject({ created: true, changed: true });
    expect(refsOf(dest)).toBe(refsOf(origin));
    expect(git(dest, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
    const config = readFileSync(join(dest, 'config'), 'utf8');
    expect(config).not.toContain('[remote');
    expect(config).not.toContain(origin);
    // No temporary folder is left beside it.
    expect(readdirSync(join(dest, '..')).filter((n) => n.includes('.tmp-'))).toEqual([]);

    const again = await fetchMirror(`file://${origin}`, dest);
    expect(again).toMatchObject({ created: false, changed: false });

    addCommits(origin, [{ files: { 'd.txt': 'four\n' } }]);
    git(origin, ['update-ref', '-d', 'refs/heads/release']);
    const moved = await fetchMirror(`file://${origin}`, dest);
    expect(moved).toMatchObject({ created: false, changed: true });
    expect(refsOf(dest)).toBe(refsOf(origin));

    // The remote renames its default branch: the old one goes, HEAD follows the new one.
    git(origin, ['branch', '-m', 'main', 'trunk']);
    await fetchMirror(`file://${origin}`, dest);
    expect(refsOf(dest)).toBe(refsOf(origin));
    expect(git(dest, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/trunk');
  });

  it('credentials reach git through its environment only: not in the mirror config or on disk', async () => {
    const origin = remote();
    const dest = join(cache, 'cred', 'svc.git');
    await fetchMirror(`file://${origin}`, dest, {
      credentials: { user: 'x-access-token', token: 'tok-SECRET-123' },
    });
    expect(refsOf(dest)).toBe(refsOf(origin));
    const config = readFileSync(join(dest, 'config'), 'utf8');
    expect(config).not.toContain('SECRET');
    expect(config).not.toContain('extraHeader');
    expect(git(dest, ['for-each-ref', 'refs/cto-incoming'])).toBe('');
  });

  it('a fetch stopped by the size budget leaves no new mirror, and keeps an existing one as it was', async () => {
    const origin = remote();
    const dest = join(cache, 'budget', 'svc.git');
    await expect(
      fetchMirror(`file://${origin}`, dest, { budget: { maxBytes: 1, timeoutMs: 60_000 } }),
    ).rejects.toThrow(/size budget/);
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(join(cache, 'budget'))).toEqual([]);

    await fetchMirror(`file://${origin}`, dest);
    const good = refsOf(dest);
    const packs = readdirSync(join(dest, 'objects', 'pack')).sort();
    // Random bytes do not compress: the pack is as large as the file.
    const big = randomBytes(1024 * 1024);
    addCommits(origin, [{ files: { 'big.bin': big } }]);
    const limit = { maxBytes: 512 * 1024, timeoutMs: 60_000 };
    // Objects already there count: the budget is the mirror's whole size during the fetch.
    await expect(fetchMirror(`file://${origin}`, dest, { budget: limit })).rejects.toThrow(
      /size budget|MIRROR/,
    );
    expect(refsOf(dest)).toBe(good);
    // What the stopped fetch wrote is gone; the mirror is whole.
    expect(readdirSync(join(dest, 'objects', 'pack')).sort()).toEqual(packs);
    expect(git(dest, ['fsck', '--no-dangling']).trim()).toBe('');
  });

  it('a remote that does not exist is an error naming it, and leaves nothing behind', async () => {
    const dest = join(cache, 'missing', 'x.git');
    await expect(fetchMirror('file:///nonexistent/repo.git', dest)).rejects.toThrow(
      /MIRROR_FAILED|nonexistent/,
    );
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses the ext transport even when a URL slips past the check (git itself is told to)', async () => {
    const dest = join(cache, 'ext', 'x.git');
    await expect(fetchMirror('ext::sh -c touch% /tmp/cto-pwned', dest)).rejects.toThrow(/remote helpers/);
    expect(existsSync('/tmp/cto-pwned')).toBe(false);
  });
});
