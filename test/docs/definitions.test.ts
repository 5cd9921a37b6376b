// Every metric and finding rule `cto` stores is declared by the analysis that stored it, and every
// name an analysis declares is defined in docs/ (DESIGN.md rule 8): a scan of a repository that
// exercises every registered analysis, then each distinct metric name and rule id found in the store
// must be in its analysis's `metrics` or `rules`, and each declared one appear as `name` in docs/.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ANALYSES } from '../../src/analyses/registry.ts';
import { cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, CY, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

afterAll(cleanupTemp);

const DOCS = join(import.meta.dirname, '../../docs');

function docsText(dir = DOCS): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return docsText(p);
      return e.name.endsWith('.md') ? readFileSync(p, 'utf8') : '';
    })
    .join('\n');
}

const LOCK = JSON.stringify({
  name: 'shop',
  lockfileVersion: 3,
  packages: {
    '': { name: 'shop', dependencies: { left: '1.0.0', right: '2.0.0' } },
    'node_modules/left': { version: '1.0.0', license: 'GPL-3.0-only' },
    'node_modules/right': { version: '2.0.0' },
  },
});

function richRepository(): string {
  const dir = join(tempDir(), 'shop');
  const lines = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => `  x${i} = "${tag}"`).join('\n');
  return buildRepo(
    dir,
    [
      {
        author: ADA,
        date: '2026-01-05T10:00:00Z',
        files: {
          'package.json': '{"name":"shop","dependencies":{"left":"1.0.0","right":"2.0.0"}}\n',
          'package-lock.json': LOCK,
          'src/app.py': `def main():\n${lines(40, 'a')}\n`,
          'lib/util.py': `def util():\n${lines(10, 'u')}\n`,
          Dockerfile: 'FROM python:3.8-slim\n',
          '.github/CODEOWNERS': '/src/ @org/web\n',
        },
      },
      {
        author: ADA,
        date: '2026-02-05T10:00:00Z',
        files: { 'src/app.py': `def main():\n${lines(41, 'b')}\n` },
      },
      {
        author: BOB,
        date: '2026-03-05T10:00:00Z',
        message: 'Fix crash',
        files: { 'src/app.py': `def main():\n${lines(42, 'c')}\n` },
      },
      {
        author: ADA,
        date: '2026-04-05T10:00:00Z',
        files: { 'src/app.py': `def main():\n${lines(43, 'd')}\n` },
      },
      {
        author: CY,
        date: '2026-05-05T10:00:00Z',
        files: { 'lib/util.py': `def util():\n${lines(12, 'v')}\n` },
      },
    ],
    {
      tags: [
        { name: 'v1.0.0', at: 1 },
        { name: 'v1.0.1', at: 2 },
        { name: 'v1.1.0-rc.1', at: 3 },
        { name: 'v1.1.0', at: 3 },
        { name: 'nightly', at: 4 },
      ],
    },
  );
}

test('every metric and finding rule in the store is declared by its analysis, and defined in docs/', () => {
  const repo = richRepository();
  const ws = tempDir();
  writeFileSync(join(ws, 'cto.yaml'), 'licences:\n  deny: [GPL-3.0-only]\n  allow: [MIT]\n');
  const scan = cto(['scan', repo, '--workspace', ws]);
  expect(scan.code).toBe(0);
  const stored = (query: string): Array<{ analysis: string; name: string }> => {
    const r = cto(['sql', query, '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout).rows;
  };
  const metrics = stored('select distinct analysis, metric as name from metrics');
  const rules = stored('select distinct analysis, rule as name from findings');
  // The scan exercised every analysis: the check below is not vacuous.
  expect(metrics.length).toBeGreaterThan(25);
  expect(rules.map((r) => r.name)).toEqual(
    expect.arrayContaining(['licence-denied', 'licence-unknown', 'unowned-folder']),
  );
  const declared = new Map(ANALYSES.map((a) => [a.id, a]));
  const undeclared = [
    ...metrics.filter((m) => !declared.get(m.analysis)?.metrics.includes(m.name)),
    ...rules.filter((r) => !declared.get(r.analysis)?.rules.includes(r.name)),
  ];
  expect(undeclared).toEqual([]);
  const docs = docsText();
  const names = ANALYSES.flatMap((a) => [...a.metrics, ...a.rules]);
  const undefinedNames = names.filter((n) => !docs.includes(`\`${n}\``));
  expect(undefinedNames).toEqual([]);
});
