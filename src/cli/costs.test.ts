// `cto costs` through the command line: the FOCUS sample imported into a workspace whose cto.yaml
// allocates its `application` and `business_unit` tags.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FOCUS_SAMPLE, SAMPLE_BILLED, SAMPLE_EFFECTIVE } from '../../test/fixtures/costs/focus.ts';
import { cto } from '../../test/helpers/cli.ts';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';

let ws: string;
let imported: ReturnType<typeof cto>;

beforeAll(() => {
  ws = tempDir();
  writeFileSync(
    join(ws, 'cto.yaml'),
    'costs:\n  rules:\n    - tag: application\n      repository: "{value}"\n    - tag: business_unit\n      team: "{value}"\n',
  );
  imported = cto(['costs', 'import', FOCUS_SAMPLE, '--workspace', ws]);
});
afterAll(cleanupTemp);

describe('cto costs', () => {
  test('import says what it loaded; a second import of the same file changes nothing', () => {
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported 1,000 charges');
    expect(imported.stdout).toContain('billed USD 20.52, effective USD 14.98');
    const again = cto(['costs', 'import', FOCUS_SAMPLE, '--workspace', ws, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      schema: 'cto.costs-import/v1',
      status: 'unchanged',
      rows: 1000,
    });
  });

  test('the totals equal the sums of the file, to the last digit in JSON and to the cent on screen', () => {
    const r = cto(['costs', '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('cto.costs/v1');
    expect(doc.totals).toEqual([
      {
        currency: 'USD',
        billed: SAMPLE_BILLED,
        effective: SAMPLE_EFFECTIVE,
        months: [{ month: '2024-09', billed: SAMPLE_BILLED, effective: SAMPLE_EFFECTIVE }],
      },
    ]);
    const unallocated = doc.groups.team.find((g: { name: string | null }) => g.name === null);
    expect(Number(unallocated.billed)).toBeGreaterThan(0);
    const text = cto(['costs', '--workspace', ws]).stdout.split('\n');
    expect(text[0]).toMatch(/^Spend 2024-09 \(USD/);
    expect(text.slice(0, 4).join('\n')).toMatch(/total\s+20\.52\s+14\.98/);
    expect(text.find((l) => l.startsWith('Unallocated'))).toMatch(/team USD 0\.\d\d/);
  });

  test('--by shows every row of one grouping; --since past the data says there is none', () => {
    const r = cto(['costs', '--workspace', ws, '--by', 'provider']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/By provider\nprovider\s+billed\s+effective\s+change\nAWS\s+18\.01/);
    expect(r.stdout).not.toContain('By team');
    expect(cto(['costs', '--workspace', ws, '--since', '2025-01']).stdout).toContain(
      'No spend from 2025-01 on',
    );
  });
});
