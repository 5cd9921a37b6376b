// Output as a terminal meets it: bytes from a hostile repository (its folder name, an author, paths, a tag,
// package names) never reach the terminal raw through any command; a pipe is never cut; a terminal's
// width (COLUMNS) cuts paths from the left and never identifiers; wide characters align.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, test } from 'vitest';
import { CTO_BIN, cto } from '../helpers/cli.ts';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

afterAll(cleanupTemp);

const ESC = '\u001b';
const BEL = '\u0007';
/** Sets the window title. */
const TITLE = `${ESC}]0;pwned${BEL}`;
/** Sets the clipboard (OSC 52), clears the screen, rings the bell. */
const CLIPBOARD = `${ESC}]52;c;Y3VybCBldmlsLnNofHNo${BEL}${ESC}[2J${BEL}`;
const REPO = `app${TITLE}`;
const AUTHOR = { name: `Mallory${CLIPBOARD}`, email: 'mallory@example.com' };
const WIDE = { name: '田欧', email: 'tian@example.com' };
const PATH = `src/evil${ESC}[31m\u202egnp.py`;
/** A C1 control (CSI, U+009B) and a bidi override: git allows both in a tag name. */
const TAG = `1.0.0\u009b2J\u202e`;
const PACKAGE = `left-pad${TITLE}`;
const LONG = `services/${'very-long-folder-name/'.repeat(6)}handler.py`;

/** A character a terminal acts on or hides: C0 (but line feed), DEL, C1, bidi controls, invisible ones. */
const RAW =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function hostileWorkspace(): { ws: string; root: string } {
  const root = tempDir();
  const pkg = JSON.stringify({ name: 'app', dependencies: { [PACKAGE]: '1.3.0', express: '4.17.1' } });
  const lock = JSON.stringify({
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', dependencies: { [PACKAGE]: '1.3.0', express: '4.17.1' } },
      [`node_modules/${PACKAGE}`]: { version: '1.3.0', license: `MIT${TITLE}` },
      'node_modules/express': { version: '4.17.1', license: 'MIT' },
    },
  });
  const code = (n: number) => Array.from({ length: n }, (_, i) => `x${i} = ${i}\n`).join('');
  buildRepo(
    join(root, REPO),
    [
      { author: AUTHOR, date: '2024-01-02T10:00:00Z', files: { [PATH]: code(5), [LONG]: code(3) } },
      {
        author: AUTHOR,
        date: '2024-01-03T10:00:00Z',
        files: {
          'package.json': pkg,
          'package-lock.json': lock,
          [`docker${TITLE}/Dockerfile`]: 'FROM node:18\n',
        },
      },
      { author: WIDE, date: '2024-01-04T10:00:00Z', files: { [PATH]: code(7), [LONG]: code(4) } },
      // Six more commits change both files: a pair of files that change together.
      ...[5, 6, 7, 8, 9, 10].map((d) => ({
        author: ADA,
        date: `2024-01-${String(d).padStart(2, '0')}T10:00:00Z`,
        files: { [PATH]: code(d + 4), [LONG]: code(d + 1) },
      })),
    ],
    { tags: [{ name: TAG, at: 2 }] },
  );
  const ws = tempDir();
  writeFileSync(
    join(ws, 'cto.yaml'),
    'delivery:\n  tagPattern: "^(?<version>\\\\d+\\\\.\\\\d+\\\\.\\\\d+)[\\\\s\\\\S]*$"\n',
  );
  return { ws, root };
}

const { ws, root } = hostileWorkspace();
const scan = cto(['scan', root, '--workspace', ws]);

