// The command line as a user meets it: output, JSON documents, errors and exit codes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { CTO_BIN, cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, cleanupTemp, git, tempDir } from '../helpers/repo-builder.ts';
import { workspaceWithEmptyStore } from '../helpers/stores.ts';

afterAll(cleanupTemp);

function twoRepos(): { root: string; a: string; b: string } {
  const root = tempDir();
  const a = buildRepo(join(root, 'alpha'), [
    { author: ADA, date: '2023-05-01T08:00:00+02:00', files: { 'x.txt': 'x\n' } },
    { author: BOB, date: '2023-06-01T08:00:00+02:00', files: { 'y.txt': 'y\ny\n' } },
  ]);
  const b = buildRepo(join(root, 'beta'), [{ author: BOB, files: { 'z.txt': 'z\n' } }]);
  return { root, a, b };
}

/**
 * Two repositories scanned into a workspace with `--json`, once per file: the scan's own test reads
 * its output, the `cto sql` test the store it wrote.
 */
let scanned: { ws: string; a: string; r: ReturnType<typeof cto> } | undefined;
function scannedTwoRepos() {
  if (!scanned) {
    const { root, a } = twoRepos();
    const ws = tempDir();
    scanned = { ws, a, r: cto(['scan', root, '--workspace', ws, '--json']) };
  }
  return scanned;
}

describe('cto scan', () => {
  test('--json prints a versioned document whose counts equal git', () => {
    const { ws, a, r } = scannedTwoRepos();
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('cto.scan/v1');
    expect(doc.tool.name).toBe('cto');
    expect(doc.summary).toMatchObject({ repositories: 2, ok: 2, failed: 0 });
    const alpha = doc.repositories.find((x: { name: string }) => x.name === 'alpha');
    expect(alpha.commits).toBe(Number(git(a, ['rev-list', '--count', 'HEAD']).trim()));
    expect(alpha.authors).toBe(new Set(git(a, ['log', '--format=%ae']).trim().split('\n')).size);
    expect(alpha.files).toBe(git(a, ['ls-tree', '-r', 'HEAD']).trim().split('\n').length);
    expect(alpha.commit).toBe(git(a, ['rev-parse', 'HEAD']).trim());
    // The store is the embedded default in the workspace.
    const repos = cto(['repos', '--workspace', ws, '--json']);
    expect(JSON.parse(repos.stdout).repositories.map((x: { name: string }) => x.name)).toEqual([
      'alpha',
      'beta',
    ]);
  });

  test('prints a summary table, and says unchanged on a rescan', () => {
    const { root } = twoRepos();
    const ws = tempDir();
    const first = cto(['scan', root, '--workspace', ws]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /repository\s+commit\s+commits\s+authors\s+files\s+first commit\s+last commit\s+status/,
    );
    expect(first.stdout).toMatch(/alpha\s+[0-9a-f]{12}\s+2\s+2\s+2\s+2023-05-01\s+2023-06-01\s+ok/);
    const second = cto(['scan', root, '--workspace', ws]);
    expect(second.stdout).toMatch(/alpha .*unchanged/);
  });

  test('exit code 1 when a repository fails, the others still scanned; 2 when nothing can be scanned', () => {
    const { root } = twoRepos();
    buildRepo(join(root, 'empty'), []);
    const ws = tempDir();
    const r = cto(['scan', root, '--workspace', ws, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ ok: 2, failed: 1 });
    const plain = tempDir();
    mkdirSync(join(plain, 'just-a-folder'));
    const none = cto(['scan', plain, '--workspace', ws]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/is not a git repository and holds none.*\[NOT_A_REPOSITORY\]/);
    const missing = cto(['scan', join(plain, 'nope'), '--workspace', ws]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder \[PATH_NOT_FOUND\]/);
  });

  test('usage mistakes exit 2 with a clear line; --debug adds the stack', () => {
    const ws = tempDir();
    const bad = cto(['scan', '.', '--depth', 'zero', '--workspace', ws]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--depth takes a whole number/);
    expect(cto(['frobnicate']).code).toBe(2);
    const help = cto(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/scan \[options\] \[paths\.\.\.\]/);
    const cfgWs = tempDir();
    writeFileSync(join(cfgWs, 'cto.yaml'), 'scan:\n  depth: "deep"\n');
    const cfg = cto(['repos', '--workspace', cfgWs, '--debug']);
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toMatch(/cto\.yaml:2: scan\.depth: .*\[CONFIG_INVALID\]/);
    expect(cfg.stderr).toMatch(/at .*workspace\.ts/);
  });
});

