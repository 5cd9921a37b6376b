// Skills on a built repository scanned into each engine: Ada and Cy changed Python files in the
// 365 days before the reference day, Bob changed only the Rust crate two years before and left.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { ADA, BOB, buildRepo, CY, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';

const TODAY = '2026-12-06';

interface Row {
  kind: string;
  id: string;
  people: Array<{ name: string; commits: number; teams: string[] }>;
  departed: number;
}

afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

describe.each(ENGINES)('skills on %s', (engine) => {
  const ws = tempDir();
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => cto([...args, '--workspace', ws, '--db', db]);

  beforeAll(() => {
    buildRepo(join(ws, 'app'), [
      {
        author: BOB,
        date: '2024-03-01T10:00:00Z',
        files: { 'Cargo.toml': '[package]\nname = "x"\n', 'src/lib.rs': 'fn a() {}\n' },
      },
      {
        author: ADA,
        date: '2026-06-01T10:00:00Z',
        files: { 'pyproject.toml': '[project]\nname = "app"\n', 'app/main.py': 'x = 1\n' },
      },
      {
        author: ADA,
        date: '2026-07-01T10:00:00Z',
        files: { 'app/main.py': 'x = 2\n', 'app/util.py': 'y = 1\n' },
      },
      { author: CY, date: '2026-08-01T10:00:00Z', files: { 'app/util.py': 'y = 2\n' } },
    ]);
    writeFileSync(
      join(ws, 'teams.yaml'),
      'teams:\n  - name: core\n    members: [ada@example.com]\n    owns: [app]\n',
    );
    mkdirSync(join(ws, 'radar', '2026-12-01'), { recursive: true });
    writeFileSync(
      join(ws, 'radar', '2026-12-01', 'python.md'),
      '---\nring: adopt\nquadrant: tools\ntechnology: python\n---\n',
    );
    writeFileSync(
      join(ws, 'radar', '2026-12-01', 'rust.md'),
      '---\nring: hold\nquadrant: tools\ntechnology: rust\n---\n',
    );
    const scan = run('scan', join(ws, 'app'));
    expect(scan.code, scan.stderr).toBe(0);
  });

  test('people per technology and language from their commits in the 365 days; departed people apart', () => {
    const r = run('skills', '--today', TODAY, '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const row = (kind: string, id: string) =>
      doc.rows.find((x: Row) => x.kind === kind && x.id === id) as Row;
    // Python: Ada's two commits (pyproject.toml and .py files), Cy's one.
    expect(row('technology', 'python').people.map((p) => [p.name, p.commits, p.teams])).toEqual([
      ['Ada Lovelace', 2, ['core']],
      ['Cy Young', 1, []],
    ]);
    expect(row('language', 'Python').people.map((p) => p.name)).toEqual(['Ada Lovelace', 'Cy Young']);
    expect(row('technology', 'rust')).toMatchObject({ people: [], departed: 1 });
    // HOLD Rust known only by Bob, who left; ADOPT Python has two people: no thin-knowledge finding.
    expect(doc.findings.map((f: { rule: string; subject: string }) => `${f.rule} ${f.subject}`)).toEqual([
      'skills-hold-departed rust',
    ]);
    const core = doc.teams.find((t: { team: string }) => t.team === 'core');
    expect(core.rows.find((x: { id: string }) => x.id === 'python')).toMatchObject({
      people: 1,
      advice: 'mentor a second person',
    });
    expect(core.rows.find((x: { id: string }) => x.id === 'rust')).toMatchObject({
      people: 0,
      advice: 'hire or borrow',
    });
  });

  test('--anonymize leaves no name or e-mail', () => {
    const r = run('skills', '--today', TODAY, '--json', '--anonymize');
    expect(r.code, r.stderr).toBe(0);
    for (const who of ['Ada', 'Lovelace', 'ada@example.com', 'Cy Young', 'cy@example.com'])
      expect(r.stdout).not.toContain(who);
    expect(r.stdout).toMatch(/person-[0-9a-f]{8}/);
    const text = run('skills', '--today', TODAY, '--anonymize').stdout;
    expect(text).not.toContain('Ada');
  });
});
