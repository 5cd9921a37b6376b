// `cto diagnostics`: what the last scans reported, as a user reads it.
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/store/migrations/index.ts';
import { cto } from '../helpers/cli.ts';
import { ADA, addCommits, buildRepo, cleanupTemp, git, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** alpha: a file over the cap and a lockfile that does not parse; beta: reached through a .git file; gamma: a failed rescan. */
function workspace(engine: Engine) {
  const root = realpathSync(tempDir());
  buildRepo(join(root, 'alpha'), [
    {
      author: ADA,
      files: { 'big.txt': 'x\n'.repeat(2000), 'package-lock.json': '{ not json', 'a.txt': 'a\n' },
    },
  ]);
  const elsewhere = buildRepo(join(realpathSync(tempDir()), 'origin'), [
    { author: ADA, files: { 'b.txt': 'b\n' } },
  ]);
  mkdirSync(join(root, 'beta'));
  writeFileSync(join(root, 'beta', '.git'), `gitdir: ${join(elsewhere, '.git')}\n`);
  const gamma = buildRepo(join(root, 'gamma'), [{ author: ADA, files: { 'g.txt': 'g\n' } }]);
  const ws = ['--workspace', tempDir(), '--db', freshStoreTarget(engine)];
  const scan = cto(['scan', root, ...ws, '--max-file-size', '1000', '--analyses', 'languages']);
  expect(scan.code).toBe(0);
  // New commits, one of them lost: the rescan fails while reading history; the first snapshot stays current.
  addCommits(gamma, [{ files: { 'g.txt': 'g2\n' } }, { files: { 'g.txt': 'g3\n' } }]);
  const lost = git(gamma, ['rev-parse', 'HEAD~1']).trim();
  rmSync(join(gamma, '.git', 'objects', lost.slice(0, 2), lost.slice(2)));
  expect(cto(['scan', gamma, ...ws]).code).toBe(1);
  return { root, ws, elsewhere };
}

describe.each(ENGINES)('cto diagnostics on %s', (engine) => {
  test('lists each repository’s diagnostics and failed scans; filters by severity, kind, source and repository', () => {
    const { ws, elsewhere } = workspace(engine);
    const all = cto(['diagnostics', ...ws, '--json']);
    expect(all.code).toBe(0);
    const doc = JSON.parse(all.stdout);
    expect(doc.schema).toBe('cto.diagnostics/v1');
    const seen = doc.diagnostics.map(
      (d: { repository: string; severity: string; collector: string; code: string }) =>
        [d.repository, d.severity, d.collector, d.code].join(' '),
    );
    expect(seen).toEqual([
      'alpha error npm-lock parse-error',
      'alpha info tree too-large',
      'beta warning discover git-dir-outside',
      'gamma error scan scan-failed',
    ]);
    const gamma = doc.repositories.find((r: { repository: string }) => r.repository === 'gamma');
    expect(gamma.current.status).toBe('ok');
    expect(gamma.unfinished).toMatchObject({ status: 'failed' });
    expect(doc.diagnostics[3].message).toMatch(
      /^the last scan \(started .* UTC\) failed: git objects cannot be read/,
    );

    const table = cto(['diagnostics', ...ws]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^repository\s+severity\s+from\s+kind\s+path\s+message/);
    expect(table.stdout).toMatch(/beta\s+warning\s+discover\s+git-dir-outside\s+\.git is a file pointing to/);
    expect(doc.diagnostics[2].message).toBe(
      `.git is a file pointing to ${join(elsewhere, '.git')}, outside the scanned folder: objects are read from there`,
    );
    expect(table.stderr).toMatch(/alpha: 2 diagnostics \(1 error, 1 info\), snapshot \d+ of [0-9a-f]{12}/);

    const warnings = JSON.parse(cto(['diagnostics', ...ws, '--severity', 'warning', '--json']).stdout);
    expect(warnings.diagnostics.map((d: { code: string }) => d.code)).toEqual([
      'parse-error',
      'git-dir-outside',
      'scan-failed',
    ]);
    const kind = JSON.parse(cto(['diagnostics', ...ws, '--kind', 'too-large,scan-failed', '--json']).stdout);
    expect(kind.diagnostics.map((d: { code: string }) => d.code)).toEqual(['too-large', 'scan-failed']);
    const from = JSON.parse(cto(['diagnostics', ...ws, '--collector', 'discover', '--json']).stdout);
    expect(from.diagnostics.map((d: { repository: string }) => d.repository)).toEqual(['beta']);
    const one = cto(['diagnostics', 'alpha', ...ws]);
    expect(one.stdout).not.toMatch(/beta|gamma/);
    expect(one.stdout).toMatch(/alpha\s+error\s+npm-lock\s+parse-error\s+package-lock\.json/);
    const none = cto(['diagnostics', 'gamma', ...ws, '--kind', 'too-large']);
    expect(none.stdout).toBe('No diagnostics in the last scans.\n');
  });
});

test('an unknown repository or severity is a usage error; --help describes the filters', () => {
  const ws = tempDir();
  const repo = buildRepo(join(tempDir(), 'solo'), [{ author: ADA, files: { 'a.txt': 'a\n' } }]);
  expect(cto(['scan', repo, '--workspace', ws, '--no-analyses']).code).toBe(0);
  const unknown = cto(['diagnostics', 'nope', '--workspace', ws]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(
    /no scanned repository is named "nope" \(known: solo\) \[REPOSITORY_NOT_FOUND\]/,
  );
  const bad = cto(['diagnostics', '--severity', 'loud', '--workspace', ws]);
  expect(bad.code).toBe(2);
  const help = cto(['diagnostics', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/--severity <level>.*\n?.*at or above/);
  expect(help.stdout).toContain('--kind <codes>');
  expect(help.stdout).toContain('--collector <ids>');
  const clean = cto(['diagnostics', '--workspace', ws]);
  expect(clean.stdout).toBe('No diagnostics in the last scans.\n');
  expect(clean.stderr).toMatch(/solo: no diagnostics, snapshot \d+ of/);
});