describe('no raw control character from a repository reaches the terminal', () => {
  /** Each command with what it must show, escaped: proof the hostile text went through, made safe. */
  const COMMANDS: Array<[string[], string[]]> = [
    [['repos'], ['app\\x1b]0;pwned\\x07']],
    [['code'], ['app\\x1b]0;pwned\\x07']],
    [['hotspots'], ['src/evil\\x1b[31m\\u202egnp.py']],
    [['hotspots', '--coupling'], ['src/evil\\x1b[31m\\u202egnp.py']],
    [['people'], ['Mallory\\x1b]52;c;Y3VybCBldmlsLnNofHNo\\x07\\x1b[2J\\x07']],
    [['knowledge'], ['Mallory\\x1b]52;', 'app\\x1b]0;pwned\\x07']],
    [
      ['knowledge', '--leave', AUTHOR.email, '--leave', WIDE.email, '--leave', ADA.email],
      ['Mallory\\x1b]52;', 'src/evil\\x1b[31m'],
    ],
    [['deps'], ['left-pad\\x1b]0;pwned\\x07', 'package-lock.json']],
    [['deps', '--tree', PACKAGE], ['left-pad\\x1b]0;pwned\\x07']],
    [['licences'], ['left-pad\\x1b]0;pwned\\x07', 'MIT\\x1b]0;pwned\\x07']],
    [['eol'], ['docker\\x1b]0;pwned\\x07/Dockerfile']],
    [['vulns'], ['app\\x1b]0;pwned\\x07']],
    [['tech'], ['app\\x1b]0;pwned\\x07']],
    [['teams'], []],
    [['diagnostics'], ['app\\x1b]0;pwned\\x07: ']],
    [['delivery'], ['app\\x1b]0;pwned\\x07  ']],
    [['delivery', REPO], ['1.0.0\\x9b2J\\u202e']],
    [
      ['sql', 'select author_name, count(*) from current_commits group by 1 order by 1'],
      ['Mallory\\x1b]52;'],
    ],
    [['report', '--out', join(ws, 'report')], ['Report written']],
    [['scan', root], ['app\\x1b]0;pwned\\x07']],
  ];

  test('the scan itself', () => {
    expect(scan.code).toBe(0);
    expect(scan.stdout + scan.stderr).not.toMatch(RAW);
    expect(scan.stdout).toContain('app\\x1b]0;pwned\\x07');
  });

  test.each(COMMANDS.map(([argv, shows]) => [argv.join(' '), argv, shows] as const))(
    'cto %s',
    (_, argv, shows) => {
      const r = cto([...argv, '--workspace', ws]);
      expect(r.code, r.stderr).toBe(0);
      const all = r.stdout + r.stderr;
      expect(all).not.toMatch(RAW);
      for (const s of shows) expect(all).toContain(s);
    },
  );

  test('--json keeps the exact text, escaped as JSON, and nothing raw', () => {
    const r = cto(['people', '--json', '--workspace', ws]);
    expect(r.stdout.replaceAll('\n', '')).not.toMatch(RAW);
    const names = JSON.parse(r.stdout).people.map((p: { name: string }) => p.name);
    expect(names).toContain(AUTHOR.name);
    const delivery = JSON.parse(cto(['delivery', REPO, '--json', '--workspace', ws]).stdout);
    expect(delivery.repositories[0].releaseList.map((x: { tag: string }) => x.tag)).toContain(TAG);
  });

  test('with colours forced, every escape sequence left is one of our colours', () => {
    for (const argv of [['eol'], ['scan', root], ['delivery', REPO]]) {
      const r = cto([...argv, '--workspace', ws], { FORCE_COLOR: '1' });
      const all = r.stdout + r.stderr;
      expect(all).toMatch(/\u001b\[\d+m/);
      expect(all.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW);
    }
  });
});

describe('widths', () => {
  test('a pipe is never cut: long paths and reasons come out whole', () => {
    const r = cto(['hotspots', '--workspace', ws], { COLUMNS: '40' });
    expect(r.stdout).toContain(LONG);
  });

  test('columns line up in terminal columns with East Asian names', () => {
    const lines = cto(['people', '--workspace', ws]).stdout.split('\n');
    // Where the commits column ends, in terminal columns, on the header and on two people's lines.
    const ends = [
      ['person', /^ +commits/],
      ['田欧', /^ +\d+/],
      ['Ada Lovelace', /^ +\d+/],
    ].map(([name, after]) => {
      const line = lines.find((l) => l.startsWith(name as string)) as string;
      const rest = (after as RegExp).exec(line.slice((name as string).length)) as RegExpExecArray;
      return stringWidth(name as string) + rest[0].length;
    });
    expect(ends).toEqual([ends[0], ends[0], ends[0]]);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  test.skipIf(!hasScript)('on a terminal COLUMNS cuts paths from the left and never identifiers', () => {
    // `script` runs cto on a pseudo-terminal, as a person at a terminal would.
    const command = `"${process.execPath}" "${CTO_BIN}" hotspots --workspace "${ws}"`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, CTO_DB: '', COLUMNS: '140', NO_COLOR: '1' },
    });
    const lines = r.stdout.replaceAll('\r', '').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(140);
    expect(r.stdout).toMatch(/ …\/[a-z/-]*handler\.py /);
    expect(r.stdout).not.toContain(LONG);
    expect(r.stdout).toContain('app\\x1b]0;pwned\\x07');
  });
});
