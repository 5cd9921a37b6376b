// The one place human-readable output passes through: safe text, terminal widths, never cut in a pipe.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  cutLeft,
  cutRight,
  jsonDocument,
  pathColumn,
  render,
  renderTable,
  styled,
  tableWidth,
  textColumn,
  visible,
} from './output.ts';

const ESC = '\u001b';
const BEL = '\u0007';
/** Sets the clipboard (OSC 52), the window title (OSC 0), clears the screen, rings the bell. */
const HOSTILE = `a${ESC}]52;c;cHduZWQ=${BEL}${ESC}]0;title${BEL}${ESC}[2J${BEL}\u009b31m\u202egnp.exe\u200b\ufeff\u2028\u007fz`;
/** Any character a terminal acts on or hides; \n and \t are allowed only where lines are kept. */
const RAW_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

const fakeStream = (isTTY: boolean, columns?: number) =>
  ({ isTTY, columns }) as unknown as NodeJS.WriteStream;

const savedEnv = { ...process.env };
afterEach(() => {
  for (const k of ['COLUMNS', 'FORCE_COLOR', 'NO_COLOR']) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

describe('visible', () => {
  test('C0, DEL, C1, bidi and invisible characters become escapes; letters of every script stay', () => {
    expect(visible(HOSTILE)).toBe(
      'a\\x1b]52;c;cHduZWQ=\\x07\\x1b]0;title\\x07\\x1b[2J\\x07\\x9b31m\\u202egnp.exe\\u200b\\ufeff\\u2028\\x7fz',
    );
    expect(visible(HOSTILE)).not.toMatch(RAW_CONTROL);
    // Accents, CJK, Persian with its zero width non-joiner, an emoji joined by a zero width joiner.
    const names = 'José Ñúñez, 田欧, Zoë, مهدی\u200cزاده, 👩\u200d💻, e\u0301';
    expect(visible(names)).toBe(names);
    expect(visible('\u200fמה')).toBe('\\u200fמה');
  });

  test('line breaks and tabs are kept only when asked (messages), never in cells', () => {
    expect(visible('a\nb\tc\rd', true)).toBe('a\nb\tc\\x0dd');
    expect(visible('a\nb\tc')).toBe('a\\x0ab\\x09c');
  });

  test('render escapes the text of styled parts and applies only its own colours', () => {
    process.env.FORCE_COLOR = '1';
    const line = render(fakeStream(false), [styled('red', `x${ESC}[8m`), ' ', HOSTILE, 7]);
    expect(line).toContain('x\\x1b[8m');
    expect(line).toContain(`${ESC}[31m`);
    expect(line.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_CONTROL);
    expect(line.endsWith('z7')).toBe(true);
  });
});

describe('renderTable', () => {
  const longPath = `src/${'deeply/nested/'.repeat(12)}file.ts`;
  const rows = [
    [
      'svc',
      longPath,
      'GHSA-aaaa-bbbb-cccc-dddd-eeee-ffff',
      12,
      'a reason that explains a great deal more than fits',
    ],
  ];
  const headers = ['repository', pathColumn('file'), 'advisory', 'score', textColumn('why')];

  test('in a pipe nothing is cut, however long', () => {
    const t = renderTable(headers, rows, tableWidth(fakeStream(false, 40)));
    expect(t).toContain(longPath);
    expect(t).toContain('a reason that explains a great deal more than fits');
  });

  test('on a narrow terminal paths lose their start at a folder, text its end; identifiers and numbers stay whole', () => {
    const t = renderTable(headers, rows, 90, fakeStream(true, 90));
    const line = t.split('\n')[1] as string;
    expect(line).toMatch(/^svc +…\/[^ ]*\/file\.ts +GHSA-aaaa-bbbb-cccc-dddd-eeee-ffff +12 {2}a reason.*…$/);
    expect(line.length).toBeLessThanOrEqual(90);
    // Too narrow even for the identifiers: they are kept, with the file name, and the line is longer.
    const narrow = renderTable(headers, rows, 20, fakeStream(true, 20)).split('\n')[1] as string;
    expect(narrow).toContain('GHSA-aaaa-bbbb-cccc-dddd-eeee-ffff');
    expect(narrow).toMatch(/^svc +…\/file\.ts +GHSA/);
  });

  test('a very long file name is cut too, rather than widening the column past the terminal', () => {
    const name = `${'a-file-name-longer-than-any-sensible-one-'.repeat(2)}x.ts`;
    const t = renderTable(['repository', pathColumn('file')], [['svc', `src/${name}`]], 40, fakeStream(true));
    const line = t.split('\n')[1] as string;
    expect(line).toMatch(/^svc {9}…[a-z-]+x\.ts$/);
    expect(line.length).toBeLessThanOrEqual(40);
  });

  test('widths are terminal columns: East Asian wide and combining characters align', () => {
    const t = renderTable(
      ['person', 'commits', 'repositories'],
      [
        ['田欧', 3, 'a'],
        ['José', 12, 'b'],
        ['Jose\u0301', 1, 'c'],
      ],
      Number.POSITIVE_INFINITY,
    );
    expect(t.split('\n')).toEqual([
      'person  commits  repositories',
      '田欧          3  a',
      'José         12  b',
      'Jose\u0301          1  c',
    ]);
  });

  test('cells are made safe and one line; control characters take the width of their escape', () => {
    const t = renderTable(
      ['name', 'n'],
      [
        [`x${ESC}[2J\ny`, 1],
        ['plain', 22],
      ],
      Number.POSITIVE_INFINITY,
    );
    expect(t).not.toMatch(RAW_CONTROL);
    expect(t.split('\n')).toEqual(['name         n', 'x\\x1b[2J y   1', 'plain       22']);
  });

  test('styled cells are padded by what shows, not by their colour codes', () => {
    process.env.FORCE_COLOR = '1';
    const t = renderTable(
      ['status', 'n'],
      [
        [styled('red', 'past-eol'), 1],
        ['ok', 2],
      ],
      80,
      fakeStream(true),
    );
    const plain = t.replace(/\u001b\[\d+m/g, '');
    expect(plain.split('\n')).toEqual(['status    n', 'past-eol  1', 'ok        2']);
    expect(t).toContain(`${ESC}[31mpast-eol${ESC}[39m`);
  });
});

describe('cutting', () => {
  test('paths from the left at a folder, else within the name; text from the right', () => {
    expect(cutLeft('src/very/deep/folder/file.ts', 16)).toBe('…/folder/file.ts');
    expect(cutLeft('src/a-very-long-file-name.ts', 10)).toBe('…e-name.ts');
    expect(cutLeft('src/田欧田欧/x.ts', 8)).toBe('…/x.ts');
    expect(cutRight('田欧田欧田欧', 6)).toBe('田欧…');
    expect(cutRight('abcdef', 4)).toBe('abc…');
  });
});

describe('tableWidth', () => {
  test('unlimited in a pipe; COLUMNS, else the real width, on a terminal', () => {
    process.env.COLUMNS = '50';
    expect(tableWidth(fakeStream(false, 100))).toBe(Number.POSITIVE_INFINITY);
    expect(tableWidth(fakeStream(true, 100))).toBe(50);
    delete process.env.COLUMNS;
    expect(tableWidth(fakeStream(true, 100))).toBe(100);
    process.env.COLUMNS = 'wide';
    expect(tableWidth(fakeStream(true, 70))).toBe(70);
  });
});

test('JSON documents escape what JSON.stringify leaves raw, and parse back to the same text', () => {
  const text = jsonDocument('cto.test/v1', { name: HOSTILE });
  expect(text.replaceAll('\n', '')).not.toMatch(RAW_CONTROL);
  expect(text).toContain('\\u009b31m\\u202egnp.exe');
  expect(JSON.parse(text).name).toBe(HOSTILE);
});

test('commands print only through this module, so none can forget to make text safe', () => {
  const dir = import.meta.dirname;
  // progress.ts draws its lines with `render` and moves the cursor itself.
  const writers = new Set(['output.ts', 'progress.ts']);
  const offenders = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !writers.has(f))
    .filter((f) =>
      /process\.(stdout|stderr)\.write|console\.(log|error|warn|info)/.test(
        readFileSync(join(dir, f), 'utf8'),
      ),
    );
  expect(offenders).toEqual([]);
});
