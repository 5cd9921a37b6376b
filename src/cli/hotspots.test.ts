// `cto code` and `cto hotspots` as a user meets them, on both store engines.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { HISTORY } from '../../test/fixtures/analyses/hotspots/history.fixture.ts';
import { cto } from '../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('cto code and cto hotspots on %s', (engine) => {
  const root = tempDir();
  buildRepo(join(root, 'svc'), [
    ...HISTORY,
    {
      date: '2024-06-02T10:00:00Z',
      files: { 'test/test_a.py': 'def test():\n    assert True\n', 'lib/x.py': 'x = 1\n' },
    },
  ]);
  const ws = tempDir();
  const db = ['--workspace', ws, '--db', freshStoreTarget(engine)];
  const scan = cto(['scan', root, ...db]);

  test('code: languages per repository and per folder, other categories apart', () => {
    expect(scan.code).toBe(0);
    const doc = JSON.parse(cto(['code', 'svc', '--json', ...db]).stdout);
    expect(doc.schema).toBe('cto.code/v1');
    expect(doc.languages).toEqual([
      { repository: 'svc', folder: null, language: 'Python', files: 4, code: 7, comment: 1, blank: 0 },
    ]);
    expect(doc.apart.map((a: { category: string; files: number }) => [a.category, a.files]).sort()).toEqual([
      ['binary', 1],
      ['documentation', 1],
    ]);
    const folders = JSON.parse(cto(['code', '--by', 'folder', '--depth', '1', '--json', ...db]).stdout);
    expect(folders.languages.map((l: { folder: string; files: number }) => [l.folder, l.files])).toEqual([
      ['lib', 1],
      ['src', 2],
      ['test', 1],
    ]);
    const text = cto(['code', ...db]);
    expect(text.stdout).toContain('Python');
    expect(text.stdout).toContain('Not counted in language statistics');
  });

  test('hotspots: ranked by score, tests excluded by default, folder and top', () => {
    const doc = JSON.parse(cto(['hotspots', '--json', ...db]).stdout);
    expect(doc.schema).toBe('cto.hotspots/v1');
    expect(doc.hotspots.map((h: { path: string; score: number }) => [h.path, h.score])).toEqual([
      ['src/core/a.py', 24],
      ['src/b.py', 6],
      ['lib/x.py', 1],
    ]);
    const all = JSON.parse(cto(['hotspots', '--all', '--json', ...db]).stdout);
    expect(all.hotspots.map((h: { path: string }) => h.path)).toContain('test/test_a.py');
    const top = JSON.parse(cto(['hotspots', '--folder', 'src', '--top', '1', '--json', ...db]).stdout);
    expect(top.hotspots.map((h: { path: string }) => h.path)).toEqual(['src/core/a.py']);
  });

  test('hotspots --today: the trend counts back from the reference date, not from the last commit', () => {
    const at = (today?: string) => {
      const args = ['hotspots', 'svc', '--folder', 'src/core', '--json', ...db];
      const doc = JSON.parse(cto(today ? [...args, '--today', today] : args).stdout);
      const [a] = doc.hotspots as { path: string; recent_commits: number; trend: string }[];
      return [a?.path, a?.recent_commits, a?.trend];
    };
    // Scanned today, long after the last change (1 June 2024): nothing in the last 90 days or the year before.
    expect(at()).toEqual(['src/core/a.py', 0, 'quiet']);
    expect(at('2024-06-02')).toEqual(['src/core/a.py', 2, 'stable']);
    expect(at('2025-06-02')).toEqual(['src/core/a.py', 0, 'falling']);
  });

  test('hotspots.exclude in cto.yaml adds globs', () => {
    const ws2 = tempDir();
    writeFileSync(join(ws2, 'cto.yaml'), 'hotspots:\n  exclude: ["src/core/**"]\n');
    const doc = JSON.parse(cto(['hotspots', '--json', '--workspace', ws2, '--db', db[3] as string]).stdout);
    expect(doc.hotspots.map((h: { path: string }) => h.path)).toEqual(['src/b.py', 'lib/x.py']);
  });

  test('--coupling lists pairs; thresholds only tighten; an unknown repository is a usage error', () => {
    const doc = JSON.parse(cto(['hotspots', '--coupling', '--json', ...db]).stdout);
    expect(
      doc.pairs.map((p: { path_a: string; path_b: string; shared: number }) => [
        p.path_a,
        p.path_b,
        p.shared,
      ]),
    ).toEqual([['src/b.py', 'src/core/a.py', 6]]);
    expect(
      JSON.parse(cto(['hotspots', '--coupling', '--min-degree', '90', '--json', ...db]).stdout).pairs,
    ).toEqual([]);
    const bad = cto(['hotspots', 'nope', ...db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no scanned repository is named "nope" (known: svc) [REPOSITORY_NOT_FOUND]');
    expect(bad.stderr).toContain('svc');
  });
});
