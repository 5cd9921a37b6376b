// `cto sources sync` and `cto scan --all` as a user runs them: a sources.yaml with a local bare
// repository behind a file:// URL and a folder, a misspelt key, and --all before any sync.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cto } from '../helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

afterAll(cleanupTemp);

describe('cto sources', () => {
  test('a misspelt key names the file and line; --all before a sync says what to run', () => {
    const ws = tempDir('cto-ws-');
    writeFileSync(join(ws, 'sources.yaml'), 'sources:\n  - github: acme\n    tokn: GITHUB_TOKEN\n');
    const bad = cto(['-w', ws, 'sources', 'sync']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sources\.yaml:\d+: .*unknown key/);
    expect(bad.stdout).toBe('');
    writeFileSync(join(ws, 'sources.yaml'), 'sources:\n  - github: acme\n    token: ghp_abc123-not-a-name\n');
    expect(cto(['-w', ws, 'sources', 'sync']).stderr).toMatch(/the name of an environment variable/);
    const none = cto(['-w', ws, 'scan', '--all', '--no-analyses']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/cto sources sync.*\[NO_REPOSITORIES\]/);
  });

  test('sync mirrors a file:// remote under its listed name; scan --all scans it with the folder source; sources lists both', () => {
    const ws = tempDir('cto-ws-');
    const remote = buildRepo(
      join(tempDir('cto-remote-'), 'upstream.git'),
      [{ files: { 'a.txt': 'a\n' } }, { files: { 'b.txt': 'b\n' } }],
      {
        bare: true,
      },
    );
    const folder = tempDir('cto-folder-');
    buildRepo(join(folder, 'tools'), [{ files: { 'x.sh': 'echo\n' } }]);
    writeFileSync(
      join(ws, 'sources.yaml'),
      `sources:\n  - url: file://${remote}\n    name: payments\n  - folder: ${folder}\n`,
    );
    const sync = cto(['-w', ws, 'sources', 'sync']);
    expect(sync.code).toBe(0);
    expect(sync.stdout.split('\n')[0]).toBe('2 repositories from 2 of 2 sources: 2 new, 0 gone, 0 back.');
    expect(sync.stdout).toContain('Mirrors: 1 of 1 fetched (1 new, 0 with new commits); 0 failed.');
    const scan = cto(['-w', ws, 'scan', '--all', '--no-analyses', '--json']);
    expect(scan.code).toBe(0);
    const doc = JSON.parse(scan.stdout) as { repositories: { name: string; commits: number }[] };
    expect(doc.repositories.map((r) => [r.name, r.commits]).sort()).toEqual([
      ['payments', 2],
      ['tools', 1],
    ]);
    const list = cto(['-w', ws, 'sources', '--json']);
    const repos = (
      JSON.parse(list.stdout) as { repositories: { name: string; kind: string; goneAt: null }[] }
    ).repositories;
    expect(repos.map((r) => [r.name, r.kind, r.goneAt])).toEqual([
      ['tools', 'folder', null],
      ['payments', 'url', null],
    ]);
  });
});