describe('cto sql and repos', () => {
  test('sql prints a table or JSON and refuses writes', () => {
    const { ws } = scannedTwoRepos();
    const t = cto([
      'sql',
      'select repository, count(*) as commits from current_commits group by repository order by 1',
      '--workspace',
      ws,
    ]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/repository\s+commits\nalpha\s+2\nbeta\s+1/);
    const j = cto([
      'sql',
      'select author_email from current_commits order by author_ts limit 1',
      '--workspace',
      ws,
      '--json',
    ]);
    expect(JSON.parse(j.stdout)).toMatchObject({ schema: 'cto.sql/v1', columns: ['author_email'] });
    const w = cto(['sql', 'delete from commits', '--workspace', ws]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/\[DB_READ_ONLY\]/);
  });

  test('repos on an empty store says how to start', async () => {
    const r = cto(['repos', '--workspace', await workspaceWithEmptyStore()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No repositories in the store yet/);
  });
});

test('a Node.js older than 22 without the bundled Node.js gets one line naming the needed version', () => {
  // A copy of the entry point with no node_modules beside it: nothing to hand over to.
  const bin = join(tempDir(), 'bin', 'cto.js');
  mkdirSync(dirname(bin), { recursive: true });
  copyFileSync(CTO_BIN, bin);
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `Object.defineProperty(process.versions, 'node', { value: '20.1.0' }); await import(${JSON.stringify(pathToFileURL(bin).href)})`,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/needs Node\.js 22\.18 or newer.*this is Node\.js 20\.1\.0/);
});

test('an older Node.js hands over to the bundled Node.js, which runs the command', async () => {
  const ws = await workspaceWithEmptyStore();
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `Object.defineProperty(process.versions, 'node', { value: '20.1.0' }); process.argv.splice(1, process.argv.length, 'cto', 'repos', '--json', '--workspace', ${JSON.stringify(ws)}); await import(${JSON.stringify(pathToFileURL(CTO_BIN).href)})`,
    ],
    { encoding: 'utf8', env: { ...process.env, CTO_DB: '' } },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).schema).toBe('cto.repos/v1');
});

test('a linked `cto` runs from any folder with the system PATH (npm link, global install)', async () => {
  // npm link puts a symlink to bin/cto.js on the PATH; its `#!/usr/bin/env node` finds the system
  // Node.js, which may be older than the one the project needs.
  const binDir = tempDir();
  symlinkSync(CTO_BIN, join(binDir, 'cto'));
  // The workspace is the folder it runs in: the store found there answers.
  const elsewhere = await workspaceWithEmptyStore();
  const r = spawnSync('cto', ['repos', '--json'], {
    cwd: elsewhere,
    encoding: 'utf8',
    env: { PATH: `${binDir}:/usr/local/bin:/usr/bin:/bin`, HOME: elsewhere },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).repositories).toEqual([]);
});

test('output piped into a reader that stops early ends quietly', () => {
  const ws = tempDir();
  const { root } = twoRepos();
  cto(['scan', root, '--workspace', ws]);
  const r = spawnSync(
    'sh',
    [
      '-c',
      `"${process.execPath}" "${CTO_BIN}" sql "with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000) select i from n" --workspace "${ws}" | head -2`,
    ],
    { encoding: 'utf8' },
  );
  expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(2);
  expect(r.stderr).not.toMatch(/EPIPE|Error/);
});

test('--analyses runs only the analyses named; an unknown one is a usage error', () => {
  const { root } = twoRepos();
  const ws = tempDir();
  const r = cto(['scan', root, '--workspace', ws, '--analyses', 'languages', '--json']);
  expect(r.code).toBe(0);
  const used = cto([
    'sql',
    'select distinct analysis from current_metrics order by 1',
    '--workspace',
    ws,
    '--json',
  ]);
  expect(JSON.parse(used.stdout).rows.map((x: { analysis: string }) => x.analysis)).toEqual(['languages']);
  const bad = cto(['scan', root, '--workspace', tempDir(), '--analyses', 'nope']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/unknown analysis "nope".*\[USAGE\]/);
});
