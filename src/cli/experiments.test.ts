// `cto experiments` as a user meets it: experiment files in a workspace joined to a scanned store and a radar.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { ADA, BOB, buildRepo, CY, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

function write(ws: string, path: string, text: string): void {
  mkdirSync(join(ws, path, '..'), { recursive: true });
  writeFileSync(join(ws, path), text);
}

describe.each(ENGINES)('cto experiments on %s', (engine) => {
  const root = tempDir();
  // api: five commits, three of them inside October 2026 by two people (Ada under two spellings, Bob).
  buildRepo(join(root, 'api'), [
    { date: '2026-09-30T23:00:00Z', author: ADA, files: { 'a.txt': '1' } },
    { date: '2026-10-01T00:30:00Z', author: ADA, files: { 'a.txt': '2' } },
    { date: '2026-10-15T10:00:00Z', author: BOB, files: { 'b.txt': '1' } },
    {
      date: '2026-10-31T23:30:00Z',
      author: { name: 'Ada Lovelace', email: 'ADA@example.com' },
      files: { 'a.txt': '3' },
    },
    { date: '2026-11-01T00:30:00Z', author: CY, files: { 'c.txt': '1' } },
  ]);
  buildRepo(join(root, 'web'), [{ date: '2026-10-10T10:00:00Z', author: CY, files: { 'w.txt': '1' } }]);
  const ws = tempDir();
  const db = ['--workspace', ws, '--db', freshStoreTarget(engine)];
  const scan = cto(['scan', root, ...db]);
  write(ws, 'radar/2026-12-01/bun.md', '---\ntitle: Bun\nring: assess\nquadrant: tools\n---\n');
  write(ws, 'radar/2026-12-01/pnpm.md', '---\ntitle: pnpm\nring: trial\nquadrant: tools\n---\n');
  write(
    ws,
    'experiments/bun.md',
    '---\ntitle: Bun for builds\nhypothesis: Bun halves build time\nowner: Ada Lovelace\nstart: 2026-10-01\nend: 2026-10-31\nbudget: { amount: "5000.00", currency: EUR }\nradar: bun\nrepositories: [api]\nbranches: [web:bun-trial]\noutcome: null\n---\n',
  );
  write(
    ws,
    'experiments/pnpm.md',
    '---\ntitle: pnpm workspaces\nhypothesis: pnpm saves disk\nowner: Bob Builder\nstart: 2026-10-01\nend: 2026-11-15\nradar: pnpm\nrepositories: web\noutcome: adopt\n---\n',
  );
  write(
    ws,
    'experiments/broken.md',
    '---\nhypothesis: x\nowner: Cy\nstart: 2026-10-01\nend: 2026-09-01\nrepositories: [api]\n---\n',
  );

  test('states, evidence in the time box, radar against outcome; findings; a bad file is a diagnostic', () => {
    expect(scan.code).toBe(0);
    const r = cto(['experiments', '--json', '--today', '2026-12-06', ...db]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('cto.experiments/v1');
    const byFile = Object.fromEntries(doc.experiments.map((e: { file: string }) => [e.file, e]));
    const bun = byFile['experiments/bun.md'];
    expect(bun.state).toBe('overdue');
    expect(bun.days).toBe(36);
    expect(bun.budget).toEqual({ amount: '5000.00', currency: 'EUR' });
    // Commits 2, 3 and 4 of api are in the box (the first is the day before, the last the day after).
    expect(bun.evidence.commits).toBe(3);
    expect(bun.evidence.people).toBe(2);
    expect(bun.evidence.complete).toBe(false);
    expect(bun.evidence.links[1]).toMatchObject({
      repository: 'web',
      branch: 'bun-trial',
      status: 'other-ref',
    });
    const pnpm = byFile['experiments/pnpm.md'];
    expect(pnpm.state).toBe('concluded');
    expect(pnpm.evidence.commits).toBe(1);
    expect(pnpm.radarStanding.message).toBe(
      'outcome adopt, radar still TRIAL in the latest release: move it to ADOPT in the next release',
    );
    expect(doc.findings.map((f: { kind: string; file: string }) => [f.kind, f.file])).toEqual([
      ['experiment-overdue', 'experiments/bun.md'],
      ['experiment-radar-not-moved', 'experiments/pnpm.md'],
    ]);
    expect(doc.diagnostics).toEqual([expect.objectContaining({ file: 'experiments/broken.md', line: 5 })]);

    const text = cto(['experiments', '--today', '2026-12-06', ...db]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe('2 experiments on 2026-12-06 (1 overdue, 1 concluded).');
    expect(text.stdout).toContain('web:bun-trial not counted: the store holds only refs/heads/main of web');
    expect(text.stderr).toContain('experiments/broken.md:5:');
  });

  test("the report's Innovation area shows the findings; the overdue experiment is a decision needed", () => {
    const r = cto(['report', '--today', '2026-12-06', '--json', '--out', join(ws, 'report'), ...db]);
    expect(r.code, r.stderr).toBe(0);
    const model = JSON.parse(r.stdout);
    const area = model.sections.find((s: { id: string }) => s.id === 'innovation');
    const found = area.findings
      .filter((f: { analysis: string }) => f.analysis === 'experiments')
      .map((f: { rule: string; repository: string; owner: string }) => [f.rule, f.repository, f.owner]);
    expect(found).toEqual([
      ['experiment-overdue', 'api', 'Ada Lovelace'],
      ['experiment-radar-not-moved', 'web', 'Bob Builder'],
    ]);
    expect(area.kpis.find((k: { id: string }) => k.id === 'experiments-overdue')).toMatchObject({ value: 1 });
    const needed = model.summary.decisions.filter((d: { kind: string }) => d.kind === 'experiment-overdue');
    expect(needed).toEqual([
      expect.objectContaining({ subject: 'experiments/bun.md', due: '2026-10-31', owner: 'Ada Lovelace' }),
    ]);
  });
});
