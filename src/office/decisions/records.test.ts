// Decision records read from decisions/: MADR 4 front matter, bad records as diagnostics with their
// line, new records numbered after the highest, supersede editing both records, ranges of checks.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { proposedTooLong } from './index-file.ts';
import { cycleCompare, inRange, packageCompare, parseRange } from './range.ts';
import { loadDecisionRecords } from './records.ts';
import { newDecision, supersede } from './write.ts';

afterAll(() => cleanupTemp());

function workspace(files: Record<string, string>): string {
  const ws = tempDir();
  mkdirSync(join(ws, 'decisions'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(ws, 'decisions', name), text);
  return ws;
}

describe('decision records', () => {
  test("MADR's own status text, the heading as title, and other files ignored", () => {
    const ws = workspace({
      '0001-use-mysql.md': '---\nstatus: "superseded by ADR-0002"\ndate: 2025-01-02\n---\n\n# Use MySQL\n',
      '0002-use-postgresql.md':
        '---\nstatus: Accepted\ndecision-makers: Ada\nradar: [PostgreSQL]\n---\n# Use PostgreSQL\n',
      'README.md': '# not a record\n',
      'adr-template.md': '---\nstatus: x\n---\n',
    });
    const { records, diagnostics } = loadDecisionRecords(ws);
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => [r.number, r.title, r.status, r.supersededBy])).toEqual([
      [1, 'Use MySQL', 'superseded', 2],
      [2, 'Use PostgreSQL', 'accepted', null],
    ]);
    expect(records[1]).toMatchObject({ decisionMakers: ['Ada'], radar: ['PostgreSQL'], date: null });
  });

  test('a bad record is a diagnostic with its file and line; the others load', () => {
    const ws = workspace({
      '0001-good.md': '---\nstatus: accepted\n---\n# Good\n',
      '0002-typo.md':
        '---\nstatus: accepted\ndate: 2026-01-01\nchecks:\n  - forbid: { technolgy: mysql }\n---\n# Typo\n',
      '0003-status.md': '---\nstatus: approved\n---\n# Status\n',
      '0004-no-front-matter.md': '# Plain\n',
      '0005-dangling.md': '---\nstatus: accepted\nsupersedes: [9]\n---\n# Dangling\n',
    });
    const { records, diagnostics } = loadDecisionRecords(ws);
    expect(records.map((r) => r.number)).toEqual([1, 5]);
    const text = diagnostics.map((d) => `${d.file}:${d.line ?? ''}: ${d.message}`);
    expect(text[0]).toMatch(
      /^decisions\/0002-typo\.md:5: checks\.0\.forbid\.technolgy: unknown key \(did you mean "technology"\?\)/,
    );
    expect(text[1]).toMatch(/^decisions\/0003-status\.md:2: status: unknown status "approved"/);
    expect(text[2]).toBe(
      'decisions/0004-no-front-matter.md:1: no front matter (the file must open with a --- line)',
    );
    expect(text[3]).toBe('decisions/0005-dangling.md:: names decision 9, which does not exist');
  });

  test('new numbers after the highest file, even one that does not load; supersede edits both records', () => {
    const ws = workspace({
      '0004-broken.md': 'no front matter\n',
      '0002-old.md': '---\nstatus: accepted\n# a comment kept\n---\n# Old\n\nBody kept.\n',
    });
    const file = newDecision(ws, 'Adopt Café  Tooling!', { date: '2026-12-01', decisionMakers: ['Ada'] });
    expect(file).toBe('decisions/0005-adopt-cafe-tooling.md');
    const { records } = loadDecisionRecords(ws);
    expect(records.find((r) => r.number === 5)).toMatchObject({
      title: 'Adopt Café  Tooling!',
      status: 'proposed',
      date: '2026-12-01',
    });
    expect(() => newDecision(ws, '  ', { date: '2026-12-01' })).toThrow(/needs a title/);
    supersede(ws, 2, 5);
    const old = readFileSync(join(ws, 'decisions', '0002-old.md'), 'utf8');
    expect(old).toContain('# a comment kept');
    expect(old).toContain('status: superseded by ADR-0005');
    expect(old.endsWith('# Old\n\nBody kept.\n')).toBe(true);
    const after = loadDecisionRecords(ws).records;
    expect(after.find((r) => r.number === 2)).toMatchObject({ status: 'superseded', supersededBy: 5 });
    expect(after.find((r) => r.number === 5)?.supersedes).toEqual([2]);
    expect(() => supersede(ws, 5, 2)).toThrow(/itself superseded/);
    expect(() => supersede(ws, 2, 7)).toThrow(/no valid decision record numbered 7/);
  });

  test('proposed decisions wait at most the configured days; one without a date is listed', () => {
    const ws = workspace({
      '0001-a.md': '---\nstatus: proposed\ndate: 2026-11-01\n---\n# A\n',
      '0002-b.md': '---\nstatus: proposed\ndate: 2026-11-20\n---\n# B\n',
      '0003-c.md': '---\nstatus: proposed\n---\n# C\n',
      '0004-d.md': '---\nstatus: accepted\ndate: 2020-01-01\n---\n# D\n',
    });
    const needed = proposedTooLong(loadDecisionRecords(ws).records, '2026-12-06', 30);
    expect(needed.map((d) => [d.decision, d.ageDays])).toEqual([
      [1, 35],
      [3, null],
    ]);
  });
});

describe('check ranges', () => {
  test('comparators joined by || under the ecosystem order, or by cycle numbers', () => {
    const r = parseRange('>=1.2 <2 || =3.0.0');
    expect(r).not.toBeNull();
    const npm = packageCompare('npm');
    expect(inRange('1.10.0', r!, npm)).toBe(true);
    expect(inRange('2.0.0', r!, npm)).toBe(false);
    expect(inRange('3.0.0', r!, npm)).toBe(true);
    expect(inRange('not-a-version', r!, npm)).toBeNull();
    // PEP 440: a pre-release sorts before its release.
    expect(inRange('2.0rc1', parseRange('<2.0')!, packageCompare('PyPI'))).toBe(true);
    expect(inRange('3.10', parseRange('<3.9')!, cycleCompare)).toBe(false);
    expect(inRange('3.8.19', parseRange('3.8')!, cycleCompare)).toBe(true);
    expect(inRange('8.0.36-debian', parseRange('<8')!, cycleCompare)).toBe(false);
    expect(inRange('latest', parseRange('<8')!, cycleCompare)).toBeNull();
    expect(parseRange('>= ')).toBeNull();
  });
});
