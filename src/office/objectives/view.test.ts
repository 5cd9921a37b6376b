// Objectives scored on a built repository scanned with history into each engine: code lines grow from
// 10 (2026-06-30) to 20 (2026-09-30 and now), so a line from 10 to 30 over 2026-06-30..2026-12-31
// expects 20 at 2026-09-30 (on track) and 27.3 on 2026-12-06 (off track: 0.86 of the time, 0.5 of the way).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';

const TODAY = '2026-12-06';
const tenLines = (name: string) =>
  `${Array.from({ length: 10 }, (_, i) => `${name}_${i} = ${i}`).join('\n')}\n`;

const OBJECTIVES = `objectives:
  - title: Grow the service
    owner: Web
    start: 2026-06-30
    due: 2026-12-31
    key-results:
      - title: Thirty lines
        metric: code-lines
        scope: { repository: svc }
        target: 30
      - title: Python files
        sql: "select count(*) from files f join repositories r on r.current_snapshot_id = f.snapshot_id where f.path like '%.py'"
        baseline: 0
        target: 2
      - title: Unknown repository
        metric: code-lines
        scope: { repository: nowhere }
        target: 1
  - title: Starter without a start
    key-results:
      - title: Fifty lines
        metric: code-lines
        scope: { repository: svc }
        target: 50
        due: 2027-06-30
`;

afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

describe.each(ENGINES)('objectives on %s', (engine) => {
  const ws = tempDir();
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => cto([...args, '--workspace', ws, '--db', db]);

  beforeAll(() => {
    buildRepo(join(ws, 'svc'), [
      { date: '2026-05-01T10:00:00+00:00', files: { 'a.py': tenLines('a') } },
      { date: '2026-08-01T10:00:00+00:00', files: { 'b.py': tenLines('b') } },
    ]);
    const scan = run('scan', join(ws, 'svc'), '--history', '2q', '--today', TODAY);
    expect(scan.code, scan.stderr).toBe(0);
  });

  test('each key result is scored at every point against its line', () => {
    writeFileSync(join(ws, 'objectives.yaml'), OBJECTIVES);
    const r = run('objectives', '--today', TODAY, '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('cto.objectives/v1');
    const [lines, sql, unknown] = doc.objectives[0].keyResults;
    expect(lines).toMatchObject({
      baseline: 10,
      baselineFrom: '2026-06-30',
      value: 20,
      progress: 0.5,
      status: 'off track',
    });
    expect(
      lines.points.map((p: { date: string; value: number; expected: number; status: string }) => [
        p.date,
        p.value,
        p.expected,
        p.status,
      ]),
    ).toEqual([
      ['2026-06-30', 10, 10, 'on track'],
      ['2026-09-30', 20, 20, 'on track'],
      ['2026-12-06', 20, 27.3, 'off track'],
    ]);
    // 2 of 2 Python files: the target reached.
    expect(sql).toMatchObject({ value: 2, status: 'achieved' });
    expect(unknown).toMatchObject({
      status: 'not measured',
      note: 'no repository named "nowhere" in the store',
    });
    expect(doc.objectives[0].status).toBe('off track');
    // No start: the line starts at the first point (10 lines on 2026-06-30); on 2026-12-06 159 of 365
    // days (0.44) have passed but a quarter of the way (10 of 40 lines) is come: behind by 0.19, at risk.
    expect(doc.objectives[1].keyResults[0]).toMatchObject({
      start: '2026-06-30',
      baseline: 10,
      value: 20,
      status: 'at risk',
    });
    const text = run('objectives', '--today', TODAY).stdout.split('\n');
    expect(text[0]).toBe(
      '2 objectives, 4 key results on 2026-12-06: 1 achieved, 0 on track, 1 at risk, 1 off track, 1 not measured.',
    );
    expect(text[1]).toBe('Off track (decisions needed): Grow the service.');
  });

  test('a bad objectives.yaml is a diagnostic with its line, not a crash', () => {
    writeFileSync(join(ws, 'objectives.yaml'), OBJECTIVES.replace('target: 30', 'taget: 30'));
    const r = run('objectives', '--today', TODAY, '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.objectives).toEqual([]);
    expect(doc.diagnostics).toEqual([
      {
        file: 'objectives.yaml',
        line: 10,
        message: 'objectives.0.key-results.0.taget: unknown key (did you mean "target"?)',
      },
    ]);
  });
});
